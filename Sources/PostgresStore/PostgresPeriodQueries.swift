import PostgresNIO
import WorkingDays
import Foundation

/// How many items a period has, and the span of their seqs.
struct PeriodSpan {
    var count = 0
    /// nil when the period has no item.
    var seqs: ClosedRange<Int64>?

    /// Counts through the index on `submitted_day`, visiting each of the period's items once.
    init(_ conn: PostgresConnection, from: Day, through: Day) async throws {
        let query = binding("SELECT count(*), min(seq), max(seq) FROM items WHERE submitted_day BETWEEN $1 AND $2",
                            DayParam(from), DayParam(through))
        for try await row in try await conn.rows(query) {
            var cells = Cells(row)
            count = Int(try cells.int())
            if let lo = try cells.optionalInt(), let hi = try cells.optionalInt() { seqs = lo...hi }
        }
    }
}

/// The queries that read a period's items and their child lists, in parts of consecutive
/// seqs; each answers one row of array columns (see `ArrayColumn`), in item order.
enum PeriodQueries {
    /// The child lists are read for every item in a range of seqs: an index range scan,
    /// with no join to `items`. The merge skips the rows of items outside the period, so
    /// this is used only while they are few: when the period's items fill at least half of
    /// the span of their seqs.
    case seqs(Day, Day, parts: [Range<Int64>])
    /// The child lists are read through a join to the period's items, in one part.
    case days(Day, Day)

    /// About this many items make a part (when read by seq ranges).
    static let partSize = Int(ProcessInfo.processInfo.environment["XP"] ?? "262144")!

    /// nil when the period has no item.
    init?(_ span: PeriodSpan, from: Day, through: Day) {
        guard let seqs = span.seqs else { return nil }
        let width = seqs.upperBound - seqs.lowerBound + 1
        guard width <= 2 * Int64(span.count) else {
            self = .days(from, through)
            return
        }
        let n = Int64((span.count + Self.partSize - 1) / Self.partSize)
        let bounds = (0...n).map { seqs.lowerBound + width * $0 / n }
        self = .seqs(from, through, parts: (0..<Int(n)).map { bounds[$0]..<bounds[$0 + 1] })
    }

    var parts: Int {
        switch self {
        case .seqs(_, _, let parts): parts.count
        case .days: 1
        }
    }

    /// Part `k`'s items: seq, id, category, submitted day and commission.
    func items(_ k: Int) -> PostgresQuery {
        let select = """
            SELECT array_agg(seq), array_agg(id), array_agg(category), array_agg(submitted_day), array_agg(commission)
            FROM (SELECT seq, id, category, submitted_day, commission FROM items WHERE submitted_day BETWEEN $1 AND $2
            """
        switch self {
        case .days(let from, let through):
            return binding(select + " ORDER BY seq) i", DayParam(from), DayParam(through))
        case .seqs(let from, let through, let parts):
            return binding(select + " AND seq >= $3 AND seq < $4 ORDER BY seq) i",
                           DayParam(from), DayParam(through), parts[k].lowerBound, parts[k].upperBound)
        }
    }

    /// `SELECT array_agg(…)` of each of `columns` of child table `table` (as `x`), for part
    /// `k`'s rows in `orderBy` order (distinct rows when `distinct`).
    func list(_ k: Int, _ table: String, _ columns: [String], orderBy: String, distinct: Bool = false) -> PostgresQuery {
        let aggregates = columns.map { "array_agg(\($0))" }.joined(separator: ", ")
        let select = (distinct ? "DISTINCT " : "") + columns.map { "x.\($0)" }.joined(separator: ", ")
        switch self {
        case .seqs(_, _, let parts):
            return binding("""
                SELECT \(aggregates) FROM (SELECT \(select) FROM \(table) x
                                           WHERE x.item >= $1 AND x.item < $2 ORDER BY \(orderBy)) x
                """, parts[k].lowerBound, parts[k].upperBound)
        case .days(let from, let through):
            return binding("""
                SELECT \(aggregates) FROM (SELECT \(select) FROM \(table) x JOIN items i ON i.seq = x.item
                                           WHERE i.submitted_day BETWEEN $1 AND $2 ORDER BY \(orderBy)) x
                """, DayParam(from), DayParam(through))
        }
    }
}

/// `sql` with `$1`, `$2`, … bound to `values`.
private func binding(_ sql: String, _ values: any PostgresNonThrowingEncodable...) -> PostgresQuery {
    var binds = PostgresBindings(capacity: values.count)
    for v in values { binds.append(v) }
    return PostgresQuery(unsafeSQL: sql, binds: binds)
}
