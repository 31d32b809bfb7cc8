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

    /// Whether a message for `audience` reaches `user`.
    static func reaches(_ audience: String, _ user: SignedIn) -> Bool {
        switch audience {
        case "office": user.account.role == .admin
        case "units": user.account.role == .clerk || user.account.role == .admin
        case "leaders": user.account.role == .unitLeader || user.account.role == .cityLeader
        case "all": true
        default:
            if audience.hasPrefix("unit:") {
                user.scope.canRead(unit: UnitID(rawValue: String(audience.dropFirst(5))))
            } else if audience.hasPrefix("person:") {
                String(audience.dropFirst(7)) == user.person.id.rawValue
            } else {
                user.account.role == .admin
            }
        }
    }

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("inbox") { request, context -> ListBody<MessageBody> in
            let user = try context.requireUser()
            let limit = try request.pageLimit()
            var out: [InboxMessage] = []
            for office in user.scope.offices.sorted() {
                out += try await deps.store.messages(office: office, limit: 500).filter { Self.reaches($0.audience, user) }
            }
            out.sort { ($0.createdAt, $0.key) > ($1.createdAt, $1.key) }
            return ListBody(out.prefix(limit).map(MessageBody.init))
        }
    }
}
