package import WorkingDays

/// Where occurrences live: the record's database (SQLite, or PostgreSQL shared by several
/// Tally instances). Every method is one transaction. The decisions (what to plan, what is
/// missed, what runs) are made by the closures the scheduler passes in, inside the
/// transaction, so that both stores apply the same rules under their own locks.
///
/// Exactly once: an occurrence is a row keyed by (job, subject, scheduled time); only a
/// claim moves it from pending to running, a claim raises its fence, and a heartbeat or
/// finish with an older fence is refused. A run whose process died keeps its row running
/// until the lease ends; then the next claim takes it over.
package protocol OccurrenceStore: Sendable {
    /// The bookkeeping of every job the store has seen, by id.
    func jobStates() async throws -> [String: JobState]

    /// Plans one job under its lock: `body` sees the job's current state (nil when new) and
    /// says what to insert, what pending occurrences to withdraw and the new state (nil: nothing).
    func plan(job: String, _ body: @escaping @Sendable (JobState?) throws -> PlanChange?) async throws -> PlanReport

    /// When something next needs attention: the earliest wake time of a pending occurrence
    /// or lease end of a running one. Nil when there is nothing.
    func nextWake() async throws -> Instant?

    /// Claims due work: pending occurrences whose wake time has come and running ones whose
    /// lease has ended, at most `limit`, oldest first, skipping rows another instance is
    /// claiming. `decide` says what happens to each; those to run are returned claimed for
    /// `node` until `leaseUntil`, with a new fence and one more attempt.
    func claimDue(now: Instant, node: String, leaseUntil: Instant, limit: Int,
                  decide: @escaping @Sendable (DueBatch) -> [DueDecision]) async throws -> [Occurrence]

    /// Claims one pending occurrence (a manual run); nil when it is not pending any more.
    func claim(_ key: OccurrenceKey, now: Instant, node: String, leaseUntil: Instant) async throws -> Occurrence?

    /// Extends the lease of a run still held with `fence`; false when it was taken over.
    func renew(_ key: OccurrenceKey, fence: Int64, until: Instant) async throws -> Bool

    /// Ends a run held with `fence` as succeeded or failed; false when it was taken over
    /// (the result is then not recorded).
    func finish(_ key: OccurrenceKey, fence: Int64, state: OccurrenceState, outcome: String?, reason: String?, at: Instant) async throws -> Bool

    /// Adds a manual occurrence of `job` at `at`, pending, and logs who asked and why;
    /// returns its key.
    func addManual(job: String, at: Instant, actor: String, note: String) async throws -> OccurrenceKey

    /// Pauses or resumes a job, with who did it and why (kept in the job's log).
    func setPaused(job: String, paused: Bool, note: String, actor: String, at: Instant) async throws

    /// Withdraws the pending occurrences of jobs not in `jobs` (removed from the files).
    func retire(keeping jobs: Set<String>, at: Instant) async throws -> Int

    /// Withdraws the pending occurrences about `subject` (a settled event).
    func cancel(subject: String, reason: String, at: Instant) async throws -> Int

    /// Occurrences of `job` (or all jobs), newest first, finished ones and those due up to
    /// `through`.
    func history(job: String?, through: Instant, limit: Int) async throws -> [Occurrence]

    /// Pending occurrences of `job` (or all), soonest first.
    func pending(job: String?, limit: Int) async throws -> [Occurrence]

    /// The pause/resume/manual-run log of `job`, newest first.
    func log(job: String, limit: Int) async throws -> [JobLogEntry]
}

/// What the store keeps about a job.
package struct JobState: Sendable, Equatable {
    package var job: String
    /// When the store first saw the job: nothing before it is planned (fires before a job
    /// existed were not missed).
    package var since: Instant
    /// Job timing and calendar fingerprint the pending occurrences were planned with.
    package var fingerprint: String
    /// Fires up to here are planned (clock-driven jobs).
    package var plannedThrough: Instant
    /// The last event row planned (event-driven jobs).
    package var eventCursor: Int64
    /// Planning stopped before this year: no calendar data.
    package var uncoveredYear: Int?
    package var paused: Bool
    package var pauseNote: String?

    /// The fingerprint of a job removed from the files (`retire`): if it comes back it
    /// starts afresh, with no backlog for the time it was gone.
    package static let retired = "retired"

    package init(job: String, since: Instant, fingerprint: String, plannedThrough: Instant, eventCursor: Int64 = 0,
                 uncoveredYear: Int? = nil, paused: Bool = false, pauseNote: String? = nil) {
        self.job = job
        self.since = since
        self.fingerprint = fingerprint
        self.plannedThrough = plannedThrough
        self.eventCursor = eventCursor
        self.uncoveredYear = uncoveredYear
        self.paused = paused
        self.pauseNote = pauseNote
    }
}

/// What a planning step changes, applied atomically.
package struct PlanChange: Sendable {
    /// The job's state afterwards (pause fields are kept as stored).
    package var state: JobState
    /// New occurrences; an existing key is left as it is, except one withdrawn by an
    /// earlier re-plan or retirement (`replanReason`, `retiredReason`), which becomes
    /// pending again.
    package var insert: [Occurrence]
    /// Withdraw pending scheduled occurrences of the job after this instant whose keys are
    /// not in `insert` (a re-plan), with `replanReason`.
    package var withdrawAfter: Instant?

    /// The reason recorded on occurrences a re-plan withdrew; an occurrence withdrawn with
    /// it comes back to pending when a later plan has it again.
    package static let replanReason = "任务时间或工作日历已变更，已重新排程"
    /// The reason recorded on occurrences of a job removed from the files; they come back
    /// to pending too if the job returns and plans them again.
    package static let retiredReason = "任务已从日程文件中删除"

    package init(state: JobState, insert: [Occurrence], withdrawAfter: Instant? = nil) {
        self.state = state
        self.insert = insert
        self.withdrawAfter = withdrawAfter
    }
}

/// What a planning step did.
package struct PlanReport: Sendable, Equatable {
    package var inserted: Int
    package var withdrawn: Int

    package init(inserted: Int, withdrawn: Int) {
        self.inserted = inserted
        self.withdrawn = withdrawn
    }
}

/// What is due, as a claim sees it.
package struct DueBatch: Sendable {
    /// Pending occurrences whose wake time has come and running ones whose lease ended,
    /// oldest scheduled time first.
    package var due: [Occurrence]
    /// Runs in progress (lease not ended) per job, besides those in `due`.
    package var running: [String: Int]
    /// The earliest lease end of those runs per job (when a held fire may go).
    package var runningUntil: [String: Instant]
    /// Jobs paused, with their notes.
    package var paused: [String: String]

    package init(due: [Occurrence], running: [String: Int], runningUntil: [String: Instant], paused: [String: String]) {
        self.due = due
        self.running = running
        self.runningUntil = runningUntil
        self.paused = paused
    }
}

/// What becomes of a due occurrence.
package enum DueDecision: Sendable, Equatable {
    /// Claim it and run it.
    case run(OccurrenceKey)
    /// End it without running: missed, skipped, cancelled or failed, with the reason.
    case close(OccurrenceKey, OccurrenceState, reason: String)
    /// Leave it pending and look again at `until` (held behind a running fire).
    case hold(OccurrenceKey, until: Instant)
}

/// A pause, resume or manual run, for the job's log.
package struct JobLogEntry: Sendable, Equatable {
    package var at: Instant
    package var action: String
    package var actor: String
    package var note: String

    package init(at: Instant, action: String, actor: String, note: String) {
        self.at = at
        self.action = action
        self.actor = actor
        self.note = note
    }
}
