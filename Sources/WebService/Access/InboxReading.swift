import Domain
import Foundation
import HTTPTypes
import NIOCore
import Tagged
import WorkingDays

/// The reminder inbox of a signed-in person (API and console): the messages addressed to
/// their office's, unit's or role's audience, newest first.
struct InboxReading: Sendable {
    let deps: WebDependencies

    func messages(for user: SignedIn, limit: Int) async throws -> [InboxMessage] {
        var out: [InboxMessage] = []
        for office in user.scope.offices.sorted() {
            out += try await deps.store.messages(office: office, limit: 500).filter { Self.reaches($0.audience, user) }
        }
        out.sort { ($0.createdAt, $0.key) > ($1.createdAt, $1.key) }
        return Array(out.prefix(limit))
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
}
