import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/inbox`: the reminders addressed to the signed-in person, newest first.
struct InboxPage: Sendable {
    let deps: WebDependencies

    struct Row {
        var title: String
        var body: String
        var created: String
    }

    struct View { var rows: [Row] }

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("inbox") { _, context -> Response in
            let user = try context.requireUser()
            let rows = try await InboxReading(deps: deps).messages(for: user, limit: 100).map {
                Row(title: $0.title, body: $0.body, created: ConsoleFormat.time($0.createdAt))
            }
            return await ConsolePage(deps: deps).render("inbox", View(rows: rows), title: "提醒", section: "/inbox", user: user)
        }
    }
}
