package import Foundation
import Domain
import WorkingDays
package import YAMLFiles

/// Loads `schedules/*.yaml` (every job file; the calendar data lives in
/// `schedules/calendar/`) and lints them: unknown keys, bad values, unknown actions,
/// duplicate ids, reminders of missing jobs, triggers that never fire. Every problem is
/// reported as `FILE:LINE: field: reason`; a set with problems is not used.
package struct ScheduleLoader {
    package let directory: URL
    package let registry: ActionRegistry

    package init(directory: URL, registry: ActionRegistry) {
        self.directory = directory
        self.registry = registry
    }

    /// The problems of a schedule folder.
    package struct Failure: Error, CustomStringConvertible {
        package var errors: [YAMLError]

        package var description: String { errors.map(\.description).joined(separator: "\n") }
    }

    /// Reads and checks every job file; throws `Failure` listing every problem.
    package func load() throws -> ScheduleSet {
        let national: WorkCalendar
        do {
            national = try CalendarFile.load(schedules: directory)
        } catch let e as YAMLError {
            throw Failure(errors: [e])
        }
        var errors: [YAMLError] = []
        var jobs: [Job] = []
        for url in try jobFiles() {
            let path = CalendarFile.displayPath(url.path)
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                errors.append(YAMLError(file: path, line: 1, field: "", reason: "无法读取（须为 UTF-8 文本）：\(error.localizedDescription)"))
                continue
            }
            let (fileJobs, fileErrors) = ScheduleFileParser(file: path, registry: registry).parse(text)
            errors += fileErrors
            jobs += fileJobs
        }
        var calendars: [OfficeID: WorkCalendar] = [:]
        for office in Set(jobs.map(\.office)) {
            do {
                calendars[office] = try CalendarFile.load(schedules: directory, office: office.rawValue)
            } catch let e as YAMLError {
                errors.append(e)
            }
        }
        let set = ScheduleSet(jobs: jobs, national: national, calendars: calendars)
        errors += crossCheck(set)
        guard errors.isEmpty else {
            throw Failure(errors: errors.sorted { ($0.file, $0.line) < ($1.file, $1.line) })
        }
        return set
    }

    /// Files of the folder that are not job files: the delivery settings.
    package static let settingsFiles: Set<String> = ["delivery.yaml"]

    /// The job files: `*.yaml` / `*.yml` directly in the folder but `settingsFiles`, in name order.
    package func jobFiles() throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !Self.settingsFiles.contains($0) }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    private func crossCheck(_ set: ScheduleSet) -> [YAMLError] {
        var errors: [YAMLError] = []
        var seen: [String: Job] = [:]
        for job in set.jobs {
            if let first = seen[job.id] {
                errors.append(error(job, "id", "任务 id 重复（已在 \(first.source) 定义）"))
            } else {
                seen[job.id] = job
            }
        }
        for job in set.jobs {
            if case .beforeJob(let anchorID, _, _) = job.trigger {
                guard let anchor = seen[anchorID] else {
                    errors.append(error(job, "trigger.relative_to", "没有名为 \(anchorID) 的任务"))
                    continue
                }
                switch anchor.trigger {
                case .cron, .workdays: break
                default: errors.append(error(job, "trigger.relative_to", "只能相对于按时间触发的任务（cron 或工作日规则），\(anchorID) 不是"))
                }
                if anchor.id == job.id { errors.append(error(job, "trigger.relative_to", "不能相对于自己")) }
                if anchor.office != job.office { errors.append(error(job, "trigger.relative_to", "\(anchorID) 属于 \(anchor.office)，不同办公室")) }
            }
        }
        guard errors.isEmpty else { return errors }
        for job in set.jobs where !job.isEventDriven {
            if let problem = neverFires(job, set) { errors.append(error(job, "trigger", problem)) }
        }
        return errors
    }

    /// Whether a clock-driven job fires at least once in the years the calendar covers.
    private func neverFires(_ job: Job, _ set: ScheduleSet) -> String? {
        let calendar = set.calendar(for: job.office)
        guard let first = calendar.coveredYears.first, let last = calendar.coveredYears.last else { return nil }
        let from = job.zone.instant(LocalTime(day: Day(year: first, month: 1, day: 1)!, second: 0)).adding(seconds: -1)
        let through = job.zone.instant(LocalTime(day: Day(year: last, month: 12, day: 31)!, second: 86_399))
        var probe = job
        probe.start = nil
        probe.end = nil
        if !set.calculator(for: job.office).fires(of: probe, after: from, through: through).fires.isEmpty { return nil }
        return "在有日历数据的年份（\(first)–\(last)）中从不触发，请检查规则"
    }

    private func error(_ job: Job, _ field: String, _ reason: String) -> YAMLError {
        YAMLError(file: job.source.file, line: job.source.line, field: "jobs[\(job.id)].\(field)", reason: reason)
    }
}
