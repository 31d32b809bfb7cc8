import Domain
import GRDB
import Tagged
import WorkingDays

/// Reads every record (or those of some kinds) back, kind by kind in dependency order, ids in order within a kind.
struct SQLiteExport {
    let db: Database
    /// The kinds to read (the others are skipped).
    let kinds: Set<RecordKind>

    init(_ db: Database, kinds: Set<RecordKind> = Set(RecordKind.allCases)) {
        self.db = db
        self.kinds = kinds
    }

    private func each(_ sql: String, _ body: (Row) throws -> Void) throws {
        try each(nil, sql, body)
    }

    /// Runs `sql` for one section of the export; nothing when `kind` is not wanted.
    private func each(_ kind: RecordKind?, _ sql: String, _ body: (Row) throws -> Void) throws {
        if let kind, !kinds.contains(kind) { return }
        let cursor = try Row.fetchCursor(db, sql: sql)
        while let row = try cursor.next() { try body(row) }
    }

    func run(_ body: (Domain.Record) throws -> Void) throws {
        func t(_ s: Int64) -> Instant { Instant(seconds: s) }
        func ot(_ s: Int64?) -> Instant? { s.map(Instant.init(seconds:)) }
        try each(.office, "SELECT id, name, parent FROM offices ORDER BY id") { row in
            try body(.office(Office(id: OfficeID(row[0])!, name: row[1], parent: (row[2] as String?).flatMap(OfficeID.init))))
        }
        try each(.unit, "SELECT id, name, kind, grp, parent, office FROM units ORDER BY id") { row in
            try body(.unit(Domain.Unit(id: UnitID(rawValue: row[0]), name: row[1], kind: UnitKind(rawValue: row[2])!, group: row[3],
                                       parent: (row[4] as String?).map { UnitID(rawValue: $0) }, office: OfficeID(row[5])!)))
        }
        try each(.person, "SELECT id, name, unit, roles, phone, email FROM people ORDER BY id") { row in
            let roles = Set((row[3] as String).split(separator: ",").compactMap { Role(rawValue: String($0)) })
            try body(.person(Person(id: PersonID(rawValue: row[0]), name: row[1], unit: UnitID(rawValue: row[2]), roles: roles, phone: row[4], email: row[5])))
        }
        try each(.publication, "SELECT id, name, level, kind, office FROM publications ORDER BY id") { row in
            try body(.publication(Publication(id: row[0], name: row[1], level: Level(rawValue: row[2])!, kind: PublicationKind(rawValue: row[3])!,
                                              office: (row[4] as String?).flatMap(OfficeID.init))))
        }
        var commissionUnits: [String: [UnitID]] = [:]
        try each(.commission, "SELECT commission, unit FROM commission_units ORDER BY commission, position") { row in
            commissionUnits[row[0], default: []].append(UnitID(rawValue: row[1]))
        }
        try each(.commission, "SELECT id, office, topic, assigned_at, due_at FROM commissions ORDER BY id") { row in
            try body(.commission(Commission(id: row[0], office: OfficeID(row[1])!, topic: row[2], units: commissionUnits[row[0]] ?? [],
                                            assignedAt: t(row[3]), due: t(row[4]))))
        }
        if kinds.contains(.submission) { try exportItems(body) }
        try each(.adoption, """
            SELECT a.id, i.id, a.level, a.publication, a.kind, a.issue, a.day, a.recorded_at FROM adoptions a JOIN items i ON i.seq = a.item ORDER BY a.id
            """) { row in
            try body(.adoption(Adoption(id: row[0], item: ItemID(rawValue: row[1]), level: Level(rawValue: row[2])!, publication: row[3],
                                        kind: PublicationKind(rawValue: row[4])!, issue: row[5], date: Day(ordinal: row[6]), recorded: ot(row[7]))))
        }
        try each(.forwarding, "SELECT f.id, i.id, f.to_level, f.day, f.recorded_at FROM forwardings f JOIN items i ON i.seq = f.item ORDER BY f.id") { row in
            try body(.forwarding(Forwarding(id: row[0], item: ItemID(rawValue: row[1]), to: Level(rawValue: row[2])!, date: Day(ordinal: row[3]),
                                            recorded: ot(row[4]))))
        }
        try each(.instruction, """
            SELECT n.id, i.id, n.leader, n.level, n.principal, n.text, n.at, n.handler, n.due_at, n.urgency, n.recorded_at
            FROM instructions n LEFT JOIN items i ON i.seq = n.item ORDER BY n.id
            """) { row in
            try body(.instruction(Instruction(id: row[0], item: (row[1] as String?).map { ItemID(rawValue: $0) }, leader: row[2],
                                              level: Level(rawValue: row[3])!, principal: (row[4] as Int64) == 1, text: row[5], at: t(row[6]),
                                              handler: UnitID(rawValue: row[7]), due: ot(row[8]), urgency: Instruction.Urgency(rawValue: row[9])!,
                                              recorded: ot(row[10]))))
        }
        try each(.reply, "SELECT id, instruction, unit, text, at FROM replies ORDER BY id") { row in
            try body(.reply(Reply(id: row[0], instruction: row[1], unit: UnitID(rawValue: row[2]), text: row[3], at: t(row[4]))))
        }
        try each(.answer, "SELECT id, commission, unit, item, at FROM answers ORDER BY id") { row in
            try body(.answer(CommissionAnswer(id: row[0], commission: row[1], unit: UnitID(rawValue: row[2]),
                                              item: (row[3] as String?).map { ItemID(rawValue: $0) }, at: t(row[4]))))
        }
        try each(.emergency, """
            SELECT id, unit, title, severity, occurred_at, learned_at, phone_at, written_at, finding, followups FROM emergencies ORDER BY id
            """) { row in
            let followups = (row[9] as String).split(separator: ",").compactMap { Int64($0) }.map(Instant.init(seconds:))
            try body(.emergency(Emergency(id: row[0], unit: UnitID(rawValue: row[1]), title: row[2], severity: Emergency.Severity(rawValue: row[3])!,
                                          occurredAt: t(row[4]), learnedAt: ot(row[5]), phoneAt: ot(row[6]), writtenAt: ot(row[7]),
                                          finding: (row[8] as String?).flatMap(Emergency.Finding.init(rawValue:)), followups: followups)))
        }
        try each(.absence, """
            SELECT id, unit, leader, destination, reason, depart_at, return_at, acting_leader, acting_phone, filed_at FROM absences ORDER BY id
            """) { row in
            try body(.absence(Absence(id: row[0], unit: UnitID(rawValue: row[1]), leader: row[2], destination: row[3], reason: row[4],
                                      departAt: t(row[5]), returnAt: t(row[6]), actingLeader: row[7], actingPhone: row[8], filedAt: ot(row[9]))))
        }
        try each(.quota, "SELECT unit, person, period, required FROM quotas ORDER BY id") { row in
            let subject: Quota.Subject = (row[0] as String?).map { .unit(UnitID(rawValue: $0)) } ?? .person(PersonID(rawValue: row[1]))
            try body(.quota(Quota(subject: subject, period: Period(row[2])!, required: row[3])))
        }
        try each(.meeting, "SELECT id, office, title, starts_at, place, agenda FROM meetings ORDER BY id") { row in
            let agenda = (row[5] as String).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            try body(.meeting(Meeting(id: row[0], office: OfficeID(row[1])!, title: row[2], startsAt: t(row[3]), place: row[4], agenda: agenda)))
        }
    }

