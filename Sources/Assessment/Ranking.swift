import Tagged
/// Ranks the units (or persons) of one assessment group by the office's rules
/// (DOMAIN.md §5): total points, then more adopted items, then more items adopted above
/// city level; entries equal on all three share a rank and the next rank is skipped
/// (1, 2, 2, 4). Within a shared rank, ids order the list so that it is stable.
package enum Ranking {
    /// What ranking looks at.
    package struct Entry: Sendable, Equatable {
        package var id: String
        package var points: Double
        package var adopted: Int
        package var adoptedAboveCity: Int

        package init(id: String, points: Double, adopted: Int, adoptedAboveCity: Int) {
            self.id = id
            self.points = points
            self.adopted = adopted
            self.adoptedAboveCity = adoptedAboveCity
        }
    }

    /// `entries` in rank order, each with its (possibly shared) rank.
    package static func rank(_ entries: [Entry]) -> [(entry: Entry, rank: Int)] {
        let sorted = entries.sorted { a, b in
            if a.points != b.points { return a.points > b.points }
            if a.adopted != b.adopted { return a.adopted > b.adopted }
            if a.adoptedAboveCity != b.adoptedAboveCity { return a.adoptedAboveCity > b.adoptedAboveCity }
            return a.id < b.id
        }
        var out: [(entry: Entry, rank: Int)] = []
        out.reserveCapacity(sorted.count)
        for (i, e) in sorted.enumerated() {
            if let last = out.last, last.entry.points == e.points, last.entry.adopted == e.adopted,
               last.entry.adoptedAboveCity == e.adoptedAboveCity {
                out.append((e, last.rank))
            } else {
                out.append((e, i + 1))
            }
        }
        return out
    }
}
