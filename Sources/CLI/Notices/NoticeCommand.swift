import ArgumentParser
import Assessment
import Domain
import Foundation
import Notices
import Rules
import WorkingDays

/// `tally notice --period P [--kind quarterly|year-end|meeting] [--office ID] [--run ID]
/// [--format md|html|csv|docx] [--out FILE] [--top N] [--meeting-at T --place S [--agenda A…]]`:
/// the quarterly notice (季度通报), the year-end results (年度考核结果) or the meeting pack
/// (例会材料) of a stored assessment run — the office's newest run of the period unless
/// `--run` names one. Quarterly notices and meeting packs compare with the newest run of
/// the quarter before when there is one. The document is kept with its run (`tally
/// documents`).
struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "通报与材料：由已保存的考核生成季度通报、年度考核结果或例会材料（Markdown、HTML、CSV 或 Word）。",
        discussion: """
            模板：rules/<办公室>/templates/<种类>.<格式>.mustache（quarterly-notice、year-end-results、meeting-pack），
            本办公室优先，其次逐级上级办公室，最后是 --templates 目录中的默认模板。见 docs/notices.md。
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "quarterly (季度通报, default), year-end (年度考核结果) or meeting (例会材料).") var kind = "quarterly"
    @Option(name: .long, help: "Quarter (2026Q2) for quarterly and meeting, year (2026) for year-end.") var period: String
    @Option(name: .long, help: "Office whose run is used.") var office = "city"
    @Option(name: .long, help: "A stored run's id (default: the office's newest run of the period).") var run: String?
    @Option(name: .long, help: "md, html, csv (the main table) or docx (Word; with --out, or standard output when not a terminal).")
    var format = "md"
    @Option(name: .long, help: "Write to this file (atomically) instead of standard output.") var out: String?
    @Option(name: .long, help: "Units named per group as outstanding and as lagging.") var top = 10
    @Option(name: .long, help: "Folder of the default templates (default: templates/ beside the rules folder).") var templates: String?
    @Option(name: .long, help: "meeting: when it starts, e.g. 2026-04-22T15:00:00+08:00.") var meetingAt: String?
    @Option(name: .long, help: "meeting: where it is held.") var place: String?
    @Option(name: .long, help: "meeting: an agenda item (repeat for each; default: the standard agenda).") var agenda: [String] = []

    func validate() throws {
        guard let kind = NoticeKind(rawValue: kind) else {
            throw ValidationError("--kind: 应为 \(NoticeKind.allCases.map(\.rawValue).joined(separator: "、")) 之一，实际为 '\(self.kind)'")
        }
        guard let p = Period(period) else { throw ValidationError("--period: 应为季度（如 2026Q2）或年度（如 2026），实际为 '\(period)'") }
        switch (kind, p) {
        case (.yearEnd, .year), (.quarterly, .quarter), (.meeting, .quarter): break
        case (.yearEnd, _): throw ValidationError("--period: 年度考核结果按年度生成，应为如 2026 的年度，实际为 '\(period)'")
        default: throw ValidationError("--period: \(kind.label)按季度生成，应为如 2026Q2 的季度，实际为 '\(period)'")
        }
        guard OfficeID(office) != nil else { throw ValidationError("--office: '\(office)' 不是有效的办公室编号") }
        guard let format = NoticeFormat(rawValue: format) else {
            throw ValidationError("--format: 应为 \(NoticeFormat.allCases.map(\.rawValue).joined(separator: "、")) 之一，实际为 '\(self.format)'")
        }
        guard kind.formats.contains(format) else {
            throw ValidationError("--format: \(kind.label)不能生成 \(format.rawValue)（可用：\(kind.formats.map(\.rawValue).joined(separator: "、"))）")
        }
        if format.isBinary, out == nil, isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("--out: Word 文档是二进制文件，请用 --out 指定文件，或把标准输出重定向到文件")
        }
        guard (1...1000).contains(top) else { throw ValidationError("--top: 应在 1–1000 之间") }
        try validateMeeting(kind)
    }

    /// `--meeting-at` and `--place` are needed by, and `--agenda` allowed with, meetings only.
    private func validateMeeting(_ kind: NoticeKind) throws {
        guard kind == .meeting else {
            for (flag, given) in [("--meeting-at", meetingAt != nil), ("--place", place != nil), ("--agenda", !agenda.isEmpty)] where given {
                throw ValidationError("\(flag): 只用于 --kind meeting（例会材料）")
            }
            return
        }
        guard let meetingAt else { throw ValidationError("--meeting-at: 例会材料需要会议时间，如 2026-04-22T15:00:00+08:00") }
        guard Instant(iso: meetingAt) != nil else {
            throw ValidationError("--meeting-at: 时间格式应为 ISO 8601 并带时区，如 2026-04-22T15:00:00+08:00，实际为 '\(meetingAt)'")
        }
        guard let place, !place.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--place: 例会材料需要会议地点") }
        if agenda.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) { throw ValidationError("--agenda: 议程不能为空") }
    }

    func run() async throws {
        let kind = NoticeKind(rawValue: self.kind)!
        let period = Period(self.period)!
        let office = OfficeID(self.office)!
        let format = NoticeFormat(rawValue: self.format)!
        let store = try await StoreFactory.openService(global)
        guard let current = try await Self.run(store, id: run, office: office, period: period) else {
            let flag = office.rawValue == "city" ? "" : " --office \(office)"
            throw CommandFailure("还没有 \(period.label) 的考核：请先运行 tally assess --period \(period)\(flag)")
        }
        let production = NoticeProduction(global: global, store: store, templates: templates.map(URL.init(fileURLWithPath:)) ?? global.defaultTemplatesURL, top: top)
        let meeting = kind == .meeting ? NoticeProduction.Meeting(at: Instant(iso: meetingAt!)!, place: place!, agenda: agenda.isEmpty ? nil : agenda) : nil
        let document = try await production.document(kind, of: current, meeting: meeting)
        let data = try production.render(document, office: current.office, as: format)
        try await production.keep(data, of: document, run: current, format: format, by: "cli", at: try global.currentInstant())
        guard let out else { return FileHandle.standardOutput.write(data) }
        do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
            throw CommandFailure("无法写入 \(out)：\(error.localizedDescription)")
        }
    }

    /// Run `id`, which must be of `period`, else the newest run of `office` and `period`;
    /// nil when there is none.
    private static func run(_ store: any ServiceStore, id: String?, office: OfficeID, period: Period) async throws -> AssessmentRun? {
        if let id {
            guard let run = try await store.run(id: id) else { throw CommandFailure("找不到考核 \(id)（tally assess runs 列出全部）") }
            guard run.period == period else { throw CommandFailure("考核 \(id) 是 \(run.period.label) 的，不是 \(period.label) 的") }
            return run
        }
        guard let newest = try await store.runs(office: office, period: period).first else { return nil }
        return try await store.run(id: newest.id)
    }
}
