import Domain
import PostgresNIO
import Tagged
import WorkingDays

/// Writes batches of records inside an open transaction, a few statements per kind and
/// batch rather than one per record:
///
/// 1. the row numbers (`seq`) of the items, units and people the batch refers to are looked
///    up (one query per table, for those not already known);
/// 2. one `INSERT … SELECT … FROM unnest($1, $2, …) WITH ORDINALITY … ORDER BY ord
///    ON CONFLICT (id) DO NOTHING RETURNING id` per kind inserts the new rows, in input
///    order (so `seq` follows it);
/// 3. the ids not returned were already stored: one query reads their fingerprints, which
///    tell an identical record (unchanged) from a different one (a conflict);
/// 4. the lists of the records inserted (a commission's units, an item's units, authors,
///    sources and history) go in with one `unnest` insert per table.
///
/// Kinds are written in `RecordKind.allCases` order, which is the order they may refer to
/// each other in; within a kind, a row may refer to an earlier one of the same statement
/// (PostgreSQL checks foreign keys at the end of each statement). Outcomes are reported per
/// record in input order.
final class PostgresRecordWriter {
    private let conn: PostgresConnection
    private var unitSeq: [String: Int64] = [:]
    private var personSeq: [String: Int64] = [:]
    private var itemSeq: [String: Int64] = [:]

    init(_ conn: PostgresConnection) { self.conn = conn }

    /// A reference to a row that does not exist (the message names it as SQLite's writer does).
    struct MissingReference: Error {
        var position: Int
        var message: String
    }

    /// Forgets the row numbers learnt so far (after a rollback to a savepoint, some of them
    /// may belong to rows that are gone).
    func forgetRowNumbers() {
        unitSeq.removeAll()
        personSeq.removeAll()
        itemSeq.removeAll()
    }

