import ArgumentParser
import Scheduling
import WorkingDays

/// `tally schedule history [JOB]`: what fired, was missed or skipped, and why.
struct ScheduleHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "执行记录：计划时间、实际开始、结果（成功、失败、错过、跳过）及原因，最新的在前。")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Job id (all jobs when omitted).") var job: String?
    @Option(name: .long, help: "At most this many rows.") var limit = 50
    @Flag(name: .long, help: "Also list pending (planned) occurrences.") var pending = false

    struct Row: Encodable {
        var job: String
        var subject: String
        var scheduledAt: String
        var state: String
        var origin: String
        var attempts: Int
        var node: String?
        var startedAt: String?
        var finishedAt: String?
        var outcome: String?
        var reason: String?
        var explanation: String
        var provisional: Bool
        var idempotencyKey: String
    }

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit: 应在 1–100000 之间") }
    }

    func run() async throws {
        let context = try await ServiceContext.open(global)
        if let job { _ = try ScheduleCommand.job(job, in: context.schedule) }
        let now = try global.currentInstant()
        var list = try await context.store.history(job: job, through: now, limit: limit)
        if pending { list = try await context.store.pending(job: job, limit: limit).reversed() + list }
        let rows = list.map { o in
            Row(job: o.key.job, subject: o.key.subject, scheduledAt: o.key.scheduledAt.iso, state: o.state.rawValue,
                origin: o.origin.rawValue, attempts: o.attempts, node: o.node, startedAt: o.startedAt?.iso,
                finishedAt: o.finishedAt?.iso, outcome: o.outcome, reason: o.reason, explanation: o.explanation,
                provisional: o.provisional, idempotencyKey: o.key.idempotencyKey)
        }
        if global.json { return printJSON(rows) }
        if rows.isEmpty { return print("没有执行记录。") }
        for (o, r) in zip(list, rows) {
            var line = "\(r.scheduledAt)  \(o.key.job)\(o.key.subject.isEmpty ? "" : " [\(o.key.subject)]")  \(o.state.label)"
            if o.origin == .manual { line += "（手动）" }
            if let s = o.startedAt {
                let late = s.seconds - o.key.scheduledAt.seconds
                line += "  开始 \(s.iso)" + (late > 0 ? "（迟 \(late) 秒）" : "")
            }
            if o.attempts > 1 { line += "  第 \(o.attempts) 次执行" }
            if let n = o.node { line += "  节点 \(n)" }
            print(line)
            print("    \(o.explanation)\(o.provisional ? "【暂按周一至周五排程】" : "")")
            if let text = o.outcome ?? o.reason { print("    → \(text)") }
        }
    }
}
