package import WorkingDays

/// Identifies one fire of one job: unique in the store.
package struct OccurrenceKey: Hashable, Sendable, CustomStringConvertible {
    package var job: String
    /// Empty for clock fires; `<job>@<time>` or `<kind>:<id>` for reminders; `manual:<n>` for manual runs.
    package var subject: String
    package var scheduledAt: Instant

    package init(job: String, subject: String = "", scheduledAt: Instant) {
        self.job = job
        self.subject = subject
        self.scheduledAt = scheduledAt
    }

    /// Handed to actions: the same for every attempt of the occurrence.
    package var idempotencyKey: String {
        subject.isEmpty ? "\(job)@\(scheduledAt.iso)" : "\(job)@\(subject)@\(scheduledAt.iso)"
    }

    package var description: String { idempotencyKey }
}

/// Where an occurrence came from.
package enum OccurrenceOrigin: String, Sendable, CaseIterable {
    /// Planned from the job's trigger.
    case scheduled
    /// `tally schedule run JOB`.
    case manual
}

/// Where an occurrence is in its life.
package enum OccurrenceState: String, Sendable, CaseIterable {
    /// Planned, not yet due or not yet claimed.
    case pending
    /// Claimed by an instance that holds its lease.
    case running
    case succeeded
    case failed
    /// Not run because the service was down or it started too late; `reason` says which.
    case missed
    /// Not run because the previous run was still going (overlap policy) or the job was paused.
    case skipped
    /// Withdrawn: the job was removed or re-planned, or the event was settled.
    case cancelled

    package var isFinal: Bool { self != .pending && self != .running }

    package var label: String {
        switch self {
        case .pending: "待执行"
        case .running: "执行中"
        case .succeeded: "成功"
        case .failed: "失败"
        case .missed: "错过"
        case .skipped: "跳过"
        case .cancelled: "已取消"
        }
    }
}

/// An occurrence as stored.
package struct Occurrence: Sendable, Equatable {
    package var key: OccurrenceKey
    package var origin: OccurrenceOrigin
    package var state: OccurrenceState
    package var explanation: String
    package var provisional: Bool
    package var attempts: Int
    /// Raised on every claim; a finish or heartbeat with an older fence is refused.
    package var fence: Int64
    package var node: String?
    package var leaseUntil: Instant?
    package var startedAt: Instant?
    package var finishedAt: Instant?
    package var outcome: String?
    /// Why it was missed, skipped, cancelled or failed.
    package var reason: String?
    /// Details the action needs (an event's fields, a manual run's note), as JSON.
    package var payload: String?

    package init(
        key: OccurrenceKey, origin: OccurrenceOrigin = .scheduled, state: OccurrenceState = .pending, explanation: String,
        provisional: Bool = false, attempts: Int = 0, fence: Int64 = 0, node: String? = nil, leaseUntil: Instant? = nil,
        startedAt: Instant? = nil, finishedAt: Instant? = nil, outcome: String? = nil, reason: String? = nil, payload: String? = nil
    ) {
        self.key = key
        self.origin = origin
        self.state = state
        self.explanation = explanation
        self.provisional = provisional
        self.attempts = attempts
        self.fence = fence
        self.node = node
        self.leaseUntil = leaseUntil
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.reason = reason
        self.payload = payload
    }
}
