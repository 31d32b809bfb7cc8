package import Domain
import Foundation
import GRDB
import Tagged
import WorkingDays

/// The record as the service reads and changes it, in SQLite.
extension SQLiteStore: WorkStore {
    package func organisation() async throws -> Organisation {
        try await pool.read { db in
            var offices: [Office] = [], units: [Domain.Unit] = [], people: [Person] = []
            try SQLiteExport(db, kinds: [.office, .unit, .person]).run { record in
                switch record {
                case .office(let o): offices.append(o)
                case .unit(let u): units.append(u)
                case .person(let p): people.append(p)
                default: break
                }
            }
            return Organisation(offices: offices, units: units, people: people)
        }
    }

    package func items(_ query: ItemQuery) async throws -> Page<ItemSummary> {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let units = query.units {
                guard !units.isEmpty else { return Page(items: [], next: nil) }
                conditions.append("""
                    i.seq IN (SELECT x.item FROM item_units x JOIN units u ON u.seq = x.unit
                              WHERE u.id IN (\(Array(repeating: "?", count: units.count).joined(separator: ","))))
                    """)
                arguments += units.map(\.rawValue).sorted()
            }
            if !query.statuses.isEmpty {
                conditions.append("i.status IN (\(Array(repeating: "?", count: query.statuses.count).joined(separator: ",")))")
                arguments += query.statuses.map(\.rawValue).sorted()
            }
            if let from = query.submittedFrom { conditions.append("i.submitted_day >= ?"); arguments.append(from.ordinal) }
            if let through = query.submittedThrough { conditions.append("i.submitted_day <= ?"); arguments.append(through.ordinal) }
            if let text = query.text, !text.isEmpty {
                conditions.append("instr(i.title, ?) > 0")
                arguments.append(text)
            }
            if let before = query.before { conditions.append("i.seq < ?"); arguments.append(before) }
            arguments.append(query.limit + 1)
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.seq, i.id, i.title, i.category, i.status, i.created_at, i.submitted_at,
                  (SELECT group_concat(id, char(31)) FROM (SELECT u.id FROM item_units x JOIN units u ON u.seq = x.unit
                     WHERE x.item = i.seq ORDER BY x.position)) AS units,
                  (SELECT count(*) FROM adoptions a WHERE a.item = i.seq) AS adoptions
                FROM items i \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY i.seq DESC LIMIT ?
                """, arguments: StatementArguments(arguments))
            let page = rows.prefix(query.limit).map { row in
                ItemSummary(seq: row[0], id: ItemID(rawValue: row[1]), title: row[2], category: ItemCategory(rawValue: row[3]) ?? .other,
                            status: ItemStatus(rawValue: row[4]) ?? .draft, units: Self.units(row[7]), createdAt: Instant(seconds: row[5]),
                            submittedAt: (row[6] as Int64?).map(Instant.init(seconds:)), adoptions: row[8])
            }
            return Page(items: page, next: rows.count > query.limit ? page.last?.seq : nil)
        }
    }

    private static func units(_ joined: String?) -> [UnitID] {
        (joined ?? "").split(separator: "\u{1f}").map { UnitID(rawValue: String($0)) }
    }

    /// (The statements are cached per connection: the API reads an item around every change.)
    package func item(_ id: ItemID) async throws -> ItemDetail? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM items WHERE id = ?"), arguments: [id.rawValue]) else { return nil }
            let seq: Int64 = row["seq"]
            let units = try String.fetchAll(try db.cachedStatement(sql: "SELECT u.id FROM item_units x JOIN units u ON u.seq = x.unit WHERE x.item = ? ORDER BY x.position"),
                                            arguments: [seq]).map { UnitID(rawValue: $0) }
            let authors = try String.fetchAll(try db.cachedStatement(sql: "SELECT p.id FROM item_authors x JOIN people p ON p.seq = x.person WHERE x.item = ? ORDER BY x.position"),
                                              arguments: [seq]).map { PersonID(rawValue: $0) }
            let sources = try String.fetchAll(try db.cachedStatement(sql: "SELECT i.id FROM item_sources x JOIN items i ON i.seq = x.source WHERE x.item = ? ORDER BY x.position"),
                                              arguments: [seq]).map { ItemID(rawValue: $0) }
            let history = try Row.fetchAll(try db.cachedStatement(sql: "SELECT from_status, to_status, by_person, at, note FROM item_history WHERE item = ? ORDER BY position"),
                                           arguments: [seq]).map { h in
                ItemTransition(from: (h[0] as String?).flatMap(ItemStatus.init(rawValue:)), to: ItemStatus(rawValue: h[1]) ?? .draft,
                               by: (h[2] as String?).map { PersonID(rawValue: $0) }, at: Instant(seconds: h[3]), note: h[4])
            }
            let item = Item(id: id, units: units, authors: authors, category: ItemCategory(rawValue: row["category"]) ?? .other, title: row["title"],
                            body: row["body"], status: ItemStatus(rawValue: row["status"]) ?? .draft, createdAt: Instant(seconds: row["created_at"]),
                            submittedAt: (row["submitted_at"] as Int64?).map(Instant.init(seconds:)), commission: row["commission"],
                            mergedFrom: sources, history: history)
            let adoptions = try Row.fetchAll(try db.cachedStatement(sql: "SELECT id, level, publication, kind, issue, day, recorded_at FROM adoptions WHERE item = ? ORDER BY day, id"),
                                             arguments: [seq]).map { a in
                Adoption(id: a[0], item: id, level: Level(rawValue: a[1]) ?? .city, publication: a[2], kind: PublicationKind(rawValue: a[3]) ?? .briefing,
                         issue: a[4], date: Day(ordinal: a[5]), recorded: (a[6] as Int64?).map(Instant.init(seconds:)))
            }
            let forwardings = try Row.fetchAll(try db.cachedStatement(sql: "SELECT id, to_level, day, recorded_at FROM forwardings WHERE item = ? ORDER BY day, id"),
                                               arguments: [seq]).map { f in
                Forwarding(id: f[0], item: id, to: Level(rawValue: f[1]) ?? .province, date: Day(ordinal: f[2]),
                           recorded: (f[3] as Int64?).map(Instant.init(seconds:)))
            }
            return ItemDetail(item: item, adoptions: adoptions, forwardings: forwardings, version: row["fingerprint"])
        }
    }

    /// One transaction per call as far as the caller can tell; calls arriving together share
    /// one commit (`SQLiteGroupCommit`).
    package func apply(_ changes: [RecordChange], audit: [AuditEntry]) async throws {
        do {
            try await groupCommit.write { db in
                let writer = SQLiteRecordWriter(db, prepared: self.writeStatements)
                for change in changes {
                    switch change {
                    case .insert(let record):
                        let outcome = try writer.write(record, fingerprint: record.fingerprint)
                        guard outcome == .inserted else { throw StoreError.constraint("\(record.kind.label)编号 '\(record.id)' 已存在") }
                    case .replaceItem(let item, let expected):
                        try writer.replace(item, fingerprint: Record.submission(item).fingerprint, expected: expected)
                    }
                }
                for entry in audit {
                    try db.cachedStatement(sql: """
                        INSERT INTO audit_log (at, actor, action, entity, entity_id, office, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [entry.at.seconds, entry.actor?.rawValue, entry.action, entry.entity, entry.entityID,
                                         entry.office.rawValue, entry.before, entry.after])
                }
            }
        } catch let e as DatabaseError {
            throw StoreError.constraint(e.message ?? "\(e)")
        }
    }

    /// The anti-join costs ~15 ms on a province year (26,000 instructions); the version of its
    /// inputs (`deadline_inputs`, read in the same snapshot) tells whether the last answer holds.
    package func openDeadlines() async throws -> [OpenDeadline] {
        let current = try await pool.read { db in try Self.deadlineInputsVersion(db) }
        return try await deadlines.value(at: current) { [pool] in
            // The version and the anti-join in one snapshot.
            try await pool.read { db in
                let version = try Self.deadlineInputsVersion(db)
                let open = try Row.fetchAll(try db.cachedStatement(sql: """
                    SELECT kind, id, title, unit, due FROM (
                      SELECT 'instruction' AS kind, i.id AS id, i.text AS title, i.handler AS unit, i.due_at AS due FROM instructions i
                      WHERE NOT EXISTS (SELECT 1 FROM replies r WHERE r.instruction = i.id AND r.unit = i.handler)
                      UNION ALL
                      SELECT 'commission', c.id, c.topic, x.unit, c.due_at FROM commissions c JOIN commission_units x ON x.commission = c.id
                      WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.commission = c.id AND a.unit = x.unit))
                    ORDER BY due IS NULL, due, id, unit
                    """)).map { row in
                    OpenDeadline(kind: OpenDeadline.Kind(rawValue: row[0]) ?? .instruction, id: row[1], title: row[2], unit: UnitID(rawValue: row[3]),
                                 due: (row[4] as Int64?).map(Instant.init(seconds:)))
                }
                return (version, open)
            }
        }
    }

    private static func deadlineInputsVersion(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(try db.cachedStatement(sql: "SELECT version FROM deadline_inputs")) ?? -1
    }

    package func audit(_ query: AuditQuery) async throws -> [AuditEntry] {
        guard !query.offices.isEmpty else { return [] }
        return try await pool.read { db in
            var sql = "SELECT * FROM audit_log WHERE office IN (\(Array(repeating: "?", count: query.offices.count).joined(separator: ",")))"
            var arguments: [any DatabaseValueConvertible] = query.offices.map(\.rawValue).sorted()
            if let e = query.entity { sql += " AND entity = ?"; arguments.append(e) }
            if let e = query.entityID { sql += " AND entity_id = ?"; arguments.append(e) }
            if let b = query.before { sql += " AND seq < ?"; arguments.append(b) }
            sql += " ORDER BY seq DESC LIMIT ?"
            arguments.append(query.limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).compactMap { row in
                guard let office = OfficeID(row["office"]) else { return nil }
                return AuditEntry(seq: row["seq"], at: Instant(seconds: row["at"]), actor: (row["actor"] as String?).map { PersonID(rawValue: $0) },
                                  action: row["action"], entity: row["entity"], entityID: row["entity_id"], office: office,
                                  before: row["before"], after: row["after"])
            }
        }
    }
}