    /// Items in id order with their lists, each list read once and grouped by item.
    private func exportItems(_ body: (Domain.Record) throws -> Void) throws {
        var units: [Int64: [UnitID]] = [:]
        try each("SELECT x.item, u.id FROM item_units x JOIN units u ON u.seq = x.unit ORDER BY x.item, x.position") { row in
            units[row[0], default: []].append(UnitID(rawValue: row[1]))
        }
        var authors: [Int64: [PersonID]] = [:]
        try each("SELECT x.item, p.id FROM item_authors x JOIN people p ON p.seq = x.person ORDER BY x.item, x.position") { row in
            authors[row[0], default: []].append(PersonID(rawValue: row[1]))
        }
        var sources: [Int64: [ItemID]] = [:]
        try each("SELECT x.item, i.id FROM item_sources x JOIN items i ON i.seq = x.source ORDER BY x.item, x.position") { row in
            sources[row[0], default: []].append(ItemID(rawValue: row[1]))
        }
        var history: [Int64: [ItemTransition]] = [:]
        try each("SELECT item, from_status, to_status, by_person, at, note FROM item_history ORDER BY item, position") { row in
            history[row[0], default: []].append(ItemTransition(
                from: (row[1] as String?).flatMap(ItemStatus.init(rawValue:)), to: ItemStatus(rawValue: row[2])!,
                by: (row[3] as String?).map { PersonID(rawValue: $0) }, at: Instant(seconds: row[4]), note: row[5]))
        }
        try each("""
            SELECT seq, id, category, title, body, status, created_at, submitted_at, commission FROM items ORDER BY id
            """) { row in
            let seq: Int64 = row[0]
            try body(.submission(Item(
                id: ItemID(rawValue: row[1]), units: units[seq] ?? [], authors: authors[seq] ?? [],
                category: ItemCategory(rawValue: row[2])!, title: row[3], body: row[4], status: ItemStatus(rawValue: row[5])!,
                createdAt: Instant(seconds: row[6]), submittedAt: (row[7] as Int64?).map(Instant.init(seconds:)), commission: row[8],
                mergedFrom: sources[seq] ?? [], history: history[seq] ?? [])))
        }
    }
}
