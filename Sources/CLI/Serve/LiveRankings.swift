import Assessment
import Domain
import Foundation

/// The dashboard's rankings, computed from the record as it stands and kept for a few
/// seconds: a request finds the last result at once while at most one recomputation per
/// office and period runs in the background (the ranking trails the record by a few seconds).
/// A result is kept for `maxAge` or three times as long as it took to compute, whichever is
/// longer, so that recomputing takes at most a quarter of a core however large the record
/// (a province's quarter takes seconds: it then trails by up to a few times that).
actor LiveRankings {
    private struct Key: Hashable {
        var office: OfficeID
        var period: String
    }

    private var results: [Key: (run: AssessmentRun, at: ContinuousClock.Instant, took: Duration)] = [:]
    private var refreshing: [Key: Task<AssessmentRun, any Error>] = [:]
    private let maxAge: Duration

    init(maxAge: Duration = .seconds(3)) { self.maxAge = maxAge }

    func run(office: OfficeID, period: Period, compute: @escaping @Sendable () async throws -> AssessmentRun) async throws -> AssessmentRun {
        let key = Key(office: office, period: period.description)
        if let cached = results[key] {
            if ContinuousClock.now - cached.at > max(maxAge, cached.took * 3), refreshing[key] == nil { _ = refresh(key, compute) }
            return cached.run
        }
        return try await (refreshing[key] ?? refresh(key, compute)).value
    }

    private func refresh(_ key: Key, _ compute: @escaping @Sendable () async throws -> AssessmentRun) -> Task<AssessmentRun, any Error> {
        let task = Task { try await compute() }
        refreshing[key] = task
        let started = ContinuousClock.now
        Task {
            let result = await task.result
            self.finished(key, result, took: ContinuousClock.now - started)
        }
        return task
    }

    private func finished(_ key: Key, _ result: Result<AssessmentRun, any Error>, took: Duration) {
        refreshing[key] = nil
        if case .success(let run) = result { results[key] = (run, .now, took) }
    }
}
