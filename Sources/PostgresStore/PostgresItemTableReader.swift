import Domain
import PostgresNIO
import WorkingDays
import Foundation

/// Reads a period's items and their facts into an `ItemTable`, giving the same table as
/// `SQLiteItemTableReader` for the same data: items in insertion (`seq`) order, each list in
/// its order, strings interned in the same order: every unit, then every person, by id (the
/// order SQLite reads them in, through its unique index on id), then commissions,
/// publications, issues and leaders as met.
///
/// Each query sends its columns as arrays (`ArrayColumn`), one row in all, so that reading a
/// million items costs no million protocol messages. A first query counts the period's items
/// and finds the span of their seqs, which tells how to read them and their lists
/// (`PeriodQueries`); a large period's queries then run on several connections at once
/// (`PostgresSnapshotQueries`), each answer decoded as it comes (`ItemTableParts`). The
/// lists, ordered by item, are last merged into the items.
struct PostgresItemTableReader {
    /// A connection in a `REPEATABLE READ` transaction.
    let conn: PostgresConnection
    /// Where to open helper connections for a large period.
    let url: PostgresURL

    /// Periods with at least this many items are read on helper connections too.
    static let parallelFrom = 100_000
    /// Helper connections for a large period (its items are read in as many parts).
    static let helpers = Int(ProcessInfo.processInfo.environment["XH"] ?? "2")!

    func read(from: Day, through: Day) async throws -> ItemTable {
        let span = try await PeriodSpan(conn, from: from, through: through)
        let parallel = span.count >= Self.parallelFrom
        var jobs: [PostgresSnapshotQueries.Job] = []
        func add<Part: Sendable>(_ query: PostgresQuery, _ decode: @escaping @Sendable ([ArrayColumn]) throws -> Part) -> Slot<Part> {
            let slot = Slot<Part>()
            jobs.append(.init(query: query) { slot.fill(try decode($0)) })
            return slot
        }

        // Longest first: each free connection takes the next.
        let queries = PeriodQueries(span, from: from, through: through)
        let parts = 0..<(queries?.parts ?? 0)
        let items = parts.map { add(queries!.items($0), ItemTableParts.Items.init) }
        let units = parts.map { add(queries!.list($0, "item_units", ["item", "unit"], orderBy: "x.item, x.position"), ItemTableParts.Links.init) }
        let authors = parts.map { add(queries!.list($0, "item_authors", ["item", "person"], orderBy: "x.item, x.position"), ItemTableParts.Links.init) }
        let adoptions = parts.map {
            add(queries!.list($0, "adoptions", ["item", "level", "kind", "publication", "issue", "day", "recorded_at"], orderBy: "x.item, x.seq"),
                ItemTableParts.Adoptions.init)
        }
        let forwardings = parts.map {
            add(queries!.list($0, "forwardings", ["item", "to_level", "day", "recorded_at"], orderBy: "x.item, x.seq"), ItemTableParts.Forwardings.init)
        }
        let instructions = parts.map {
            add(queries!.list($0, "instructions", ["item", "level", "principal", "leader", "at", "recorded_at"], orderBy: "x.item, x.seq"),
                ItemTableParts.Instructions.init)
        }
        let merged = parts.map { add(queries!.list($0, "item_sources", ["item"], orderBy: "x.item", distinct: true), ItemTableParts.Merged.init) }
        let unitNames = add("SELECT array_agg(seq), array_agg(id) FROM (SELECT seq, id FROM units ORDER BY id) r", ItemTableParts.Names.init)
        let personNames = add("SELECT array_agg(seq), array_agg(id) FROM (SELECT seq, id FROM people ORDER BY id) r", ItemTableParts.Names.init)

        try await PostgresSnapshotQueries(conn: conn, url: url, helpers: parallel ? Self.helpers : 0).run(jobs)

        var table = ItemTable()
        table.reserveCapacity(span.count)
        let merger = Merger(unitRef: References(try unitNames.take(), into: &table), personRef: References(try personNames.take(), into: &table))
        for k in parts {
            try merger.merge(try items[k].take(), units: try units[k].take(), authors: try authors[k].take(),
                             adoptions: try adoptions[k].take(), forwardings: try forwardings[k].take(),
                             instructions: try instructions[k].take(), merged: try merged[k].take(), into: &table)
        }
        return table
    }
}

