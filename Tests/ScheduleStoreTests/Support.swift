import Scheduling
import Synchronization
import WorkingDays

/// The tests' clock: offsets in seconds from a fixed instant.
let t0 = Instant(iso: "2026-06-01T09:00:00+08:00")!

func at(_ offset: Int64) -> Instant { t0.adding(seconds: offset) }

/// A scheduled occurrence of `job` at `t0 + offset`, as a planner hands it to the store.
func planned(_ job: String, _ offset: Int64, subject: String = "", payload: String? = nil) -> Occurrence {
    Occurrence(key: OccurrenceKey(job: job, subject: subject, scheduledAt: at(offset)), explanation: "\(job) 于 \(offset)",
               provisional: offset % 2 == 1, payload: payload)
}

/// The state a planner stores for `job`.
func jobState(_ job: String, since: Instant = t0, fingerprint: String = "f1", through: Int64 = 10_000) -> JobState {
    JobState(job: job, since: since, fingerprint: fingerprint, plannedThrough: at(through))
}

/// A claim decision that runs everything due.
let runAll: @Sendable (DueBatch) -> [DueDecision] = { batch in batch.due.map { .run($0.key) } }

extension OccurrenceStore {
    /// Plans `job` with `occurrences` (keeping its stored state's `since` and pause).
    @discardableResult
    func seed(_ job: String, _ occurrences: [Occurrence], withdrawAfter: Instant? = nil) async throws -> PlanReport {
        try await plan(job: job) { current in
            var s = jobState(job, since: current?.since ?? t0)
            s.eventCursor = current?.eventCursor ?? 0
            return PlanChange(state: s, insert: occurrences, withdrawAfter: withdrawAfter)
        }
    }

    /// Claims everything due at `now` for `node`, with a lease of `lease` seconds.
    func claimAll(_ now: Instant, node: String = "n1", lease: Int64 = 60, limit: Int = 500) async throws -> [Occurrence] {
        try await claimDue(now: now, node: node, leaseUntil: now.adding(seconds: lease), limit: limit, decide: runAll)
    }

    /// The stored occurrence with `key` (from the history).
    func stored(_ key: OccurrenceKey) async throws -> Occurrence? {
        try await history(job: key.job, through: Instant(seconds: Int64(Int32.max)), limit: 10_000).first { $0.key == key }
    }
}

/// Keeps what `decide` was shown.
final class BatchRecorder: Sendable {
    private let batches = Mutex<[DueBatch]>([])

    var all: [DueBatch] { batches.withLock { $0 } }

    /// A decision function that records the batch, then decides with `decide`.
    func recording(_ decide: @escaping @Sendable (DueBatch) -> [DueDecision]) -> @Sendable (DueBatch) -> [DueDecision] {
        { batch in
            self.batches.withLock { $0.append(batch) }
            return decide(batch)
        }
    }
}
