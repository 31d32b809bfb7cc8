import Domain
import GRDB
import Tagged
import WorkingDays

/// Writes records inside an open transaction. Each insert skips an existing id; the stored
/// fingerprint then tells an identical record (unchanged) from a different one (conflict).
final class SQLiteRecordWriter {
    private let db: Database
    private let prepared: SQLiteWriteStatements
    /// Row ids looked up or inserted in this transaction (never kept beyond it: a rolled
    /// back transaction's ids are not the database's).
    private var unitSeq: [String: Int64] = [:]
    private var personSeq: [String: Int64] = [:]
    private var itemSeq: [String: Int64] = [:]

    /// `prepared` may outlive the transaction when it belongs to the same connection.
    init(_ db: Database, prepared: SQLiteWriteStatements = SQLiteWriteStatements()) {
        self.db = db
        self.prepared = prepared
    }

    private func statement(_ sql: String) throws -> SQLiteStatement {
        if let s = prepared.bySQL[sql] { return s }
        let s = try SQLiteStatement(db, sql)
        prepared.bySQL[sql] = s
        return s
    }

    func write(_ record: Domain.Record, fingerprint fp: Int64) throws -> WriteOutcome {
        let s = try insertStatement(record, fingerprint: fp)
        try s.run()
        if s.changes == 0 {
            let check: SQLiteStatement
            if let c = prepared.fingerprintChecks[record.kind] {
                check = c
            } else {
                check = try SQLiteStatement(db, "SELECT fingerprint FROM \(Self.table(record.kind)) WHERE id = ?1")
                prepared.fingerprintChecks[record.kind] = check
            }
            check.reset()
            check.bind(1, record.id)
            guard try check.step() else { return .conflict }
            let stored = check.int(0)
            check.reset()
            return stored == fp ? .unchanged : .conflict
        }
        try writeChildren(record, rowID: s.lastRowID)
        return .inserted
    }

    /// Replaces a stored item's content and lists (units, authors, sources, history) if its
    /// fingerprint is still `expected`; throws `StaleRecord` otherwise.
    func replace(_ item: Item, fingerprint fp: Int64, expected: Int64) throws {
        // Statements of the API's edits are cached per connection (one edit per transaction).
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT seq, fingerprint FROM items WHERE id = ?"), arguments: [item.id.rawValue]),
              (row[1] as Int64) == expected else {
            throw StaleRecord(kind: .submission, id: item.id.rawValue)
        }
        let seq: Int64 = row[0]
        try db.cachedStatement(sql: """
            UPDATE items SET category = ?, title = ?, body = ?, status = ?, created_at = ?, submitted_at = ?, submitted_day = ?,
              commission = ?, fingerprint = ? WHERE seq = ?
            """).execute(arguments: [item.category.rawValue, item.title, item.body, item.status.rawValue, item.createdAt.seconds,
                             item.submittedAt?.seconds, item.submittedAt.map { Int64($0.day.ordinal) }, item.commission, fp, seq])
        for table in ["item_units", "item_authors", "item_sources", "item_history"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE item = ?").execute(arguments: [seq])
        }
        try writeChildren(.submission(item), rowID: seq)
    }

    static func table(_ kind: RecordKind) -> String {
        switch kind {
        case .office: "offices"
        case .unit: "units"
        case .person: "people"
        case .publication: "publications"
        case .commission: "commissions"
        case .submission: "items"
        case .adoption: "adoptions"
        case .forwarding: "forwardings"
        case .instruction: "instructions"
        case .reply: "replies"
        case .answer: "answers"
        case .emergency: "emergencies"
        case .absence: "absences"
        case .quota: "quotas"
        case .meeting: "meetings"
        }
    }

    // MARK: Rows

