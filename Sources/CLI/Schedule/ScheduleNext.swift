import ArgumentParser
import Foundation
import Scheduling
import WorkingDays

/// `tally schedule next JOB --count N [--from T]`: the coming fires, each with why.
struct ScheduleNext: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "预览任务接下来的触发时间，每次附一行说明（如“2026年10月第3个工作日 = 10-10 周六（调休上班）”）。")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Job id.") var job: String
    @Option(name: .long, help: "How many fires.") var count = 5
    @Option(name: .long, help: "Start after this time (ISO 8601 with offset; default now).") var from: String?

    func validate() throws {
        guard (1...1000).contains(count) else { throw ValidationError("--count: 应在 1–1000 之间") }
        if let from, Instant(iso: from) == nil { throw ValidationError("--from: 时间格式应为 ISO 8601 并带时区，如 2026-10-01T00:00:00+08:00") }
    }

    struct Row: Encodable {
        var at: String
        var explanation: String
        var provisional: Bool
    }

    func run() async throws {
        let set = try ScheduleCommand.load(global, registry: ActionCatalog.checking(global))
        let job = try ScheduleCommand.job(job, in: set)
        if job.isEventDriven {
            throw CommandFailure("任务 \(job.id) 按事件触发（\(job.trigger.summary)），没有固定的触发时间；已排程的提醒见 tally schedule history \(job.id)")
        }
        let start = try from.map { Instant(iso: $0)! } ?? global.currentInstant()
        let (fires, uncovered) = Self.fires(of: job, in: set, after: start, count: count)
        if global.json {
            printJSON(fires.map { Row(at: $0.at.iso, explanation: $0.explanation, provisional: $0.provisional) })
        } else {
            print("\(job.id)（\(job.title)）：\(job.trigger.summary)，时区 \(job.zone)")
            for f in fires { print("  \(f.at.iso)  \(f.explanation)") }
        }
        if fires.count < count {
            if let year = uncovered {
                throw CommandFailure("只能预览到 \(year - 1) 年底：\(CalendarError.yearNotCovered(year))。"
                                     + "官方安排发布前如需排程，可在任务中写 calendar: provisional（暂按周一至周五，并标注）")
            }
            if fires.isEmpty { throw CommandFailure("任务 \(job.id) 在 \(start.iso) 之后不再触发") }
        }
    }

    /// The first `count` fires after `start`, looking ahead a year at a time (ten at most).
    static func fires(of job: Job, in set: ScheduleSet, after start: Instant, count: Int) -> ([Fire], Int?) {
        let calculator = set.calculator(for: job.office)
        var out: [Fire] = []
        var from = start
        for _ in 0..<10 where out.count < count {
            let through = from.adding(seconds: 366 * 86_400)
            let window = calculator.fires(of: job, after: from, through: through)
            out += window.fires.prefix(count - out.count)
            if let year = window.uncoveredYear { return (out, year) }
            from = through
        }
        return (out, nil)
    }
}
