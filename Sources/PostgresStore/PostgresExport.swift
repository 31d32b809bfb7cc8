import Domain
import PostgresNIO
import Tagged
import WorkingDays

/// Reads every record (or those of some kinds) back, kind by kind in dependency order, ids in byte order within a
/// kind (the id columns are `COLLATE "C"`), streaming rows as they arrive. Runs inside the
/// caller's read-only transaction, so that all of it is one snapshot.
struct PostgresExport {
    let conn: PostgresConnection
    /// The kinds to read (the others are skipped).
    var kinds: Set<RecordKind> = Set(RecordKind.allCases)

    private nonisolated(nonsending) func each(_ sql: String, _ body: (inout Cells) throws -> Void) async throws {
        try await each(nil, sql, body)
    }

    /// Runs `sql` for one section of the export; nothing when `kind` is not wanted.
    private nonisolated(nonsending) func each(_ kind: RecordKind?, _ sql: String, _ body: (inout Cells) throws -> Void) async throws {
        if let kind, !kinds.contains(kind) { return }
        for try await row in try await conn.rows(PostgresQuery(unsafeSQL: sql)) {
            var cells = Cells(row)
            try body(&cells)
        }
    }

    private struct BadValue: Error, CustomStringConvertible {
        var what: String
        var description: String { "PostgreSQL holds an invalid \(what)" }
    }

    private func office(_ s: String) throws -> OfficeID {
        guard let o = OfficeID(s) else { throw BadValue(what: "office id '\(s)'") }
        return o
    }

    private func value<T: RawRepresentable>(_ type: T.Type, _ s: String) throws -> T where T.RawValue == String {
        guard let v = T(rawValue: s) else { throw BadValue(what: "\(T.self) '\(s)'") }
        return v
    }

    nonisolated(nonsending) func run(_ body: (Domain.Record) throws -> Void) async throws {
        try await each(.office, "SELECT id, name, parent FROM offices ORDER BY id") { c in
            try body(.office(Office(id: try office(c.text()), name: try c.text(), parent: try c.optionalText().map(office))))
        }
        try await each(.unit, "SELECT id, name, kind, grp, parent, office FROM units ORDER BY id") { c in
            try body(.unit(Domain.Unit(id: UnitID(rawValue: try c.text()), name: try c.text(), kind: try value(UnitKind.self, c.text()),
                                       group: try c.text(), parent: try c.optionalText().map { UnitID(rawValue: $0) },
                                       office: try office(c.text()))))
        }
        try await each(.person, "SELECT id, name, unit, roles, phone, email FROM people ORDER BY id") { c in
            let id = PersonID(rawValue: try c.text()), name = try c.text(), unit = UnitID(rawValue: try c.text())
            let roles = Set(try c.text().split(separator: ",").compactMap { Role(rawValue: String($0)) })
            try body(.person(Person(id: id, name: name, unit: unit, roles: roles, phone: try c.optionalText(), email: try c.optionalText())))
        }
        try await each(.publication, "SELECT id, name, level, kind, office FROM publications ORDER BY id") { c in
            try body(.publication(Publication(id: try c.text(), name: try c.text(), level: try value(Level.self, c.text()),
                                              kind: try value(PublicationKind.self, c.text()), office: try c.optionalText().map(office))))
        }
        var commissionUnits: [String: [UnitID]] = [:]
        try await each(.commission, "SELECT commission, unit FROM commission_units ORDER BY commission, position") { c in
            commissionUnits[try c.text(), default: []].append(UnitID(rawValue: try c.text()))
        }
        try await each(.commission, "SELECT id, office, topic, assigned_at, due_at FROM commissions ORDER BY id") { c in
            let id = try c.text()
            try body(.commission(Commission(id: id, office: try office(c.text()), topic: try c.text(), units: commissionUnits[id] ?? [],
                                            assignedAt: try c.instant(), due: try c.instant())))
        }
        commissionUnits = [:]
        if kinds.contains(.submission) { try await exportItems(body) }
        try await each(.adoption, """
            SELECT a.id, i.id, a.level, a.publication, a.kind, a.issue, a.day, a.recorded_at
            FROM adoptions a JOIN items i ON i.seq = a.item ORDER BY a.id
            """) { c in
            try body(.adoption(Adoption(id: try c.text(), item: ItemID(rawValue: try c.text()), level: try value(Level.self, c.text()),
                                        publication: try c.text(), kind: try value(PublicationKind.self, c.text()),
                                        issue: try c.optionalText(), date: try c.day(), recorded: try c.optionalInstant())))
        }
        try await each(.forwarding, "SELECT f.id, i.id, f.to_level, f.day, f.recorded_at FROM forwardings f JOIN items i ON i.seq = f.item ORDER BY f.id") { c in
            try body(.forwarding(Forwarding(id: try c.text(), item: ItemID(rawValue: try c.text()), to: try value(Level.self, c.text()),
                                            date: try c.day(), recorded: try c.optionalInstant())))
        }
        try await each(.instruction, """
            SELECT n.id, i.id, n.leader, n.level, n.principal, n.text, n.at, n.handler, n.due_at, n.urgency, n.recorded_at
            FROM instructions n LEFT JOIN items i ON i.seq = n.item ORDER BY n.id
            """) { c in
            try body(.instruction(Instruction(id: try c.text(), item: try c.optionalText().map { ItemID(rawValue: $0) }, leader: try c.text(),
                                              level: try value(Level.self, c.text()), principal: try c.bool(), text: try c.text(),
                                              at: try c.instant(), handler: UnitID(rawValue: try c.text()), due: try c.optionalInstant(),
                                              urgency: try value(Instruction.Urgency.self, c.text()), recorded: try c.optionalInstant())))
        }
        try await each(.reply, "SELECT id, instruction, unit, text, at FROM replies ORDER BY id") { c in
            try body(.reply(Reply(id: try c.text(), instruction: try c.text(), unit: UnitID(rawValue: try c.text()), text: try c.text(),
                                  at: try c.instant())))
        }
        try await each(.answer, "SELECT id, commission, unit, item, at FROM answers ORDER BY id") { c in
            try body(.answer(CommissionAnswer(id: try c.text(), commission: try c.text(), unit: UnitID(rawValue: try c.text()),
                                              item: try c.optionalText().map { ItemID(rawValue: $0) }, at: try c.instant())))
        }
        try await each(.emergency, """
            SELECT id, unit, title, severity, occurred_at, learned_at, phone_at, written_at, finding, followups
            FROM emergencies ORDER BY id
            """) { c in
            let id = try c.text(), unit = UnitID(rawValue: try c.text()), title = try c.text()
            let severity = try value(Emergency.Severity.self, c.text())
            let occurred = try c.instant(), learned = try c.optionalInstant(), phone = try c.optionalInstant(), written = try c.optionalInstant()
            let finding = try c.optionalText().flatMap(Emergency.Finding.init(rawValue:))
            let followups = try c.text().split(separator: ",").compactMap { Int64($0) }.map(Instant.init(seconds:))
            try body(.emergency(Emergency(id: id, unit: unit, title: title, severity: severity, occurredAt: occurred, learnedAt: learned,
                                          phoneAt: phone, writtenAt: written, finding: finding, followups: followups)))
        }
        try await each(.absence, """
            SELECT id, unit, leader, destination, reason, depart_at, return_at, acting_leader, acting_phone, filed_at
            FROM absences ORDER BY id
            """) { c in
            try body(.absence(Absence(id: try c.text(), unit: UnitID(rawValue: try c.text()), leader: try c.text(), destination: try c.text(),
                                      reason: try c.text(), departAt: try c.instant(), returnAt: try c.instant(),
                                      actingLeader: try c.text(), actingPhone: try c.optionalText(), filedAt: try c.optionalInstant())))
        }
        try await each(.quota, "SELECT unit, person, period, required FROM quotas ORDER BY id") { c in
            let unit = try c.optionalText(), person = try c.optionalText(), periodText = try c.text()
            let subject: Quota.Subject = unit.map { .unit(UnitID(rawValue: $0)) } ?? .person(PersonID(rawValue: person ?? ""))
            guard let period = Period(periodText) else { throw BadValue(what: "period '\(periodText)'") }
            try body(.quota(Quota(subject: subject, period: period, required: Int(try c.int()))))
        }
        try await each(.meeting, "SELECT id, office, title, starts_at, place, agenda FROM meetings ORDER BY id") { c in
            let id = try c.text(), office = try office(c.text()), title = try c.text(), starts = try c.instant(), place = try c.text()
            let agenda = try c.text().split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            try body(.meeting(Meeting(id: id, office: office, title: title, startsAt: starts, place: place, agenda: agenda)))
        }
    }

