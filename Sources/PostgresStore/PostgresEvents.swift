package import Domain
import PostgresNIO
package import Scheduling
import Tagged
import WorkingDays

/// Deadline events read from the record, in row order: absences (settled once filed),
/// instructions (settled by a reply), commissions per assigned unit (settled by that
/// unit's answer) and emergencies (settled by the written report). Instructions are paged
/// by `seq`, the others by the `pos` column migration 002 added.
///
/// Row numbers are handed out when a row is inserted, not when it is committed; imports
/// take turns (see `PostgresImport`) so numbers follow commit order, and a read while an
/// import is open returns no events (it would not see the import's rows, and must not move
/// the cursor past numbers the import is about to commit). The caller reads them later.
extension PostgresStore: EventSource {
    package func events(_ kind: DeadlineEvent.Kind, after cursor: Int64, limit: Int) async throws -> (events: [RecordedEvent], cursor: Int64) {
        try await transaction("BEGIN READ ONLY") { conn in
            guard try await conn.integer("SELECT pg_try_advisory_xact_lock_shared(\(PostgresSchema.eventLock))::integer") == 1 else {
                return ([], cursor)
            }
            var out: [RecordedEvent] = []
            var last = cursor
            switch kind {
            case .absence:
                for try await row in try await conn.rows("""
                    SELECT a.pos, a.id, a.unit, a.filed_at, a.depart_at, a.return_at, a.leader, a.destination, u.office, u.name
                    FROM absences a JOIN units u ON u.id = a.unit WHERE a.pos > \(cursor) ORDER BY a.pos LIMIT \(limit)
                    """) {
                    var c = Cells(row)
                    last = try c.int()
                    let id = try c.text(), unit = try c.text(), filed = try c.optionalInstant(), depart = try c.instant()
                    let event = DeadlineEvent(kind: .absence, id: id, unit: UnitID(rawValue: unit), at: filed, depart: depart,
                                              back: try c.instant())
                    let leader = try c.text(), destination = try c.text(), office = try c.text(), unitName = try c.text()
                    out += Self.recorded(event, office: office, settled: filed != nil,
                                         summary: "\(unitName) \(leader) 赴\(destination)（\(depart.day.monthDay) 出发）")
                }
            case .instruction:
                for try await row in try await conn.rows("""
                    SELECT i.seq, i.id, i.handler, i.at, i.due_at, i.urgency, i.level, i.leader, u.office, u.name,
                      EXISTS (SELECT 1 FROM replies r WHERE r.instruction = i.id)
                    FROM instructions i JOIN units u ON u.id = i.handler WHERE i.seq > \(cursor) ORDER BY i.seq LIMIT \(limit)
                    """) {
                    var c = Cells(row)
                    last = try c.int()
                    let event = DeadlineEvent(kind: .instruction, id: try c.text(), unit: UnitID(rawValue: try c.text()), at: try c.instant(),
                                              due: try c.optionalInstant(), urgency: try c.text(), level: Level(rawValue: try c.text()))
                    let leader = try c.text(), office = try c.text(), unitName = try c.text()
                    out += Self.recorded(event, office: office, settled: try c.bool(), summary: "\(leader)批示（\(unitName)承办）")
                }
            case .commission:
                for try await row in try await conn.rows("""
                    SELECT c.pos, c.id, c.office, c.topic, c.assigned_at, c.due_at, cu.unit, u.name,
                      EXISTS (SELECT 1 FROM answers a WHERE a.commission = c.id AND a.unit = cu.unit)
                    FROM (SELECT pos, id, office, topic, assigned_at, due_at FROM commissions
                          WHERE pos > \(cursor) ORDER BY pos LIMIT \(limit)) c
                    JOIN commission_units cu ON cu.commission = c.id JOIN units u ON u.id = cu.unit
                    ORDER BY c.pos, cu.position
                    """) {
                    var c = Cells(row)
                    last = try c.int()
                    let id = try c.text(), office = try c.text(), topic = try c.text(), assigned = try c.instant(), due = try c.instant()
                    let unit = try c.text(), unitName = try c.text()
                    let event = DeadlineEvent(kind: .commission, id: "\(id)/\(unit)", unit: UnitID(rawValue: unit), at: assigned, due: due)
                    out += Self.recorded(event, office: office, settled: try c.bool(), summary: "约稿“\(topic)”（\(unitName)）")
                }
            case .emergency:
                for try await row in try await conn.rows("""
                    SELECT e.pos, e.id, e.unit, e.occurred_at, e.severity, e.written_at IS NOT NULL, e.title, u.office, u.name
                    FROM emergencies e JOIN units u ON u.id = e.unit WHERE e.pos > \(cursor) ORDER BY e.pos LIMIT \(limit)
                    """) {
                    var c = Cells(row)
                    last = try c.int()
                    let event = DeadlineEvent(kind: .emergency, id: try c.text(), unit: UnitID(rawValue: try c.text()), at: try c.instant(),
                                              severity: try c.text())
                    let settled = try c.bool(), title = try c.text(), office = try c.text(), unitName = try c.text()
                    out += Self.recorded(event, office: office, settled: settled, summary: "\(unitName)突发事件“\(title)”")
                }
            case .monthlyReport:
                break
            }
            return (out, last)
        }
    }

    package func isSettled(_ kind: DeadlineEvent.Kind, id: String) async throws -> Bool {
        let query: PostgresQuery
        switch kind {
        case .absence:
            query = "SELECT EXISTS (SELECT 1 FROM absences WHERE id = \(id) AND filed_at IS NOT NULL)"
        case .instruction:
            query = "SELECT EXISTS (SELECT 1 FROM replies WHERE instruction = \(id))"
        case .commission:
            let parts = id.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return false }
            query = "SELECT EXISTS (SELECT 1 FROM answers WHERE commission = \(parts[0]) AND unit = \(parts[1]))"
        case .emergency:
            query = "SELECT EXISTS (SELECT 1 FROM emergencies WHERE id = \(id) AND written_at IS NOT NULL)"
        case .monthlyReport:
            return false
        }
        return try await transaction("BEGIN READ ONLY") { conn in
            var settled = false
            for try await row in try await conn.rows(query) {
                var cells = Cells(row)
                settled = try cells.bool()
            }
            return settled
        }
    }

    private static func recorded(_ event: DeadlineEvent, office: String, settled: Bool, summary: String) -> [RecordedEvent] {
        guard let office = OfficeID(office) else { return [] }
        return [RecordedEvent(event: event, office: office, settled: settled, summary: summary)]
    }
}
