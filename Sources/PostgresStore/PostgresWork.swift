package import Domain
import PostgresNIO
import Tagged
import WorkingDays

/// The record as the service reads and changes it, in PostgreSQL.
extension PostgresStore: WorkStore {
    package func organisation() async throws -> Organisation {
        var offices: [Office] = [], units: [Domain.Unit] = [], people: [Person] = []
        try await export(only: [.office, .unit, .person]) { record in
            switch record {
            case .office(let o): offices.append(o)
            case .unit(let u): units.append(u)
            case .person(let p): people.append(p)
            default: break
            }
        }
        return Organisation(offices: offices, units: units, people: people)
    }

    package func items(_ query: ItemQuery) async throws -> Page<ItemSummary> {
        if let units = query.units, units.isEmpty { return Page(items: [], next: nil) }
        let unitIDs = query.units.map { $0.map(\.rawValue).sorted() }
        let statuses = query.statuses.isEmpty ? nil : query.statuses.map(\.rawValue).sorted()
        let from = query.submittedFrom.map(DayParam.init), through = query.submittedThrough.map(DayParam.init)
        let text = query.text.flatMap { $0.isEmpty ? nil : $0 }
        let rows: [ItemSummary] = try await transaction("BEGIN READ ONLY") { conn in
            var out: [ItemSummary] = []
            for try await row in try await conn.rows("""
                SELECT i.seq, i.id, i.title, i.category, i.status, i.created_at, i.submitted_at,
                  (SELECT coalesce(array_to_string(array_agg(u.id ORDER BY x.position), chr(31)), '') FROM item_units x JOIN units u ON u.seq = x.unit
                   WHERE x.item = i.seq),
                  (SELECT count(*) FROM adoptions a WHERE a.item = i.seq)
                FROM items i
                WHERE (\(unitIDs)::text[] IS NULL OR i.seq IN (SELECT x.item FROM item_units x JOIN units u ON u.seq = x.unit
                                                                WHERE u.id = ANY(\(unitIDs)::text[])))
                  AND (\(statuses)::text[] IS NULL OR i.status = ANY(\(statuses)::text[]))
                  AND (\(from)::date IS NULL OR i.submitted_day >= \(from)::date)
                  AND (\(through)::date IS NULL OR i.submitted_day <= \(through)::date)
                  AND (\(text)::text IS NULL OR strpos(i.title, \(text)::text) > 0)
                  AND (\(query.before)::bigint IS NULL OR i.seq < \(query.before)::bigint)
                ORDER BY i.seq DESC LIMIT \(query.limit + 1)
                """) {
                var c = Cells(row)
                let seq = try c.int(), id = ItemID(rawValue: try c.text()), title = try c.text()
                let category = ItemCategory(rawValue: try c.text()) ?? .other, status = ItemStatus(rawValue: try c.text()) ?? .draft
                let created = try c.instant(), submitted = try c.optionalInstant()
                let units = try c.text().split(separator: "\u{1f}").map { UnitID(rawValue: String($0)) }
                out.append(ItemSummary(seq: seq, id: id, title: title, category: category, status: status, units: units, createdAt: created,
                                       submittedAt: submitted, adoptions: Int(try c.int())))
            }
            return out
        }
        let page = Array(rows.prefix(query.limit))
        return Page(items: page, next: rows.count > query.limit ? page.last?.seq : nil)
    }