    /// Items in id order with their lists, each list read once and grouped by item.
    private nonisolated(nonsending) func exportItems(_ body: (Domain.Record) throws -> Void) async throws {
        var units: [Int64: [UnitID]] = [:]
        try await each("SELECT x.item, u.id FROM item_units x JOIN units u ON u.seq = x.unit ORDER BY x.item, x.position") { c in
            units[try c.int(), default: []].append(UnitID(rawValue: try c.text()))
        }
        var authors: [Int64: [PersonID]] = [:]
        try await each("SELECT x.item, p.id FROM item_authors x JOIN people p ON p.seq = x.person ORDER BY x.item, x.position") { c in
            authors[try c.int(), default: []].append(PersonID(rawValue: try c.text()))
        }
        var sources: [Int64: [ItemID]] = [:]
        try await each("SELECT x.item, i.id FROM item_sources x JOIN items i ON i.seq = x.source ORDER BY x.item, x.position") { c in
            sources[try c.int(), default: []].append(ItemID(rawValue: try c.text()))
        }
        var history: [Int64: [ItemTransition]] = [:]
        try await each("SELECT item, from_status, to_status, by_person, at, note FROM item_history ORDER BY item, position") { c in
            let item = try c.int()
            let from = try c.optionalText().flatMap(ItemStatus.init(rawValue:)), to = try value(ItemStatus.self, c.text())
            history[item, default: []].append(ItemTransition(from: from, to: to, by: try c.optionalText().map { PersonID(rawValue: $0) },
                                                             at: try c.instant(), note: try c.optionalText()))
        }
        try await each("SELECT seq, id, category, title, body, status, created_at, submitted_at, commission FROM items ORDER BY id") { c in
            let seq = try c.int()
            try body(.submission(Item(
                id: ItemID(rawValue: try c.text()), units: units[seq] ?? [], authors: authors[seq] ?? [],
                category: try value(ItemCategory.self, c.text()), title: try c.text(), body: try c.text(),
                status: try value(ItemStatus.self, c.text()), createdAt: try c.instant(), submittedAt: try c.optionalInstant(),
                commission: try c.optionalText(), mergedFrom: sources[seq] ?? [], history: history[seq] ?? [])))
        }
    }
}
