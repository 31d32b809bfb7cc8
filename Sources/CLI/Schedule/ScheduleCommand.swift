import ArgumentParser
import Delivery
import Domain
import Foundation
import Scheduling
import WorkingDays

/// `tally schedule …`: the jobs of `schedules/*.yaml`, their fires and their history.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "日程：检查任务文件，预览触发时间，查看执行记录，手动执行、暂停和恢复任务。",
        subcommands: [
            ScheduleLint.self, ScheduleList.self, ScheduleNext.self, ScheduleHistory.self, ScheduleRun.self,
            SchedulePause.self, ScheduleResume.self, ScheduleTick.self, ScheduleActions.self,
        ]
    )

    /// Loads and lints the schedule files; every problem is listed as FILE:LINE.
    static func load(_ global: GlobalOptions, registry: ActionRegistry) throws -> ScheduleSet {
        do {
            return try ScheduleLoader(directory: global.schedulesURL, registry: registry).load()
        } catch let failure as ScheduleLoader.Failure {
            throw CommandFailure("日程文件有误（\(failure.errors.count) 处）：\n" + failure.description)
        } catch {
            throw CommandFailure("无法读取日程目录 \(global.schedules)：\(error.localizedDescription)")
        }
    }

    /// The job named `id`, or a failure listing what exists.
    static func job(_ id: String, in set: ScheduleSet) throws -> Job {
        guard let job = set.job(id) else {
            throw CommandFailure("没有名为 \(id) 的任务。现有任务：\(set.jobs.map(\.id).joined(separator: ", "))")
        }
        return job
    }

    /// Pauses or resumes a job of the files, logging who and why.
    static func setPaused(_ global: GlobalOptions, job: String, paused: Bool, note: String, actor: String?) async throws {
        let context = try await ServiceContext.open(global)
        _ = try Self.job(job, in: context.schedule)
        try await context.store.setPaused(job: job, paused: paused, note: note, actor: Self.actor(actor), at: try global.currentInstant())
    }

    /// Who did it, for the job log: --actor, else the login name.
    static func actor(_ given: String?) -> String {
        given ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}

/// Options of the commands that open the database and run actions.
struct ServiceContext {
    let store: any ServiceStore
    let schedule: ScheduleSet
    let registry: ActionRegistry
    /// Delivers the outbox (email, webhooks) on `clock`; reminders wake it when they store messages.
    let courier: Courier

    static func open(_ global: GlobalOptions, node: String = Scheduler.Configuration.defaultNode, clock: any SchedulerClock = SystemClock(),
                     courier configuration: Courier.Configuration? = nil) async throws -> ServiceContext {
        let store = try await StoreFactory.openService(global)
        let delivery = try ActionCatalog.delivery(global)
        var settings = configuration ?? Courier.Configuration(node: node)
        settings.retry = delivery.retry
        let courier = Courier(store: store, channels: delivery.channels, events: store, clock: clock, configuration: settings)
        let registry = ActionCatalog.registry(store: store, global: global, node: node, delivery: delivery, enqueued: { courier.wake() })
        return ServiceContext(store: store, schedule: try ScheduleCommand.load(global, registry: registry), registry: registry, courier: courier)
    }

    func scheduler(_ global: GlobalOptions, clock: any SchedulerClock, configuration: Scheduler.Configuration) throws -> Scheduler {
        Scheduler(schedule: schedule, store: store, registry: registry, clock: clock, events: store,
                  rules: try RuleDeadlines(global), configuration: configuration)
    }
}