    /// One statement (one round trip, one snapshot): the item's lists, history, adoptions and
    /// forwardings come as arrays, each in its order.
    package func item(_ id: ItemID) async throws -> ItemDetail? {
        func column(_ select: String, _ from: String) -> String { "ARRAY(SELECT \(select) FROM \(from))" }
        let history = "item_history h WHERE h.item = i.seq ORDER BY h.position"
        let adoptions = "adoptions a WHERE a.item = i.seq ORDER BY a.day, a.id"
        let forwardings = "forwardings f WHERE f.item = i.seq ORDER BY f.day, f.id"
        let lists = [
            column("u.id", "item_units x JOIN units u ON u.seq = x.unit WHERE x.item = i.seq ORDER BY x.position"),
            column("p.id", "item_authors x JOIN people p ON p.seq = x.person WHERE x.item = i.seq ORDER BY x.position"),
            column("s.id", "item_sources x JOIN items s ON s.seq = x.source WHERE x.item = i.seq ORDER BY x.position"),
        ] + ["h.from_status", "h.to_status", "h.by_person", "h.at", "h.note"].map { column($0, history) }
          + ["a.id", "a.level", "a.publication", "a.kind", "a.issue", "a.day", "a.recorded_at"].map { column($0, adoptions) }
          + ["f.id", "f.to_level", "f.day", "f.recorded_at"].map { column($0, forwardings) }
        let sql = """
            SELECT i.category, i.title, i.body, i.status, i.created_at, i.submitted_at, i.commission, i.fingerprint,
              \(lists.joined(separator: ",\n  "))
            FROM items i WHERE i.id = $1
            """
        var binds = PostgresBindings(capacity: 1)
        binds.append(id.rawValue)
        return try await statement { conn in
            var detail: ItemDetail?
            for try await row in try await conn.rows(PostgresQuery(unsafeSQL: sql, binds: binds)) {
                var c = Cells(row)
                var item = Item(id: id, units: [], category: ItemCategory(rawValue: try c.text()) ?? .other, title: try c.text(), body: try c.text(),
                                status: ItemStatus(rawValue: try c.text()) ?? .draft, createdAt: try c.instant(), submittedAt: try c.optionalInstant(),
                                commission: try c.optionalText())
                let fingerprint = try c.int()
                item.units = try c.array().strings().map { UnitID(rawValue: $0) }
                item.authors = try c.array().strings().map { PersonID(rawValue: $0) }
                item.mergedFrom = try c.array().strings().map { ItemID(rawValue: $0) }
                let (hFrom, hTo, hBy) = (try c.array().optionalStrings(), try c.array().strings(), try c.array().optionalStrings())
                let (hAt, hNote) = (try c.array().instants(), try c.array().optionalStrings())
                guard Set([hFrom.count, hTo.count, hBy.count, hAt.count, hNote.count]).count == 1 else { throw DecodeFailure(message: "item history columns differ in length") }
                item.history = hTo.indices.map { k in
                    ItemTransition(from: hFrom[k].flatMap(ItemStatus.init(rawValue:)), to: ItemStatus(rawValue: hTo[k]) ?? .draft,
                                   by: hBy[k].map { PersonID(rawValue: $0) }, at: hAt[k], note: hNote[k])
                }
                let (aID, aLevel, aPublication, aKind) = (try c.array().strings(), try c.array().strings(), try c.array().strings(), try c.array().strings())
                let (aIssue, aDay, aRecorded) = (try c.array().optionalStrings(), try c.array().days(), try c.array().optionalInstants())
                guard Set([aID.count, aLevel.count, aPublication.count, aKind.count, aIssue.count, aDay.count, aRecorded.count]).count == 1 else {
                    throw DecodeFailure(message: "adoption columns differ in length")
                }
                let adoptions = aID.indices.map { k in
                    Adoption(id: aID[k], item: id, level: Level(rawValue: aLevel[k]) ?? .city, publication: aPublication[k],
                             kind: PublicationKind(rawValue: aKind[k]) ?? .briefing, issue: aIssue[k], date: aDay[k], recorded: aRecorded[k])
                }
                let (fID, fLevel, fDay, fRecorded) = (try c.array().strings(), try c.array().strings(), try c.array().days(), try c.array().optionalInstants())
                guard Set([fID.count, fLevel.count, fDay.count, fRecorded.count]).count == 1 else { throw DecodeFailure(message: "forwarding columns differ in length") }
                let forwardings = fID.indices.map { k in
                    Forwarding(id: fID[k], item: id, to: Level(rawValue: fLevel[k]) ?? .province, date: fDay[k], recorded: fRecorded[k])
                }
                detail = ItemDetail(item: item, adoptions: adoptions, forwardings: forwardings, version: fingerprint)
            }
            return detail
        }
    }

