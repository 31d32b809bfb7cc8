package import Foundation
package import YAMLFiles

/// Reads calendar data files (format in `schedules/README.md`):
/// `schedules/calendar/CN/<year>.yaml` for the State Council notices and
/// `schedules/calendar/local/<office>.yaml` for an office's own days.
package enum CalendarFile {
    /// Parses one national year file; amendments replace same-named holidays.
    package static func parseYear(_ text: String, file: String) throws(YAMLError) -> CalendarYear {
        let root = try YAMLNode.parse(text, file: file)
        let m = try root.mapping(allowed: ["year", "source", "holidays", "amendments"])
        let year = try m.required("year", in: root).int()
        guard (1990...2100).contains(year) else { throw m["year"]!.error("年份不合理：\(year)") }
        let notice = try parseNotice(m.required("source", in: root))
        var holidays = try m.required("holidays", in: root).sequence().map { (n) throws(YAMLError) in
            try parseHoliday(n, notice: notice)
        }
        var notices = [notice]
        if let amendments = m["amendments"] {
            for a in try amendments.sequence() {
                let am = try a.mapping(allowed: ["source", "holidays"])
                let amNotice = try parseNotice(am.required("source", in: a))
                notices.append(amNotice)
                for h in try am.required("holidays", in: a).sequence() {
                    let replacement = try parseHoliday(h, notice: amNotice)
                    if let i = holidays.firstIndex(where: { $0.name == replacement.name }) {
                        holidays[i] = replacement
                    } else {
                        holidays.append(replacement)
                    }
                }
            }
        }
        try checkConsistency(holidays, root: root)
        return CalendarYear(year: year, notices: notices, holidays: holidays)
    }

    /// Parses an office overlay file.
    package static func parseOverlay(_ text: String, file: String) throws(YAMLError) -> LocalOverlay {
        let root = try YAMLNode.parse(text, file: file)
        let m = try root.mapping(allowed: ["office", "days_off", "workdays"])
        var overlay = LocalOverlay(office: try m.required("office", in: root).string())
        for n in try m["days_off"]?.sequence() ?? [] {
            let (d, why) = try parseLocalDay(n)
            overlay.daysOff[d] = why
        }
        for n in try m["workdays"]?.sequence() ?? [] {
            let (d, why) = try parseLocalDay(n)
            if overlay.daysOff[d] != nil { throw n.error("\(d) 同时被列为本地休息日和本地工作日") }
            overlay.workdays[d] = why
        }
        return overlay
    }

    /// Loads every `<year>.yaml` of a national folder (e.g. `schedules/calendar/CN`).
    package static func loadNational(directory: URL) throws -> [CalendarYear] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        var years: [CalendarYear] = []
        for name in files {
            let path = directory.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let year = try parseYear(text, file: displayPath(path))
            let stem = name.split(separator: ".").first.map(String.init) ?? name
            if stem != String(year.year) {
                throw YAMLError(file: displayPath(path), line: 1, field: "year", reason: "文件名应为 \(year.year).yaml")
            }
            years.append(year)
        }
        return years
    }

    /// Loads the national calendar under `schedules/calendar/CN` and, if present, the
    /// overlay `schedules/calendar/local/<office>.yaml`.
    package static func load(schedules: URL, office: String? = nil) throws -> WorkCalendar {
        let national = try loadNational(directory: schedules.appendingPathComponent("calendar/CN"))
        var calendar = WorkCalendar(years: national)
        if let office {
            let path = schedules.appendingPathComponent("calendar/local/\(office).yaml").path
            if FileManager.default.fileExists(atPath: path) {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                calendar = calendar.with(overlay: try parseOverlay(text, file: displayPath(path)))
            }
        }
        return calendar
    }

    // MARK: - Pieces

    private static func parseNotice(_ n: YAMLNode) throws(YAMLError) -> CalendarNotice {
        let m = try n.mapping(allowed: ["title", "number", "published", "url"])
        return CalendarNotice(
            title: try m.required("title", in: n).string(),
            number: try m["number"]?.string(),
            published: try day(m.required("published", in: n)),
            url: try m["url"]?.string()
        )
    }

    private static func parseHoliday(_ n: YAMLNode, notice: CalendarNotice) throws(YAMLError) -> HolidayArrangement {
        let m = try n.mapping(allowed: ["name", "off", "work"])
        let offNode = try m.required("off", in: n)
        let off = try offNode.string()
        var daysOff: [Day] = []
        if let range = off.range(of: "..") {
            guard let a = Day(iso: off[..<range.lowerBound]), let b = Day(iso: off[range.upperBound...]) else {
                throw offNode.error("日期范围格式应为 YYYY-MM-DD..YYYY-MM-DD，实际为 '\(off)'")
            }
            guard a <= b, b.ordinal - a.ordinal < 31 else { throw offNode.error("日期范围不合理：'\(off)'") }
            var d = a
            while d <= b {
                daysOff.append(d)
                d = d.adding(days: 1)
            }
        } else {
            daysOff = [try day(offNode)]
        }
        var work: [Day] = []
        for w in try m["work"]?.sequence() ?? [] {
            let d = try day(w)
            guard d.isWeekend else { throw w.error("\(d) 是周\(d.weekday)，调休上班日应为周末") }
            work.append(d)
        }
        return HolidayArrangement(name: try m.required("name", in: n).string(), daysOff: daysOff, workdays: work, notice: notice)
    }

    private static func parseLocalDay(_ n: YAMLNode) throws(YAMLError) -> (Day, String) {
        let m = try n.mapping(allowed: ["date", "reason"])
        return (try day(m.required("date", in: n)), try m.required("reason", in: n).string())
    }

    private static func day(_ n: YAMLNode) throws(YAMLError) -> Day {
        let s = try n.string()
        guard let d = Day(iso: s) else { throw n.error("日期格式应为 YYYY-MM-DD，实际为 '\(s)'") }
        return d
    }

    private static func checkConsistency(_ holidays: [HolidayArrangement], root: YAMLNode) throws(YAMLError) {
        var seen: [Day: String] = [:]
        for h in holidays {
            for d in h.daysOff + h.workdays {
                if let other = seen[d] {
                    throw root.error("\(d) 同时出现在“\(other)”和“\(h.name)”中")
                }
                seen[d] = h.name
            }
        }
    }

    /// Paths shown in errors: relative to the current directory when inside it.
    package static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
