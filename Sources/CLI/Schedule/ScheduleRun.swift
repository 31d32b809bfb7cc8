import ArgumentParser
import Scheduling
import WorkingDays

/// `tally schedule run JOB`: runs a job now, recorded as manual.
struct ScheduleRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "立即手动执行一个任务（记录为手动执行，写明执行人和原因）。")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Job id.") var job: String
    @Option(name: .long, help: "Why (kept in the job's log).") var note = ""
    @Option(name: .long, help: "Who (default $USER).") var actor: String?

    func run() async throws {
        let context = try await ServiceContext.open(global)
        _ = try ScheduleCommand.job(job, in: context.schedule)
        let clock: any SchedulerClock = global.now != nil ? FixedClock(instant: try global.currentInstant()) : SystemClock()
        let scheduler = try context.scheduler(global, clock: clock, configuration: Scheduler.Configuration())
        guard let result = try await scheduler.runManually(job, actor: ScheduleCommand.actor(actor), note: note) else {
            return print("已登记手动执行，由运行中的服务执行（tally schedule history \(job) 查看结果）")
        }
        switch result.state {
        case .succeeded: print("✓ \(result.key)：\(result.text)")
        default: throw CommandFailure("✗ \(result.key)：\(result.state.label)：\(result.text)")
        }
    }
}

/// `tally schedule pause JOB --note …`.
struct SchedulePause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "暂停任务：到点的触发记为“跳过（已暂停）”，直到恢复。")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Job id.") var job: String
    @Option(name: .long, help: "Why (required; shown in history).") var note: String
    @Option(name: .long, help: "Who (default $USER).") var actor: String?

    func run() async throws {
        try await ScheduleCommand.setPaused(global, job: job, paused: true, note: note, actor: actor)
        print("已暂停 \(job)：\(note)")
    }
}

/// `tally schedule resume JOB`.
struct ScheduleResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "恢复已暂停的任务。")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Job id.") var job: String
    @Option(name: .long, help: "Why (kept in the job's log).") var note = ""
    @Option(name: .long, help: "Who (default $USER).") var actor: String?

    func run() async throws {
        try await ScheduleCommand.setPaused(global, job: job, paused: false, note: note, actor: actor)
        print("已恢复 \(job)")
    }
}

/// `tally schedule tick`: one scheduler pass at now (or --now) — plan, run what is due,
/// record misses, attempt the outbox messages that are due — then exit. For machines without the service, and for tests.
struct ScheduleTick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick", abstract: "执行一次调度：排程、运行到点的任务、记录错过的触发，然后退出（可配合 --now 重放）。")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let now = try global.currentInstant()
        let context = try await ServiceContext.open(global, clock: FixedClock(instant: now))
        let scheduler = try context.scheduler(global, clock: FixedClock(instant: now), configuration: Scheduler.Configuration())
        let results = try await scheduler.tick(now: now)
        let sent = try await context.courier.deliverDue()
        for r in results { print("\(r.key)  \(r.state.label)  \(r.text)") }
        // What this pass closed without running (missed, skipped, withdrawn).
        let closed = try await context.store.history(job: nil, through: now, limit: 10_000)
            .filter { $0.finishedAt == now && $0.startedAt == nil && $0.state.isFinal }
        for o in closed.reversed() { print("\(o.key)  \(o.state.label)  \(o.reason ?? "")") }
        if sent > 0 { print("发送队列：处理了 \(sent) 条（tally outbox 查看结果）") }
        if results.isEmpty && closed.isEmpty && sent == 0 { print("没有到点的任务。") }
        if results.contains(where: { $0.state == .failed }) { throw CommandFailure("有任务执行失败（见上）") }
    }
}
