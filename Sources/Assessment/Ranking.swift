/// Ranks the units (or persons) of one assessment group (DOMAIN.md §5): total points, then
/// the office's tie-breaks in order (by default more adopted items, then more items adopted
/// above city level); entries equal on all of them share a rank and the next rank is skipped
/// (1, 2, 2, 4). Within a shared rank, ids order the list so that it is stable.
package enum Ranking {
    /// What breaks a tie on points, larger first (`office.yaml`: `assessment.tie_breaks`).
    package enum TieBreak: String, Sendable, CaseIterable {
        /// Items adopted at any level.
        case adopted
        /// Items adopted by the province or the State Council.
        case adoptedAboveCity = "adopted_above_city"
        /// Items submitted.
        case submitted
    }

    /// The tie-breaks of an office that names none.
    package static let defaultTieBreaks: [TieBreak] = [.adopted, .adoptedAboveCity]

    /// What ranking looks at.
    package struct Entry: Sendable, Equatable {
        package var id: String
        package var points: Double
        package var adopted: Int
        package var adoptedAboveCity: Int
        package var submitted: Int

        package init(id: String, points: Double, adopted: Int, adoptedAboveCity: Int, submitted: Int = 0) {
            self.id = id
            self.points = points
            self.adopted = adopted
            self.adoptedAboveCity = adoptedAboveCity
            self.submitted = submitted
        }

        func value(_ t: TieBreak) -> Int {
            switch t {
            case .adopted: adopted
            case .adoptedAboveCity: adoptedAboveCity
            case .submitted: submitted
            }
        }
    }

    /// `entries` in rank order, each with its (possibly shared) rank.
    package static func rank(_ entries: [Entry], tieBreaks: [TieBreak] = defaultTieBreaks) -> [(entry: Entry, rank: Int)] {
        func tied(_ a: Entry, _ b: Entry) -> Bool { a.points == b.points && tieBreaks.allSatisfy { a.value($0) == b.value($0) } }
        let sorted = entries.sorted { a, b in
            if a.points != b.points { return a.points > b.points }
            for t in tieBreaks where a.value(t) != b.value(t) { return a.value(t) > b.value(t) }
            return a.id < b.id
        }
        var out: [(entry: Entry, rank: Int)] = []
        out.reserveCapacity(sorted.count)
        for (i, e) in sorted.enumerated() {
            if let last = out.last, tied(last.entry, e) {
                out.append((e, last.rank))
            } else {
                out.append((e, i + 1))
            }
        }
        return out
    }
}
