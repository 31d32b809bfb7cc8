import Assessment
import Testing

/// Ranks within a group: points, then the office's tie-breaks; full ties share a rank and
/// the next rank is skipped.
struct RankingTests {
    static let entries = [
        Ranking.Entry(id: "a", points: 10, adopted: 3, adoptedAboveCity: 0, submitted: 9),
        Ranking.Entry(id: "b", points: 10, adopted: 3, adoptedAboveCity: 1, submitted: 5),
        Ranking.Entry(id: "c", points: 10, adopted: 4, adoptedAboveCity: 0, submitted: 5),
        Ranking.Entry(id: "d", points: 12, adopted: 0, adoptedAboveCity: 0, submitted: 1),
        Ranking.Entry(id: "e", points: 10, adopted: 3, adoptedAboveCity: 0, submitted: 9),
    ]

    func ranks(_ tieBreaks: [Ranking.TieBreak]) -> [String] {
        Ranking.rank(Self.entries, tieBreaks: tieBreaks).map { "\($0.entry.id)\($0.rank)" }
    }

    @Test func theDefaultBreaksTiesOnAdoptedThenAboveCity() {
        #expect(ranks(Ranking.defaultTieBreaks) == ["d1", "c2", "b3", "a4", "e4"])
    }

    @Test func anOfficeMayRankOnSubmissionsFirst() {
        #expect(ranks([.submitted, .adopted]) == ["d1", "a2", "e2", "c4", "b5"])
    }

    @Test func withoutTieBreaksEqualPointsShareARank() {
        #expect(ranks([]) == ["d1", "a2", "b2", "c2", "e2"])
    }
}