    private func insertStatement(_ record: Domain.Record, fingerprint fp: Int64) throws -> SQLiteStatement {
        func prepare(_ table: String, _ columns: [String]) throws -> SQLiteStatement {
            let s: SQLiteStatement
            if let cached = prepared.inserts[record.kind] {
                s = cached
            } else {
                let placeholders = (1...columns.count + 1).map { "?\($0)" }.joined(separator: ",")
                s = try SQLiteStatement(db, "INSERT INTO \(table)(\(columns.joined(separator: ",")),fingerprint) VALUES (\(placeholders)) ON CONFLICT(id) DO NOTHING")
                prepared.inserts[record.kind] = s
            }
            s.reset()
            s.bind(Int32(columns.count + 1), fp)
            return s
        }
        switch record {
        case .office(let x):
            let s = try prepare("offices", ["id", "name", "parent"])
            s.bind(1, x.id.rawValue); s.bind(2, x.name); s.bind(3, x.parent?.rawValue)
            return s
        case .unit(let x):
            let s = try prepare("units", ["id", "name", "kind", "grp", "parent", "office"])
            s.bind(1, x.id.rawValue); s.bind(2, x.name); s.bind(3, x.kind.rawValue); s.bind(4, x.group)
            s.bind(5, x.parent?.rawValue); s.bind(6, x.office.rawValue)
            return s
        case .person(let x):
            let s = try prepare("people", ["id", "name", "unit", "roles", "phone", "email"])
            s.bind(1, x.id.rawValue); s.bind(2, x.name); s.bind(3, x.unit.rawValue)
            s.bind(4, x.roles.sorted().map(\.rawValue).joined(separator: ",")); s.bind(5, x.phone); s.bind(6, x.email)
            return s
        case .publication(let x):
            let s = try prepare("publications", ["id", "name", "level", "kind", "office"])
            s.bind(1, x.id); s.bind(2, x.name); s.bind(3, x.level.rawValue); s.bind(4, x.kind.rawValue); s.bind(5, x.office?.rawValue)
            return s
        case .commission(let x):
            let s = try prepare("commissions", ["id", "office", "topic", "assigned_at", "due_at"])
            s.bind(1, x.id); s.bind(2, x.office.rawValue); s.bind(3, x.topic); s.bind(4, x.assignedAt.seconds); s.bind(5, x.due.seconds)
            return s
        case .submission(let x):
            let s = try prepare("items", ["id", "category", "title", "body", "status", "created_at", "submitted_at", "submitted_day", "commission"])
            s.bind(1, x.id.rawValue); s.bind(2, x.category.rawValue); s.bind(3, x.title); s.bind(4, x.body); s.bind(5, x.status.rawValue)
            s.bind(6, x.createdAt.seconds); s.bind(7, x.submittedAt?.seconds); s.bind(8, x.submittedAt.map { Int64($0.day.ordinal) })
            s.bind(9, x.commission)
            return s
        case .adoption(let x):
            let s = try prepare("adoptions", ["id", "item", "level", "publication", "kind", "issue", "day", "recorded_at"])
            s.bind(1, x.id); s.bind(2, try seq(ofItem: x.item.rawValue)); s.bind(3, x.level.rawValue); s.bind(4, x.publication)
            s.bind(5, x.kind.rawValue); s.bind(6, x.issue); s.bind(7, Int64(x.date.ordinal)); s.bind(8, x.recorded?.seconds)
            return s
        case .forwarding(let x):
            let s = try prepare("forwardings", ["id", "item", "to_level", "day", "recorded_at"])
            s.bind(1, x.id); s.bind(2, try seq(ofItem: x.item.rawValue)); s.bind(3, x.to.rawValue); s.bind(4, Int64(x.date.ordinal))
            s.bind(5, x.recorded?.seconds)
            return s
        case .instruction(let x):
            let s = try prepare("instructions", ["id", "item", "leader", "level", "principal", "text", "at", "handler", "due_at", "urgency",
                                                 "recorded_at"])
            s.bind(1, x.id); s.bind(2, try x.item.map { try seq(ofItem: $0.rawValue) }); s.bind(3, x.leader); s.bind(4, x.level.rawValue)
            s.bind(5, Int64(x.principal ? 1 : 0)); s.bind(6, x.text); s.bind(7, x.at.seconds); s.bind(8, x.handler.rawValue)
            s.bind(9, x.due?.seconds); s.bind(10, x.urgency.rawValue); s.bind(11, x.recorded?.seconds)
            return s
        case .reply(let x):
            let s = try prepare("replies", ["id", "instruction", "unit", "text", "at"])
            s.bind(1, x.id); s.bind(2, x.instruction); s.bind(3, x.unit.rawValue); s.bind(4, x.text); s.bind(5, x.at.seconds)
            return s
        case .answer(let x):
            let s = try prepare("answers", ["id", "commission", "unit", "item", "at"])
            s.bind(1, x.id); s.bind(2, x.commission); s.bind(3, x.unit.rawValue); s.bind(4, x.item?.rawValue); s.bind(5, x.at.seconds)
            return s
        case .emergency(let x):
            let s = try prepare("emergencies", ["id", "unit", "title", "severity", "occurred_at", "learned_at", "phone_at", "written_at", "finding", "followups"])
            s.bind(1, x.id); s.bind(2, x.unit.rawValue); s.bind(3, x.title); s.bind(4, x.severity.rawValue); s.bind(5, x.occurredAt.seconds)
            s.bind(6, x.learnedAt?.seconds); s.bind(7, x.phoneAt?.seconds); s.bind(8, x.writtenAt?.seconds); s.bind(9, x.finding?.rawValue)
            s.bind(10, x.followups.map { String($0.seconds) }.joined(separator: ","))
            return s
        case .absence(let x):
            let s = try prepare("absences", ["id", "unit", "leader", "destination", "reason", "depart_at", "return_at", "acting_leader", "acting_phone", "filed_at"])
            s.bind(1, x.id); s.bind(2, x.unit.rawValue); s.bind(3, x.leader); s.bind(4, x.destination); s.bind(5, x.reason)
            s.bind(6, x.departAt.seconds); s.bind(7, x.returnAt.seconds); s.bind(8, x.actingLeader); s.bind(9, x.actingPhone); s.bind(10, x.filedAt?.seconds)
            return s
        case .quota(let x):
            let s = try prepare("quotas", ["id", "unit", "person", "period", "required"])
            s.bind(1, x.id)
            switch x.subject {
            case .unit(let u): s.bind(2, u.rawValue); s.bind(3, String?.none)
            case .person(let p): s.bind(2, String?.none); s.bind(3, p.rawValue)
            }
            s.bind(4, x.period.description); s.bind(5, Int64(x.required))
            return s
        case .meeting(let x):
            let s = try prepare("meetings", ["id", "office", "title", "starts_at", "place", "agenda"])
            s.bind(1, x.id); s.bind(2, x.office.rawValue); s.bind(3, x.title); s.bind(4, x.startsAt.seconds); s.bind(5, x.place)
            s.bind(6, x.agenda.joined(separator: "\n"))
            return s
        }
    }

