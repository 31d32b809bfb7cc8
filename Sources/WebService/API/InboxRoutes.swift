import Foundation
import HTTPTypes
import Logging
import Tagged
import Domain
package import Hummingbird
import WorkingDays

/// The reminder inbox: the messages addressed to the caller (their office's, their unit's,
/// their role's).
package struct InboxRoutes: Sendable {
    let deps: WebDependencies

    struct MessageBody: Encodable, Sendable {
        var key: String
        var office: String
        var audience: String
        var title: String
        var body: String
        var createdAt: Instant
        var job: String?

        init(_ m: InboxMessage) {
            key = m.key
            office = m.office.rawValue
            audience = m.audience
            title = m.title
            body = m.body
            createdAt = m.createdAt
            job = m.job
        }

        enum CodingKeys: String, CodingKey {
            case key, office, audience, title, body, job
            case createdAt = "created_at"
        }
    }

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("inbox") { request, context -> ListBody<MessageBody> in
            let user = try context.requireUser()
            let limit = try request.pageLimit()
            let messages = try await InboxReading(deps: deps).messages(for: user, limit: limit)
            return ListBody(messages.map(MessageBody.init))
        }
    }
}