    /// Replaces a stored item's content and lists (units, authors, sources, history) if its
    /// fingerprint is still `expected` (the row is locked first); throws `StaleRecord` otherwise.
    func replace(_ item: Item, fingerprint fp: Int64, expected: Int64) async throws {
        var found: (seq: Int64, fingerprint: Int64)?
        for try await row in try await conn.rows("SELECT seq, fingerprint FROM items WHERE id = \(item.id.rawValue) FOR UPDATE") {
            var c = Cells(row)
            found = (try c.int(), try c.int())
        }
        guard let found, found.fingerprint == expected else { throw StaleRecord(kind: .submission, id: item.id.rawValue) }
        let submittedAt = item.submittedAt.map(InstantParam.init)
        let submittedDay = item.submittedAt.map { DayParam($0.day) }
        try await conn.run("""
            UPDATE items SET category = \(item.category.rawValue), title = \(item.title), body = \(item.body), status = \(item.status.rawValue),
              created_at = \(InstantParam(item.createdAt)), submitted_at = \(submittedAt), submitted_day = \(submittedDay),
              commission = \(item.commission)::text, fingerprint = \(fp)
            WHERE seq = \(found.seq)
            """)
        for table in ["item_units", "item_authors", "item_sources", "item_history"] {
            try await conn.run("DELETE FROM \(unescaped: table) WHERE item = \(found.seq)")
        }
        itemSeq[item.id.rawValue] = found.seq
        try await writeItemLists([(.submission(item), found.seq)], positions: [:])
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

    /// Writes `records` (`fingerprints[k]` is `records[k].fingerprint`).
    func write(_ records: [Domain.Record], fingerprints: [Int64]) async throws -> [WriteOutcome] {
        var outcomes = [WriteOutcome](repeating: .conflict, count: records.count)
        var positions: [RecordKind: [Int]] = [:]
        for (i, r) in records.enumerated() { positions[r.kind, default: []].append(i) }
        for kind in RecordKind.allCases {
            guard let at = positions[kind] else { continue }
            let written = try await write(kind, at.map { records[$0] }, fingerprints: at.map { fingerprints[$0] }, positions: at)
            for (k, i) in at.enumerated() { outcomes[i] = written[k] }
        }
        return outcomes
    }

    // MARK: One kind

    /// The columns of a kind's table, after `id` and before `fingerprint`.
    private static func columns(_ kind: RecordKind) -> [(name: String, type: ArrayParam.Element)] {
        switch kind {
        case .office: [("name", .text), ("parent", .text)]
        case .unit: [("name", .text), ("kind", .text), ("grp", .text), ("parent", .text), ("office", .text)]
        case .person: [("name", .text), ("unit", .text), ("roles", .text), ("phone", .text), ("email", .text)]
        case .publication: [("name", .text), ("level", .text), ("kind", .text), ("office", .text)]
        case .commission: [("office", .text), ("topic", .text), ("assigned_at", .timestamptz), ("due_at", .timestamptz)]
        case .submission:
            [("category", .text), ("title", .text), ("body", .text), ("status", .text), ("created_at", .timestamptz),
             ("submitted_at", .timestamptz), ("submitted_day", .date), ("commission", .text)]
        case .adoption:
            [("item", .int8), ("level", .text), ("publication", .text), ("kind", .text), ("issue", .text), ("day", .date),
             ("recorded_at", .timestamptz)]
        case .forwarding: [("item", .int8), ("to_level", .text), ("day", .date), ("recorded_at", .timestamptz)]
        case .instruction:
            [("item", .int8), ("leader", .text), ("level", .text), ("principal", .bool), ("text", .text), ("at", .timestamptz),
             ("handler", .text), ("due_at", .timestamptz), ("urgency", .text), ("recorded_at", .timestamptz)]
        case .reply: [("instruction", .text), ("unit", .text), ("text", .text), ("at", .timestamptz)]
        case .answer: [("commission", .text), ("unit", .text), ("item", .text), ("at", .timestamptz)]
        case .emergency:
            [("unit", .text), ("title", .text), ("severity", .text), ("occurred_at", .timestamptz), ("learned_at", .timestamptz),
             ("phone_at", .timestamptz), ("written_at", .timestamptz), ("finding", .text), ("followups", .text)]
        case .absence:
            [("unit", .text), ("leader", .text), ("destination", .text), ("reason", .text), ("depart_at", .timestamptz),
             ("return_at", .timestamptz), ("acting_leader", .text), ("acting_phone", .text), ("filed_at", .timestamptz)]
        case .quota: [("unit", .text), ("person", .text), ("period", .text), ("required", .int8)]
        case .meeting: [("office", .text), ("title", .text), ("starts_at", .timestamptz), ("place", .text), ("agenda", .text)]
        }
    }

    /// Whether the table has a `seq` the writer keeps track of.
    private static func tracksSeq(_ kind: RecordKind) -> Bool {
        kind == .unit || kind == .person || kind == .submission
    }

    private static func insert(_ kind: RecordKind) -> String {
        let names = ["id"] + columns(kind).map(\.name) + ["fingerprint"]
        let types: [ArrayParam.Element] = [.text] + columns(kind).map(\.type) + [.int8]
        let params = types.enumerated().map { "$\($0 + 1)::\($1.sqlArray)" }.joined(separator: ", ")
        let list = names.joined(separator: ", ")
        return """
            INSERT INTO \(table(kind)) (\(list))
            SELECT \(names.map { "x.\($0)" }.joined(separator: ", "))
            FROM unnest(\(params)) WITH ORDINALITY AS x(\(list), ord)
            ORDER BY x.ord
            ON CONFLICT (id) DO NOTHING
            RETURNING id\(tracksSeq(kind) ? ", seq" : "")
            """
    }

    private func write(_ kind: RecordKind, _ records: [Domain.Record], fingerprints: [Int64], positions: [Int]) async throws -> [WriteOutcome] {
        if kind == .adoption || kind == .forwarding || kind == .instruction {
            try await resolveItems(records, positions: positions)
        }
        var id = ArrayParam(.text, capacity: records.count)
        var cols = Self.columns(kind).map { ArrayParam($0.type, capacity: records.count) }
        var fingerprint = ArrayParam(.int8, capacity: records.count)
        for (k, r) in records.enumerated() {
            id.append(r.id)
            try fill(&cols, r)
            fingerprint.append(fingerprints[k])
        }
        var binds = PostgresBindings(capacity: cols.count + 2)
        binds.append(id)
        for c in cols { binds.append(c) }
        binds.append(fingerprint)

        // Inserted rows: id → seq (0 where the table has none).
        var inserted: [String: Int64] = [:]
        let tracks = Self.tracksSeq(kind)
        for try await row in try await conn.rows(PostgresQuery(unsafeSQL: Self.insert(kind), binds: binds)) {
            var cells = Cells(row)
            let rid = try cells.text()
            inserted[rid] = tracks ? try cells.int() : 0
        }

        var outcomes = [WriteOutcome](repeating: .conflict, count: records.count)
        var check: [Int] = []
        var newRecords: [(record: Domain.Record, seq: Int64)] = []
        for (k, r) in records.enumerated() {
            // The first record of an id returned was inserted; a later one with the same id
            // (or one not returned) compares with what is stored.
            if let seq = inserted.removeValue(forKey: r.id) {
                outcomes[k] = .inserted
                newRecords.append((r, seq))
                switch kind {
                case .unit: unitSeq[r.id] = seq
                case .person: personSeq[r.id] = seq
                case .submission: itemSeq[r.id] = seq
                default: break
                }
            } else {
                check.append(k)
            }
        }
        if !check.isEmpty {
            var stored: [String: Int64] = [:]
            let ids = check.map { records[$0].id }
            let q: PostgresQuery = "SELECT id, fingerprint FROM \(unescaped: Self.table(kind)) WHERE id = ANY(\(ids))"
            for try await row in try await conn.rows(q) {
                var cells = Cells(row)
                stored[try cells.text()] = try cells.int()
            }
            for k in check { outcomes[k] = stored[records[k].id] == fingerprints[k] ? .unchanged : .conflict }
        }
        if !newRecords.isEmpty {
            switch kind {
            case .commission: try await writeCommissionUnits(newRecords.map(\.record))
            case .submission:
                let index = Dictionary(zip(records.map(\.id), positions), uniquingKeysWith: { first, _ in first })
                try await writeItemLists(newRecords, positions: index)
            default: break
            }
        }
        return outcomes
    }

    // MARK: Rows

    private func fill(_ c: inout [ArrayParam], _ record: Domain.Record) throws {
        switch record {
        case .office(let x):
            c[0].append(x.name); c[1].append(x.parent?.rawValue)
        case .unit(let x):
            c[0].append(x.name); c[1].append(x.kind.rawValue); c[2].append(x.group); c[3].append(x.parent?.rawValue)
            c[4].append(x.office.rawValue)
        case .person(let x):
            c[0].append(x.name); c[1].append(x.unit.rawValue); c[2].append(x.roles.sorted().map(\.rawValue).joined(separator: ","))
            c[3].append(x.phone); c[4].append(x.email)
        case .publication(let x):
            c[0].append(x.name); c[1].append(x.level.rawValue); c[2].append(x.kind.rawValue); c[3].append(x.office?.rawValue)
        case .commission(let x):
            c[0].append(x.office.rawValue); c[1].append(x.topic); c[2].append(x.assignedAt); c[3].append(x.due)
        case .submission(let x):
            c[0].append(x.category.rawValue); c[1].append(x.title); c[2].append(x.body); c[3].append(x.status.rawValue)
            c[4].append(x.createdAt); c[5].append(x.submittedAt); c[6].append(x.submittedAt?.day); c[7].append(x.commission)
        case .adoption(let x):
            c[0].append(itemSeq[x.item.rawValue]); c[1].append(x.level.rawValue); c[2].append(x.publication)
            c[3].append(x.kind.rawValue); c[4].append(x.issue); c[5].append(x.date); c[6].append(x.recorded)
        case .forwarding(let x):
            c[0].append(itemSeq[x.item.rawValue]); c[1].append(x.to.rawValue); c[2].append(x.date); c[3].append(x.recorded)
        case .instruction(let x):
            c[0].append(x.item.flatMap { itemSeq[$0.rawValue] }); c[1].append(x.leader); c[2].append(x.level.rawValue)
            c[3].append(x.principal); c[4].append(x.text); c[5].append(x.at); c[6].append(x.handler.rawValue)
            c[7].append(x.due); c[8].append(x.urgency.rawValue); c[9].append(x.recorded)
        case .reply(let x):
            c[0].append(x.instruction); c[1].append(x.unit.rawValue); c[2].append(x.text); c[3].append(x.at)
        case .answer(let x):
            c[0].append(x.commission); c[1].append(x.unit.rawValue); c[2].append(x.item?.rawValue); c[3].append(x.at)
        case .emergency(let x):
            c[0].append(x.unit.rawValue); c[1].append(x.title); c[2].append(x.severity.rawValue); c[3].append(x.occurredAt)
            c[4].append(x.learnedAt); c[5].append(x.phoneAt); c[6].append(x.writtenAt); c[7].append(x.finding?.rawValue)
            c[8].append(x.followups.map { String($0.seconds) }.joined(separator: ","))
        case .absence(let x):
            c[0].append(x.unit.rawValue); c[1].append(x.leader); c[2].append(x.destination); c[3].append(x.reason)
            c[4].append(x.departAt); c[5].append(x.returnAt); c[6].append(x.actingLeader); c[7].append(x.actingPhone)
            c[8].append(x.filedAt)
        case .quota(let x):
            switch x.subject {
            case .unit(let u): c[0].append(u.rawValue); c[1].appendNull()
            case .person(let p): c[0].appendNull(); c[1].append(p.rawValue)
            }
            c[2].append(x.period.description); c[3].append(Int64(x.required))
        case .meeting(let x):
            c[0].append(x.office.rawValue); c[1].append(x.title); c[2].append(x.startsAt); c[3].append(x.place)
            c[4].append(x.agenda.joined(separator: "\n"))
        }
    }

    // MARK: Lists

    private func writeCommissionUnits(_ records: [Domain.Record]) async throws {
        var commission = ArrayParam(.text), position = ArrayParam(.int4), unit = ArrayParam(.text)
        for case .commission(let x) in records {
            for (i, u) in x.units.enumerated() {
                commission.append(x.id); position.append(i); unit.append(u.rawValue)
            }
        }
        guard commission.count > 0 else { return }
        try await conn.run("""
            INSERT INTO commission_units (commission, position, unit)
            SELECT * FROM unnest(\(commission)::text[], \(position)::integer[], \(unit)::text[])
            """)
    }

    /// An item's units, authors, sources and history; `positions` maps an item id to its
    /// record's place in the written batch (for errors).
    private func writeItemLists(_ items: [(record: Domain.Record, seq: Int64)], positions: [String: Int]) async throws {
        var needUnits: [(String, Int)] = [], needPeople: [(String, Int)] = [], needItems: [(String, Int)] = []
        for case (.submission(let x), _) in items {
            let at = positions[x.id.rawValue] ?? 0
            needUnits += x.units.map { ($0.rawValue, at) }
            needPeople += x.authors.map { ($0.rawValue, at) }
            needItems += x.mergedFrom.map { ($0.rawValue, at) }
        }
        try await resolve("units", needUnits, into: &unitSeq)
        try await resolve("people", needPeople, into: &personSeq)
        try await resolve("items", needItems, into: &itemSeq)

        var uItem = ArrayParam(.int8), uPos = ArrayParam(.int4), uUnit = ArrayParam(.int8)
        var aItem = ArrayParam(.int8), aPos = ArrayParam(.int4), aPerson = ArrayParam(.int8)
        var sItem = ArrayParam(.int8), sPos = ArrayParam(.int4), sSource = ArrayParam(.int8)
        var hItem = ArrayParam(.int8), hPos = ArrayParam(.int4), hFrom = ArrayParam(.text), hTo = ArrayParam(.text)
        var hBy = ArrayParam(.text), hAt = ArrayParam(.timestamptz), hNote = ArrayParam(.text)
        for case (.submission(let x), let seq) in items {
            for (i, u) in x.units.enumerated() { uItem.append(seq); uPos.append(i); uUnit.append(unitSeq[u.rawValue]) }
            for (i, p) in x.authors.enumerated() { aItem.append(seq); aPos.append(i); aPerson.append(personSeq[p.rawValue]) }
            for (i, m) in x.mergedFrom.enumerated() { sItem.append(seq); sPos.append(i); sSource.append(itemSeq[m.rawValue]) }
            for (i, t) in x.history.enumerated() {
                hItem.append(seq); hPos.append(i); hFrom.append(t.from?.rawValue); hTo.append(t.to.rawValue)
                hBy.append(t.by?.rawValue); hAt.append(t.at); hNote.append(t.note)
            }
        }
        if uItem.count > 0 {
            try await conn.run("""
                INSERT INTO item_units (item, position, unit)
                SELECT * FROM unnest(\(uItem)::bigint[], \(uPos)::integer[], \(uUnit)::bigint[])
                """)
        }
        if aItem.count > 0 {
            try await conn.run("""
                INSERT INTO item_authors (item, position, person)
                SELECT * FROM unnest(\(aItem)::bigint[], \(aPos)::integer[], \(aPerson)::bigint[])
                """)
        }
        if sItem.count > 0 {
            try await conn.run("""
                INSERT INTO item_sources (item, position, source)
                SELECT * FROM unnest(\(sItem)::bigint[], \(sPos)::integer[], \(sSource)::bigint[])
                """)
        }
        if hItem.count > 0 {
            try await conn.run("""
                INSERT INTO item_history (item, position, from_status, to_status, by_person, at, note)
                SELECT * FROM unnest(\(hItem)::bigint[], \(hPos)::integer[], \(hFrom)::text[], \(hTo)::text[],
                                     \(hBy)::text[], \(hAt)::timestamptz[], \(hNote)::text[])
                """)
        }
    }

    // MARK: Id → row number

    /// Makes sure the items adoptions, forwardings and instructions point to have known row numbers.
    private func resolveItems(_ records: [Domain.Record], positions: [Int]) async throws {
        var need: [(String, Int)] = []
        for (k, r) in records.enumerated() {
            switch r {
            case .adoption(let x): need.append((x.item.rawValue, positions[k]))
            case .forwarding(let x): need.append((x.item.rawValue, positions[k]))
            case .instruction(let x): if let i = x.item { need.append((i.rawValue, positions[k])) }
            default: break
            }
        }
        try await resolve("items", need, into: &itemSeq)
    }

    /// Looks up the row numbers of `ids` not in `known`; throws `MissingReference` (at the
    /// first record referring to it) for an id that is not stored.
    private func resolve(_ table: String, _ ids: [(id: String, position: Int)], into known: inout [String: Int64]) async throws {
        var ask: [String] = []
        var asked: Set<String> = []
        for (id, _) in ids where known[id] == nil && asked.insert(id).inserted { ask.append(id) }
        guard !ask.isEmpty else { return }
        let q: PostgresQuery = "SELECT id, seq FROM \(unescaped: table) WHERE id = ANY(\(ask))"
        for try await row in try await conn.rows(q) {
            var cells = Cells(row)
            known[try cells.text()] = try cells.int()
        }
        if let missing = ids.filter({ known[$0.id] == nil }).min(by: { $0.position < $1.position }) {
            throw MissingReference(position: missing.position, message: "\(table) '\(missing.id)' does not exist")
        }
    }
}
