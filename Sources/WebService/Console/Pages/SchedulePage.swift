import HTTPTypes
import Tagged
import NIOCore
import WorkingDays
import Domain
import Foundation
import Hummingbird

/// `/schedules`: the scheduled jobs of the person's offices, their next fires and last runs.
struct SchedulePage: Sendable {
    let deps: WebDependencies

    struct Row {
        var title: String
        var job: String
        var office: String
        var action: String
        var next: [String]
        var last: [String]
    }

    struct View { var rows: [Row] }

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("schedules") { _, context -> Response in
            let user = try context.requireUser()
            let organisation = try await deps.organisation.current()
            let rows = try await deps.operations.schedules(offices: user.scope.offices, now: deps.now()).map { s in
                Row(title: s.title, job: s.job, office: OfficeID(s.office).flatMap { organisation.offices[$0]?.name } ?? s.office, action: s.action,
                    next: s.nextFires.prefix(3).map(ConsoleFormat.time), last: s.lastRuns)
            }
            return await ConsolePage(deps: deps).render("schedules", View(rows: rows), title: "定时任务", section: "/schedules", user: user)
        }
    }
}
