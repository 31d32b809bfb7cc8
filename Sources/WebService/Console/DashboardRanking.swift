import Assessment
import Domain
import Synchronization
import WorkingDays

/// A live ranking's units per assessment group, ranked, with what the dashboard's cards sum:
/// worked out once per computation of the ranking (a province's run holds 8,000 results) and
/// shared by every dashboard drawn from it.
struct DashboardRanking: Sendable {
    struct Entry: Sendable {
        var id: String
        var rank: Int
        var name: String
        var points: Double
    }

    struct Group: Sendable {
        var key: String
        /// Best first.
        var entries: [Entry]
        /// The highest points of the group, 0 when none is positive (the full bar's length).
        var top: Double
    }

    /// Ordered by key.
    var groups: [Group]
    /// The ids of the ranked units.
    var units: Set<String>
    var submitted: Int
    var adopted: Int

    init(_ results: [SubjectResult]) {
        var byGroup: [String: [Entry]] = [:]
        var submitted = 0, adopted = 0
        var units: Set<String> = []
        for r in results where r.subject == .unit {
            byGroup[r.group, default: []].append(Entry(id: r.id, rank: r.rank, name: r.name, points: r.points))
            units.insert(r.id)
            submitted += r.submitted
            adopted += r.adoptedTotal
        }
        groups = byGroup.sorted { $0.key < $1.key }.map { key, entries in
            Group(key: key, entries: entries.sorted { $0.rank < $1.rank }, top: max(entries.map(\.points).max() ?? 0, 0))
        }
        self.units = units
        self.submitted = submitted
        self.adopted = adopted
    }
}

/// The dashboard rankings of the last few computations, by computation (`AssessmentRun.computation`),
/// and what was drawn from them (HTML): bar charts by computation, group drawn whole and
/// viewer's unit; whole pages by everything they show.
final class DashboardRankings: Sendable {
    private let kept = Mutex<[String: DashboardRanking]>([:])
    private let drawn = Mutex<[String: String]>([:])
    /// Offices × periods looked at within one computation's lifetime: a handful.
    static let maxKept = 16
    /// Charts and pages kept: one per viewer's unit that is ranked (an admin's unit mostly is
    /// not) and per reach of the deadlines listed.
    static let maxDrawn = 256

    /// The HTML drawn for `key` (which must name everything it shows, the computation
    /// included), drawing it if needed.
    func drawn(_ key: String, draw: () -> String) -> String {
        if let ready = drawn.withLock({ $0[key] }) { return ready }
        let html = draw()
        drawn.withLock { drawn in
            if drawn.count >= Self.maxDrawn { drawn.removeAll() }
            drawn[key] = html
        }
        return html
    }

    func ranking(of run: AssessmentRun) -> DashboardRanking {
        let key = run.computation
        if let ready = kept.withLock({ $0[key] }) { return ready }
        let ranking = DashboardRanking(run.results)
        kept.withLock { kept in
            if kept.count >= Self.maxKept { kept.removeAll() }
            kept[key] = ranking
        }
        return ranking
    }
}

extension AssessmentRun {
    /// Names one computation of a run: a live ranking recomputed gets a new one.
    var computation: String { "\(id)|\(asOf.iso)|\(createdAt.iso)|\(inputDigest)" }
}
