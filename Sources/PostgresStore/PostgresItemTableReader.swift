import Domain
import PostgresNIO
import Tagged
import WorkingDays

/// Reads a period's items and their facts into an `ItemTable`, giving the same table as
/// `SQLiteItemTableReader` for the same data: items in insertion (`seq`) order, each list in
/// its order, strings interned in the same order: every unit, then every person, by id (the
/// order SQLite reads them in, through its unique index on id), then commissions,
/// publications, issues and leaders as met.
///
/// One connection can stream only one result at a time, so each child list of the period's
/// items is read into a compact array first (ordered by item), then the items are streamed
/// and merged with them.
struct PostgresItemTableReader {
    let conn: PostgresConnection

    private func each(_ query: PostgresQuery, _ body: (inout Cells) throws -> Void) async throws {
        for try await row in try await conn.rows(query) {
            var cells = Cells(row)
            try body(&cells)
        }
    }

    /// Rows of one child list, in item order: `item[k]` is the row's item `seq`.
    private struct Rows<Value> {
        var item: [Int64] = []
        var value: [Value] = []
        var next = 0

        /// Calls `body` for each row of `seq` (rows of earlier items are skipped).
        mutating func forEach(of seq: Int64, _ body: (Value) -> Void) {
            while next < item.count && item[next] < seq { next += 1 }
            while next < item.count && item[next] == seq {
                body(value[next])
                next += 1
            }
        }
    }

    func read(from: Day, through: Day) async throws -> ItemTable {
        var table = ItemTable()
        let unitRef = try await references("SELECT seq, id FROM units ORDER BY id", into: &table)
        let personRef = try await references("SELECT seq, id FROM people ORDER BY id", into: &table)
        var textRef: [String: Int32] = [:]
        func intern(_ s: String) -> Int32 {
            if let r = textRef[s] { return r }
            let r = table.intern(s)
            textRef[s] = r
            return r
        }

        let lo = DayParam(from), hi = DayParam(through)
        // The period's items, as a filter for their lists.
        let inPeriod = "JOIN items i ON i.seq = x.item WHERE i.submitted_day BETWEEN $1 AND $2"

        var units = Rows<Int64>()
        try await each(period("SELECT x.item, x.unit FROM item_units x \(inPeriod) ORDER BY x.item, x.position", lo, hi)) { c in
            units.item.append(try c.int()); units.value.append(try c.int())
        }
        var authors = Rows<Int64>()
        try await each(period("SELECT x.item, x.person FROM item_authors x \(inPeriod) ORDER BY x.item, x.position", lo, hi)) { c in
            authors.item.append(try c.int()); authors.value.append(try c.int())
        }
        var adoptions = Rows<(Level, PublicationKind, String, String?, Day)>()
        try await each(period("""
            SELECT x.item, x.level, x.kind, x.publication, x.issue, x.day FROM adoptions x \(inPeriod) ORDER BY x.item, x.seq
            """, lo, hi)) { c in
            adoptions.item.append(try c.int())
            adoptions.value.append((Level(rawValue: try c.text()) ?? .city, PublicationKind(rawValue: try c.text()) ?? .briefing,
                                    try c.text(), try c.optionalText(), try c.day()))
        }
        var forwardings = Rows<ItemTable.Forwarding>()
        try await each(period("SELECT x.item, x.to_level, x.day FROM forwardings x \(inPeriod) ORDER BY x.item, x.seq", lo, hi)) { c in
            forwardings.item.append(try c.int())
            forwardings.value.append(.init(to: Level(rawValue: try c.text()) ?? .province, date: try c.day()))
        }
        var instructions = Rows<(Level, Bool, String, Day)>()
        try await each(period("""
            SELECT x.item, x.level, x.principal, x.leader, x.at FROM instructions x \(inPeriod) ORDER BY x.item, x.seq
            """, lo, hi)) { c in
            instructions.item.append(try c.int())
            instructions.value.append((Level(rawValue: try c.text()) ?? .city, try c.bool(), try c.text(), try c.instant().day))
        }

        let items: PostgresQuery = """
            SELECT i.seq, i.id, i.category, i.submitted_day, i.commission,
                   EXISTS (SELECT 1 FROM item_sources s WHERE s.item = i.seq)
            FROM items i WHERE i.submitted_day BETWEEN \(lo) AND \(hi) ORDER BY i.seq
            """
        try await each(items) { c in
            let seq = try c.int(), id = ItemID(rawValue: try c.text()), category = ItemCategory(rawValue: try c.text()) ?? .other
            let submitted = try c.day(), commission = try c.optionalText().map(intern) ?? -1, merged = try c.bool()
            table.beginItem(id: id, merged: merged, category: category, submitted: submitted, commission: commission)
            units.forEach(of: seq) { table.addUnit(unitRef[$0] ?? -1) }
            authors.forEach(of: seq) { table.addAuthor(personRef[$0] ?? -1) }
            adoptions.forEach(of: seq) { a in
                table.addAdoption(.init(level: a.0, kind: a.1, publication: intern(a.2), issue: a.3.map(intern) ?? -1, date: a.4))
            }
            forwardings.forEach(of: seq) { table.addForwarding($0) }
            instructions.forEach(of: seq) { s in
                table.addInstruction(.init(level: s.0, principal: s.1, leader: intern(s.2), date: s.3))
            }
            table.finishItem()
        }
        return table
    }

    /// seq → string index of every row of a (seq, id) query, interned into the table.
    private func references(_ sql: String, into table: inout ItemTable) async throws -> [Int64: Int32] {
        var refs: [Int64: Int32] = [:]
        for try await row in try await conn.rows(PostgresQuery(unsafeSQL: sql)) {
            var cells = Cells(row)
            let seq = try cells.int()
            refs[seq] = table.intern(try cells.text())
        }
        return refs
    }
}

/// `sql` with `$1` and `$2` bound to the period's first and last day.
private func period(_ sql: String, _ from: DayParam, _ through: DayParam) -> PostgresQuery {
    var binds = PostgresBindings(capacity: 2)
    binds.append(from)
    binds.append(through)
    return PostgresQuery(unsafeSQL: sql, binds: binds)
}
