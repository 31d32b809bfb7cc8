import Domain
import Synchronization
import Tagged
import WorkingDays

/// The decoded answers of `PostgresItemTableReader`'s queries, each filled in on the
/// connection task that read it and merged into the table when all are in.
enum ItemTableParts {
    /// A range of the period's items, in seq order.
    struct Items {
        var seq: [Int64] = []
        var id: [ItemID] = []
        var category: [ItemCategory] = []
        var submitted: [Day] = []
        var commission = TextColumn()

        init(_ c: [ArrayColumn]) throws {
            guard !c.isEmpty else { return }
            try check(c, columns: 5)
            seq = try c[0].integers()
            id = try c[1].strings().map(ItemID.init(rawValue:))
            category = try c[2].values(or: .other)
            submitted = try c[3].days()
            commission = try c[4].texts()
            guard zip(seq, seq.dropFirst()).allSatisfy({ $0 < $1 }) else { throw DecodeFailure(message: "items not in seq order") }
        }
    }

    /// A child list whose values are references to other rows (units, people), by seq.
    struct Links {
        var item: [Int64] = []
        var seq: [Int64] = []

        init(_ c: [ArrayColumn]) throws {
            guard !c.isEmpty else { return }
            try check(c, columns: 2)
            item = try c[0].integers()
            seq = try c[1].integers()
        }
    }

    struct Adoptions {
        var item: [Int64] = []
        var level: [Level] = []
        var kind: [PublicationKind] = []
        var publication = TextColumn()
        var issue = TextColumn()
        var day: [Day] = []
        var recorded: [Int64] = []

        init(_ c: [ArrayColumn]) throws {
            guard !c.isEmpty else { return }
            try check(c, columns: 7)
            item = try c[0].integers()
            level = try c[1].values(or: .city)
            kind = try c[2].values(or: .briefing)
            publication = try c[3].texts()
            issue = try c[4].texts()
            day = try c[5].days()
            recorded = try c[6].seconds(null: ItemTable.unrecorded)
        }
    }

    struct Forwardings {
        var item: [Int64] = []
        var forwarding: [ItemTable.Forwarding] = []

        init(_ c: [ArrayColumn]) throws {
            guard !c.isEmpty else { return }
            try check(c, columns: 4)
            item = try c[0].integers()
            let to = try c[1].values(or: Level.province), day = try c[2].days(), recorded = try c[3].seconds(null: ItemTable.unrecorded)
            forwarding = to.indices.map { ItemTable.Forwarding(to: to[$0], date: day[$0], recorded: recorded[$0]) }
        }
    }

    struct Instructions {
        var item: [Int64] = []
        var level: [Level] = []
        var principal: [Bool] = []
        var leader = TextColumn()
        var day: [Day] = []
        var recorded: [Int64] = []

        init(_ c: [ArrayColumn]) throws {
            guard !c.isEmpty else { return }
            try check(c, columns: 6)
            item = try c[0].integers()
            level = try c[1].values(or: .city)
            principal = try c[2].bools()
            leader = try c[3].texts()
            day = try c[4].instants().map(\.day)
            recorded = try c[5].seconds(null: ItemTable.unrecorded)
        }
    }

    /// The seqs of the period's merged items (which have sources), ascending.
    struct Merged {
        var item: [Int64] = []

        init(_ c: [ArrayColumn]) throws {
            guard !c.isEmpty else { return }
            try check(c, columns: 1)
            item = try c[0].integers()
        }
    }

    /// The (seq, id) rows of `units` or `people`, by id.
    struct Names {
        var seq: [Int64] = []
        var id: [String] = []

        init(_ c: [ArrayColumn]) throws {
            guard !c.isEmpty else { return }
            try check(c, columns: 2)
            seq = try c[0].integers()
            id = try c[1].strings()
        }
    }

    /// Checks that an answer has `columns` columns of one length.
    private static func check(_ c: [ArrayColumn], columns: Int) throws {
        guard c.count == columns, c.allSatisfy({ $0.count == c[0].count }) else {
            throw DecodeFailure(message: "expected \(columns) array columns of one length")
        }
    }
}

/// Walks a child list's item column (ascending) along the items (ascending).
struct ListCursor {
    private let item: [Int64]
    private var next = 0

    init(_ item: [Int64]) throws {
        guard zip(item, item.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw DecodeFailure(message: "child list not in item order") }
        self.item = item
    }

    /// The rows of item `seq`; rows of earlier items are skipped.
    mutating func rows(of seq: Int64) -> Range<Int> {
        while next < item.count && item[next] < seq { next += 1 }
        let start = next
        while next < item.count && item[next] == seq { next += 1 }
        return start..<next
    }
}

/// Where a job leaves its decoded answer for the merge.
final class Slot<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    func fill(_ v: Value) { value.withLock { $0 = v } }

    /// The answer; fails if the job did not fill it.
    func take() throws -> Value {
        guard let v = value.withLock({ $0 }) else { throw DecodeFailure(message: "a query was not answered") }
        return v
    }
}
