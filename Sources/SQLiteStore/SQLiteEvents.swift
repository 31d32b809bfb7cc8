package import Domain
import GRDB
package import Scheduling
import Tagged
import WorkingDays

/// Deadline events read from the record, in row order: absences (settled once filed),
/// instructions (settled by a reply), commissions per assigned unit (settled by that
/// unit's answer) and emergencies (settled by the written report).
extension SQLiteStore: EventSource {
    package func events(_ kind: DeadlineEvent.Kind, after cursor: Int64, limit: Int) async throws -> (events: [RecordedEvent], cursor: Int64) {
        try await pool.read { db in
            var out: [RecordedEvent] = []
            var last = cursor
            switch kind {
            case .absence:
                for row in try Row.fetchAll(db, sql: """
                    SELECT a.rowid AS pos, a.*, u.office, u.name AS unit_name FROM absences a JOIN units u ON u.id = a.unit
                    WHERE a.rowid > ? ORDER BY a.rowid LIMIT ?
                    """, arguments: [cursor, limit]) {
                    last = row["pos"]
                    let depart = Instant(seconds: row["depart_at"])
                    let event = DeadlineEvent(kind: .absence, id: row["id"], unit: UnitID(rawValue: row["unit"]), at: (row["filed_at"] as Int64?).map(Instant.init(seconds:)),
                                              depart: depart, back: Instant(seconds: row["return_at"]))
                    out += Self.recorded(event, row, settled: row["filed_at"] != nil,
                                         summary: "\(row["unit_name"] as String) \(row["leader"] as String) 赴\(row["destination"] as String)（\(depart.day.monthDay) 出发）")
                }
            case .instruction:
                for row in try Row.fetchAll(db, sql: """
                    SELECT i.seq AS pos, i.*, u.office, u.name AS unit_name,
                      EXISTS (SELECT 1 FROM replies r WHERE r.instruction = i.id) AS answered
                    FROM instructions i JOIN units u ON u.id = i.handler WHERE i.seq > ? ORDER BY i.seq LIMIT ?
                    """, arguments: [cursor, limit]) {
                    last = row["pos"]
                    let event = DeadlineEvent(kind: .instruction, id: row["id"], unit: UnitID(rawValue: row["handler"]),
                                              at: Instant(seconds: row["at"]), due: (row["due_at"] as Int64?).map(Instant.init(seconds:)),
                                              urgency: row["urgency"], level: Level(rawValue: row["level"]))
                    out += Self.recorded(event, row, settled: row["answered"],
                                         summary: "\(row["leader"] as String)批示（\(row["unit_name"] as String)承办）")
                }
            case .commission:
                for row in try Row.fetchAll(db, sql: """
                    SELECT c.rowid AS pos, c.id, c.office, c.topic, c.assigned_at, c.due_at, cu.unit, u.name AS unit_name,
                      EXISTS (SELECT 1 FROM answers a WHERE a.commission = c.id AND a.unit = cu.unit) AS answered
                    FROM commissions c JOIN commission_units cu ON cu.commission = c.id JOIN units u ON u.id = cu.unit
                    WHERE c.rowid IN (SELECT rowid FROM commissions WHERE rowid > ? ORDER BY rowid LIMIT ?)
                    ORDER BY c.rowid, cu.position
                    """, arguments: [cursor, limit]) {
                    last = row["pos"]
                    let event = DeadlineEvent(kind: .commission, id: "\(row["id"] as String)/\(row["unit"] as String)",
                                              unit: UnitID(rawValue: row["unit"]), at: Instant(seconds: row["assigned_at"]),
                                              due: Instant(seconds: row["due_at"]))
                    out += Self.recorded(event, row, settled: row["answered"],
                                         summary: "约稿“\(row["topic"] as String)”（\(row["unit_name"] as String)）")
                }
            case .emergency:
                for row in try Row.fetchAll(db, sql: """
                    SELECT e.rowid AS pos, e.*, u.office, u.name AS unit_name FROM emergencies e JOIN units u ON u.id = e.unit
                    WHERE e.rowid > ? ORDER BY e.rowid LIMIT ?
                    """, arguments: [cursor, limit]) {
                    last = row["pos"]
                    let event = DeadlineEvent(kind: .emergency, id: row["id"], unit: UnitID(rawValue: row["unit"]),
                                              at: Instant(seconds: row["occurred_at"]), severity: row["severity"])
                    out += Self.recorded(event, row, settled: row["written_at"] != nil,
                                         summary: "\(row["unit_name"] as String)突发事件“\(row["title"] as String)”")
                }
            case .monthlyReport:
                break
            }
            return (out, last)
        }
    }

    package func isSettled(_ kind: DeadlineEvent.Kind, id: String) async throws -> Bool {
        try await pool.read { db in
            switch kind {
            case .absence:
                return try Bool.fetchOne(db, sql: "SELECT filed_at IS NOT NULL FROM absences WHERE id = ?", arguments: [id]) ?? false
            case .instruction:
                return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM replies WHERE instruction = ?)", arguments: [id]) ?? false
            case .commission:
                let parts = id.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { return false }
                return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM answers WHERE commission = ? AND unit = ?)",
                                         arguments: [parts[0], parts[1]]) ?? false
            case .emergency:
                return try Bool.fetchOne(db, sql: "SELECT written_at IS NOT NULL FROM emergencies WHERE id = ?", arguments: [id]) ?? false
            case .monthlyReport:
                return false
            }
        }
    }

    private static func recorded(_ event: DeadlineEvent, _ row: Row, settled: Bool, summary: String) -> [RecordedEvent] {
        guard let office = OfficeID(row["office"]) else { return [] }
        return [RecordedEvent(event: event, office: office, settled: settled, summary: summary)]
    }
}