    private func writeChildren(_ record: Domain.Record, rowID: Int64) throws {
        switch record {
        case .unit(let x):
            unitSeq[x.id.rawValue] = rowID
        case .person(let x):
            personSeq[x.id.rawValue] = rowID
        case .commission(let x):
            let s = try statement("INSERT INTO commission_units(commission, position, unit) VALUES (?1, ?2, ?3)")
            for (i, u) in x.units.enumerated() {
                s.reset(); s.bind(1, x.id); s.bind(2, i); s.bind(3, u.rawValue)
                try s.run()
            }
        case .submission(let x):
            itemSeq[x.id.rawValue] = rowID
            let units = try statement("INSERT INTO item_units(item, position, unit) VALUES (?1, ?2, ?3)")
            for (i, u) in x.units.enumerated() {
                units.reset(); units.bind(1, rowID); units.bind(2, i); units.bind(3, try seq(ofUnit: u.rawValue))
                try units.run()
            }
            let authors = try statement("INSERT INTO item_authors(item, position, person) VALUES (?1, ?2, ?3)")
            for (i, p) in x.authors.enumerated() {
                authors.reset(); authors.bind(1, rowID); authors.bind(2, i); authors.bind(3, try seq(ofPerson: p.rawValue))
                try authors.run()
            }
            let sources = try statement("INSERT INTO item_sources(item, position, source) VALUES (?1, ?2, ?3)")
            for (i, m) in x.mergedFrom.enumerated() {
                sources.reset(); sources.bind(1, rowID); sources.bind(2, i); sources.bind(3, try seq(ofItem: m.rawValue))
                try sources.run()
            }
            let history = try statement("INSERT INTO item_history(item, position, from_status, to_status, by_person, at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            for (i, t) in x.history.enumerated() {
                history.reset(); history.bind(1, rowID); history.bind(2, i); history.bind(3, t.from?.rawValue); history.bind(4, t.to.rawValue)
                history.bind(5, t.by?.rawValue); history.bind(6, t.at.seconds); history.bind(7, t.note)
                try history.run()
            }
        default:
            break
        }
    }

    // MARK: Id → row number

    private func lookup(_ table: String, _ id: String) throws -> Int64 {
        let s = try statement("SELECT seq FROM \(table) WHERE id = ?1")
        s.reset()
        s.bind(1, id)
        guard try s.step() else {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY, message: "\(table) '\(id)' does not exist")
        }
        let v = s.int(0)
        s.reset()
        return v
    }

    func seq(ofUnit id: String) throws -> Int64 {
        if let s = unitSeq[id] { return s }
        let s = try lookup("units", id)
        unitSeq[id] = s
        return s
    }

    func seq(ofPerson id: String) throws -> Int64 {
        if let s = personSeq[id] { return s }
        let s = try lookup("people", id)
        personSeq[id] = s
        return s
    }

    func seq(ofItem id: String) throws -> Int64 {
        if let s = itemSeq[id] { return s }
        let s = try lookup("items", id)
        itemSeq[id] = s
        return s
    }
}

/// The prepared statements of `SQLiteRecordWriter`s on one connection: by SQL text for the
/// child and look-up statements, by kind for the per-record inserts. An import keeps them for
/// its transaction; the store keeps its writer connection's for good, so that an API change
/// does not compile its statements again (SQLite parses, GRDB's authorizer walks each one).
final class SQLiteWriteStatements: @unchecked Sendable {
    // Invariant: used only inside writes on the one connection they were prepared on, which
    // GRDB runs one at a time.
    var bySQL: [String: SQLiteStatement] = [:]
    var inserts: [RecordKind: SQLiteStatement] = [:]
    var fingerprintChecks: [RecordKind: SQLiteStatement] = [:]
}