    /// The version of the anti-join's inputs (`deadline_inputs`) tells whether the last
    /// answer still holds: one statement when it does; else the version and the anti-join in
    /// one snapshot.
    package func openDeadlines() async throws -> [OpenDeadline] {
        let current = try await statement { conn in try await Self.deadlineInputsVersion(conn) }
        return try await deadlines.value(at: current) { [self] in
            try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { conn in
                let version = try await Self.deadlineInputsVersion(conn)
                var out: [OpenDeadline] = []
                for try await row in try await conn.rows("""
                    SELECT 'instruction', i.id, i.text, i.handler, i.due_at FROM instructions i
                    WHERE NOT EXISTS (SELECT 1 FROM replies r WHERE r.instruction = i.id AND r.unit = i.handler)
                    UNION ALL
                    SELECT 'commission', c.id, c.topic, x.unit, c.due_at FROM commissions c JOIN commission_units x ON x.commission = c.id
                    WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.commission = c.id AND a.unit = x.unit)
                    ORDER BY 5 NULLS LAST, 2, 4
                    """) {
                    var c = Cells(row)
                    out.append(OpenDeadline(kind: OpenDeadline.Kind(rawValue: try c.text()) ?? .instruction, id: try c.text(), title: try c.text(),
                                            unit: UnitID(rawValue: try c.text()), due: try c.optionalInstant()))
                }
                return (version, out)
            }
        }
    }

    private static func deadlineInputsVersion(_ conn: PostgresConnection) async throws -> Int64 {
        var version: Int64 = -1
        for try await row in try await conn.rows("SELECT version FROM deadline_inputs") {
            var c = Cells(row)
            version = try c.int()
        }
        return version
    }

    package func apply(_ changes: [RecordChange], audit: [AuditEntry]) async throws {
        if let item = PostgresItemInsert.applies(to: changes) {
            return try await statement { conn in
                do {
                    try await PostgresItemInsert(item: item, fingerprint: Record.submission(item).fingerprint, audit: audit).run(conn)
                } catch let e as PSQLError where e.serverInfo != nil {
                    throw StoreError.constraint(describe(e))
                }
            }
        }
        if let (item, expected) = PostgresItemReplace.applies(to: changes) {
            return try await transaction { conn in
                do {
                    try await PostgresItemReplace(item: item, fingerprint: Record.submission(item).fingerprint, expected: expected, audit: audit).run(conn)
                } catch let e as PSQLError where e.serverInfo != nil {
                    throw StoreError.constraint(describe(e))
                }
            }
        }
        try await transaction { conn in
            let writer = PostgresRecordWriter(conn)
            do {
                for change in changes {
                    switch change {
                    case .insert(let record):
                        let outcome = try await writer.write([record], fingerprints: [record.fingerprint])
                        guard outcome == [.inserted] else { throw StoreError.constraint("\(record.kind.label)编号 '\(record.id)' 已存在") }
                    case .replaceItem(let item, let expected):
                        try await writer.replace(item, fingerprint: Record.submission(item).fingerprint, expected: expected)
                    }
                }
                for e in audit {
                    try await conn.run("""
                        INSERT INTO audit_log (at, actor, action, entity, entity_id, office, before, after)
                        VALUES (\(InstantParam(e.at)), \(e.actor?.rawValue)::text, \(e.action), \(e.entity), \(e.entityID), \(e.office.rawValue),
                                \(e.before)::text, \(e.after)::text)
                        """)
                }
            } catch let e as PostgresRecordWriter.MissingReference {
                throw StoreError.constraint(e.message)
            } catch let e as PSQLError where e.serverInfo != nil {
                throw StoreError.constraint(describe(e))
            }
        }
    }

    package func audit(_ query: AuditQuery) async throws -> [AuditEntry] {
        guard !query.offices.isEmpty else { return [] }
        let offices = query.offices.map(\.rawValue).sorted()
        return try await transaction("BEGIN READ ONLY") { conn in
            var out: [AuditEntry] = []
            for try await row in try await conn.rows("""
                SELECT seq, at, actor, action, entity, entity_id, office, before, after FROM audit_log
                WHERE office = ANY(\(offices)::text[]) AND (\(query.entity)::text IS NULL OR entity = \(query.entity)::text)
                  AND (\(query.entityID)::text IS NULL OR entity_id = \(query.entityID)::text)
                  AND (\(query.before)::bigint IS NULL OR seq < \(query.before)::bigint)
                ORDER BY seq DESC LIMIT \(query.limit)
                """) {
                var c = Cells(row)
                let seq = try c.int(), at = try c.instant(), actor = try c.optionalText().map { PersonID(rawValue: $0) }
                let action = try c.text(), entity = try c.text(), entityID = try c.text()
                guard let office = OfficeID(try c.text()) else { continue }
                out.append(AuditEntry(seq: seq, at: at, actor: actor, action: action, entity: entity, entityID: entityID, office: office,
                                      before: try c.optionalText(), after: try c.optionalText()))
            }
            return out
        }
    }
}
