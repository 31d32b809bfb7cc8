import Domain
import GRDB
import Tagged
import WorkingDays

/// Reads a period's items and their facts into an `ItemTable`: one ordered pass over the
/// items and one over each child table (all in item order), merged as they stream, with
/// SQLite's C API doing the column reads.
struct SQLiteItemTableReader {
    let db: Database

    init(_ db: Database) { self.db = db }

    func read(from: Day, through: Day) throws -> ItemTable {
        var table = ItemTable()
        let unitRef = try references("SELECT seq, id FROM units ORDER BY id", into: &table)
        let personRef = try references("SELECT seq, id FROM people ORDER BY id", into: &table)
        var textRef: [String: Int32] = [:]
        func intern(_ s: String) -> Int32 {
            if let r = textRef[s] { return r }
            let r = table.intern(s)
            textRef[s] = r
            return r
        }

        let items = try SQLiteStatement(db, """
            SELECT seq, id, category, submitted_day, commission FROM items
            WHERE +submitted_day BETWEEN ?1 AND ?2 ORDER BY seq
            """)
        items.bind(1, Int64(from.ordinal))
        items.bind(2, Int64(through.ordinal))
        let units = try Child(db, "SELECT item, unit FROM item_units ORDER BY item, position")
        let authors = try Child(db, "SELECT item, person FROM item_authors ORDER BY item, position")
        let sources = try Child(db, "SELECT DISTINCT item FROM item_sources ORDER BY item")
        let adoptions = try Child(db, "SELECT item, level, kind, publication, issue, day, recorded_at FROM adoptions ORDER BY item, seq")
        let forwardings = try Child(db, "SELECT item, to_level, day, recorded_at FROM forwardings ORDER BY item, seq")
        let instructions = try Child(db, "SELECT item, level, principal, leader, at, recorded_at FROM instructions WHERE item IS NOT NULL ORDER BY item, seq")

        while try items.step() {
            let seq = items.int(0)
            let category = ItemCategory(rawValue: items.text(2)) ?? .other
            let commission = items.optionalText(4).map(intern) ?? -1
            table.beginItem(id: ItemID(rawValue: items.text(1)), merged: try sources.has(seq), category: category,
                            submitted: Day(ordinal: Int(items.int(3))), commission: commission)
            while try units.next(for: seq) { table.addUnit(unitRef[Int(units.s.int(1))]) }
            while try authors.next(for: seq) { table.addAuthor(personRef[Int(authors.s.int(1))]) }
            while try adoptions.next(for: seq) {
                let s = adoptions.s
                table.addAdoption(.init(level: Level(rawValue: s.text(1)) ?? .city, kind: PublicationKind(rawValue: s.text(2)) ?? .briefing,
                                        publication: intern(s.text(3)), issue: s.optionalText(4).map(intern) ?? -1, date: Day(ordinal: Int(s.int(5))),
                                        recorded: s.optionalInt(6) ?? ItemTable.unrecorded))
            }
            while try forwardings.next(for: seq) {
                let s = forwardings.s
                table.addForwarding(.init(to: Level(rawValue: s.text(1)) ?? .province, date: Day(ordinal: Int(s.int(2))),
                                          recorded: s.optionalInt(3) ?? ItemTable.unrecorded))
            }
            while try instructions.next(for: seq) {
                let s = instructions.s
                table.addInstruction(.init(level: Level(rawValue: s.text(1)) ?? .city, principal: s.int(2) == 1,
                                           leader: intern(s.text(3)), date: Instant(seconds: s.int(4)).day,
                                           recorded: s.optionalInt(5) ?? ItemTable.unrecorded))
            }
            table.finishItem()
        }
        return table
    }

    /// seq → string index of every row of a (seq, id) query, interned into the table.
    private func references(_ sql: String, into table: inout ItemTable) throws -> [Int32] {
        let s = try SQLiteStatement(db, sql)
        var refs: [Int32] = []
        while try s.step() {
            let seq = Int(s.int(0))
            if seq >= refs.count { refs.append(contentsOf: repeatElement(-1, count: seq - refs.count + 1)) }
            refs[seq] = table.intern(s.text(1))
        }
        return refs
    }

    /// A child-table cursor ordered by item: `next(for:)` skips rows of earlier items and
    /// reports the rows of the item asked for.
    final class Child {
        let s: SQLiteStatement
        private var hasRow = false
        private var started = false
        /// The current row was handed out by `next(for:)`; the next call moves past it.
        private var consumed = false

        init(_ db: Database, _ sql: String) throws {
            s = try SQLiteStatement(db, sql)
        }

        /// True when positioned on the next row of `item` (call until false).
        func next(for item: Int64) throws -> Bool {
            if !started || consumed {
                started = true
                consumed = false
                hasRow = try s.step()
            }
            while hasRow && s.int(0) < item { hasRow = try s.step() }
            guard hasRow && s.int(0) == item else { return false }
            consumed = true
            return true
        }

        /// Whether the table has a row for `item` (for single-row-per-item queries).
        func has(_ item: Int64) throws -> Bool { try next(for: item) }
    }
}