/// seq → string index of the rows of `units` or `people`, interned into the table in the
/// order read; -1 for a seq not read.
private struct References {
    private var refs: [Int32] = []

    init(_ names: ItemTableParts.Names, into table: inout ItemTable) {
        for (seq, id) in zip(names.seq, names.id) {
            let i = Int(seq)
            guard i >= 0 else { continue }
            if i >= refs.count { refs.append(contentsOf: repeatElement(-1, count: i - refs.count + 1)) }
            refs[i] = table.intern(id)
        }
    }

    subscript(seq: Int64) -> Int32 { seq >= 0 && seq < refs.count ? refs[Int(seq)] : -1 }
}

/// Interns a text column's values into the table as rows meet them: the first time each is
/// met, so in the order `SQLiteItemTableReader` interns them.
private struct Interner {
    private let column: TextColumn
    /// Table index of each distinct value, -1 until met.
    private var ref: [Int32]

    init(_ column: TextColumn) {
        self.column = column
        ref = Array(repeating: -1, count: column.values.count)
    }

    /// The table index of row `k`'s value, -1 for NULL.
    mutating func intern(_ k: Int, into table: inout ItemTable) -> Int32 {
        let v = Int(column.refs[k])
        guard v >= 0 else { return -1 }
        if ref[v] < 0 { ref[v] = table.intern(column.values[v]) }
        return ref[v]
    }
}

/// Merges the child lists into the items, part by part in seq order.
private struct Merger {
    let unitRef: References
    let personRef: References

    func merge(_ items: ItemTableParts.Items, units: ItemTableParts.Links, authors: ItemTableParts.Links,
               adoptions: ItemTableParts.Adoptions, forwardings: ItemTableParts.Forwardings, instructions: ItemTableParts.Instructions,
               merged: ItemTableParts.Merged, into table: inout ItemTable) throws {
        var unitRows = try ListCursor(units.item), authorRows = try ListCursor(authors.item)
        var adoptionRows = try ListCursor(adoptions.item), forwardingRows = try ListCursor(forwardings.item)
        var instructionRows = try ListCursor(instructions.item), mergedRows = try ListCursor(merged.item)
        var commission = Interner(items.commission), publication = Interner(adoptions.publication)
        var issue = Interner(adoptions.issue), leader = Interner(instructions.leader)
        for (k, seq) in items.seq.enumerated() {
            table.beginItem(id: items.id[k], merged: !mergedRows.rows(of: seq).isEmpty, category: items.category[k],
                            submitted: items.submitted[k], commission: commission.intern(k, into: &table))
            for r in unitRows.rows(of: seq) { table.addUnit(unitRef[units.seq[r]]) }
            for r in authorRows.rows(of: seq) { table.addAuthor(personRef[authors.seq[r]]) }
            for r in adoptionRows.rows(of: seq) {
                table.addAdoption(.init(level: adoptions.level[r], kind: adoptions.kind[r], publication: publication.intern(r, into: &table),
                                        issue: issue.intern(r, into: &table), date: adoptions.day[r], recorded: adoptions.recorded[r]))
            }
            for r in forwardingRows.rows(of: seq) { table.addForwarding(forwardings.forwarding[r]) }
            for r in instructionRows.rows(of: seq) {
                table.addInstruction(.init(level: instructions.level[r], principal: instructions.principal[r],
                                           leader: leader.intern(r, into: &table), date: instructions.day[r],
                                           recorded: instructions.recorded[r]))
            }
            table.finishItem()
        }
    }
}
