package import Domain
import Foundation
package import WorkingDays

/// The schedule's jobs as admins manage them from the service: a job's run history, pausing
/// and resuming it, and asking for a run now (recorded as manual, with who asked and why).
package protocol ScheduleControl: Sendable {
    /// The office a job of the live schedule belongs to; nil when there is no such job.
    func scheduleOffice(job: String) async -> OfficeID?
    /// The job's runs, newest first: finished ones and those due up to `now`, after the
    /// pending ones when `pending` is true.
    func scheduleHistory(job: String, now: Instant, limit: Int, pending: Bool) async throws -> [ScheduleRun]
    /// Pauses or resumes the job; fires while paused are recorded as skipped.
    func setSchedulePaused(job: String, paused: Bool, note: String, actor: String, at: Instant) async throws
    /// Adds a manual run of the job due at `at` for the scheduler (of whichever instance
    /// claims it first) and wakes it; answers the run's idempotency key.
    func requestScheduleRun(job: String, actor: String, note: String, at: Instant) async throws -> String
}

/// One run of a job as the service shows it.
package struct ScheduleRun: Sendable, Equatable, Codable {
    package var job: String
    package var subject: String
    package var scheduledAt: Instant
    package var state: String
    package var stateLabel: String
    /// `schedule`, `event` or `manual`.
    package var origin: String
    package var attempts: Int
    package var node: String?
    package var startedAt: Instant?
    package var finishedAt: Instant?
    package var outcome: String?
    package var reason: String?
    package var explanation: String
    package var key: String

    package init(job: String, subject: String, scheduledAt: Instant, state: String, stateLabel: String, origin: String, attempts: Int,
                 node: String?, startedAt: Instant?, finishedAt: Instant?, outcome: String?, reason: String?, explanation: String, key: String) {
        self.job = job
        self.subject = subject
        self.scheduledAt = scheduledAt
        self.state = state
        self.stateLabel = stateLabel
        self.origin = origin
        self.attempts = attempts
        self.node = node
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.reason = reason
        self.explanation = explanation
        self.key = key
    }

    enum CodingKeys: String, CodingKey {
        case job, subject, state, origin, attempts, node, outcome, reason, explanation, key
        case scheduledAt = "scheduled_at"
        case stateLabel = "state_label"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }
}
