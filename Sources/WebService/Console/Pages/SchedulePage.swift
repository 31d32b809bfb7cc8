import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/schedules`: the scheduled jobs of the person's offices, their next fires and last runs;
/// `/schedules/{job}` a job's run history.
struct SchedulePage: Sendable {
    let deps: WebDependencies

    struct Row {
        var title: String
        var job: String
        var office: String
        var action: String
        var next: [String]
        var last: [String]
        var paused: String?
    }

    struct RunRow {
        var scheduled: String
        var state: String
        var origin: String
        var finished: String
        var outcome: String
        var explanation: String
    }

    struct View { var rows: [Row] }
    struct HistoryView {
        var job: String
        var runs: [RunRow]
    }

    static let origins = ["schedule": "按计划", "event": "事件触发", "manual": "手动执行"]

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("schedules") { _, context -> Response in
            let user = try context.requireUser()
            let organisation = try await deps.organisation.current()
            let rows = try await deps.operations.schedules(offices: user.scope.offices, now: deps.now()).map { s in
                Row(title: s.title, job: s.job, office: OfficeID(s.office).flatMap { organisation.offices[$0]?.name } ?? s.office, action: s.action,
                    next: s.nextFires.prefix(3).map(ConsoleFormat.time), last: s.lastRuns,
                    paused: s.paused ? "已暂停" + (s.pauseNote.map { "：\($0)" } ?? "") : nil)
            }
            return await ConsolePage(deps: deps).render("schedules", View(rows: rows), title: "定时任务", section: "/schedules", user: user)
        }
        group.get("schedules/{job}") { _, context -> Response in
            let user = try context.requireUser()
            let job = try await ScheduleAccess(deps: deps).readable(try context.parameters.decoded("job"), by: user)
            let runs = try await deps.operations.scheduleHistory(job: job, now: deps.now(), limit: 100, pending: true).map {
                RunRow(scheduled: ConsoleFormat.time($0.scheduledAt), state: $0.stateLabel, origin: Self.origins[$0.origin] ?? $0.origin,
                       finished: ConsoleFormat.time($0.finishedAt), outcome: $0.outcome ?? $0.reason ?? "", explanation: $0.explanation)
            }
            return await ConsolePage(deps: deps).render("schedule", HistoryView(job: job, runs: runs), title: "执行记录", section: "/schedules", user: user)
        }
    }
}
