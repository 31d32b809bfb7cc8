import Domain
import Foundation
import HTTPTypes
import NIOCore
import Tagged
import WorkingDays

/// Records of one kind within a person's reach (API `GET /records/{kind}` and the console's
/// lists of instructions, commissions, absence and emergency reports).
struct RecordReading: Sendable {
    let deps: WebDependencies

    /// A page of records: those after the first `offset` within reach (of `unit`, when
    /// given), at most `limit`, and whether more follow.
    func list(_ kind: RecordKind, for user: SignedIn, unit: UnitID? = nil, offset: Int = 0, limit: Int) async throws -> (records: [Record], more: Bool) {
        if let unit, !user.scope.canRead(unit: unit) { throw APIError.notFound("单位") }
        let organisation = try await deps.organisation.current()
        var records: [Record] = []
        var seen = 0
        var more = false
        try await deps.store.export(only: [kind]) { record in
            guard Self.canRead(record, user, organisation) else { return }
            if let unit, !(RecordPermissions.units(of: record, organisation)?.contains(unit) ?? false) { return }
            seen += 1
            guard seen > offset else { return }
            if records.count == limit { more = true; return }
            records.append(record)
        }
        return (records, more)
    }

    /// The record of `kind` with `id`, if within reach.
    func record(_ kind: RecordKind, id: String, for user: SignedIn) async throws -> Record? {
        let organisation = try await deps.organisation.current()
        var found: Record?
        try await deps.store.export(only: [kind]) { record in
            if record.id == id, Self.canRead(record, user, organisation) { found = record }
        }
        return found
    }

    /// Adoptions and forwardings are read by whoever may read their item: listed for admins.
    static func canRead(_ record: Record, _ user: SignedIn, _ organisation: Organisation) -> Bool {
        switch record {
        case .adoption, .forwarding: user.scope.isAdmin
        default: RecordPermissions.canRead(record, user, organisation)
        }
    }
}
