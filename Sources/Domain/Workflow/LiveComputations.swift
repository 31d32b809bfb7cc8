/// Results worked out from the record as it stands (the dashboard's live rankings), kept
/// while it stands: a request finds the last result at once while at most one refresh per
/// key runs in the background (a result trails the record by a few seconds).
///
/// A result is looked at again after `maxAge` or three times as long as it took to compute,
/// whichever is longer, so that recomputing takes at most a quarter of a core however large
/// the record (a province's quarter takes seconds). Looking at it first asks for the inputs'
/// version (say the record's change number and the live rule versions): while that stands
/// the result is kept without recomputing — once it is settled, that is, computed from a
/// complete version (see `ChangeVersion.complete`: PostgreSQL numbers a change before its
/// transaction commits, so a computation started while one is open may miss a change the
/// number already counts) or after another computation from the same version.
///
/// A result is recomputed at least every `idleLimit` (ten minutes) all the same: what depends
/// on "now" (deadlines judged at the time of asking) changes while the record does not — a
/// deadline passing while nothing is recorded shows within that time. Not sooner: a province's
/// quarter takes seconds of both cores, which the requests of that moment share (two instances
/// on PostgreSQL: the dashboard's p99 went from about 40 ms to 600 ms during one).
package actor LiveComputations<Value: Sendable> {
    private struct Kept {
        var value: Value
        /// The inputs' version when its computation started.
        var version: String
        /// Whether it saw every change its version counts (see above).
        var settled: Bool
        var computed: ContinuousClock.Instant
        var checked: ContinuousClock.Instant
        var took: Duration
    }

    private var kept: [String: Kept] = [:]
    private var refreshing: [String: Task<Value, any Error>] = [:]
    private let maxAge: Duration
    private let idleLimit: Duration
    private let now: @Sendable () -> ContinuousClock.Instant

    package init(maxAge: Duration = .seconds(3), idleLimit: Duration = .seconds(600),
                 now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.maxAge = maxAge
        self.idleLimit = idleLimit
        self.now = now
    }

    /// The result for `key`: the kept one, refreshed in the background when due; computed now
    /// when there is none. `version` names the state of the inputs (and whether it is
    /// complete), `compute` works the result out.
    package func value(_ key: String, version: @escaping @Sendable () async throws -> (name: String, complete: Bool),
                       compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let last = kept[key] {
            if now() - last.checked > max(maxAge, last.took * 3), refreshing[key] == nil { _ = refresh(key, version, compute) }
            return last.value
        }
        return try await (refreshing[key] ?? refresh(key, version, compute)).value
    }

    /// Waits until the refreshes running now have ended (for tests).
    package func refreshesEnded() async {
        for task in refreshing.values { _ = await task.result }
    }

    private func refresh(_ key: String, _ version: @escaping @Sendable () async throws -> (name: String, complete: Bool),
                         _ compute: @escaping @Sendable () async throws -> Value) -> Task<Value, any Error> {
        // The task runs on this actor (between its awaits), so it starts after the line below
        // has registered it, and it unregisters itself before its waiters resume.
        let task = Task {
            defer { self.refreshing[key] = nil }
            let current = try await version()
            if let last = self.unchanged(key, at: current.name) { return last }
            let started = self.now()
            let value = try await compute()
            self.store(key, value, version: current, started: started)
            return value
        }
        refreshing[key] = task
        return task
    }

    /// The kept result if the inputs still stand at `version` and it may be kept; marks it checked.
    private func unchanged(_ key: String, at version: String) -> Value? {
        guard var last = kept[key], last.version == version, last.settled, now() - last.computed < idleLimit else { return nil }
        last.checked = now()
        kept[key] = last
        return last.value
    }

    private func store(_ key: String, _ value: Value, version: (name: String, complete: Bool), started: ContinuousClock.Instant) {
        let at = now()
        let settled = version.complete || kept[key]?.version == version.name
        kept[key] = Kept(value: value, version: version.name, settled: settled, computed: at, checked: at, took: at - started)
    }
}
