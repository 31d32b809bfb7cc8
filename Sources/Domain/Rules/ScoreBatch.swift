/// The lines `score` gave a list of items, flat (one entry per line) with the index of the
/// item each line belongs to: the shape of point-ledger rows, without an array per item.
package struct ScoreBatch: Sendable, Equatable {
    package var lines: [ScoreLine] = []
    /// `itemIndex[k]` is the position in the input of the item that produced `lines[k]`.
    package var itemIndex: [Int32] = []
    package var itemCount = 0
    /// The rule version (content hash) that produced the lines.
    package var version = ""

    package init() {}

    /// Lines per item, in input order (allocates an array per item: for tests and small sets).
    package var perItem: [[ScoreLine]] {
        var out = Array(repeating: [ScoreLine](), count: itemCount)
        for (k, line) in lines.enumerated() { out[Int(itemIndex[k])].append(line) }
        return out
    }

    /// Appends `other`, whose items follow this batch's items.
    package mutating func append(contentsOf other: ScoreBatch) {
        lines += other.lines
        itemIndex += other.itemIndex.map { $0 + Int32(itemCount) }
        itemCount += other.itemCount
    }
}
