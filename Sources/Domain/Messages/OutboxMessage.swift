package import WorkingDays

/// A message to be delivered through an outside channel (email, a webhook), kept in the
/// outbox until it is delivered. Writing it is separate from sending it: a reminder is
/// stored first (in the action that decides it), then a courier sends it, retrying while
/// the channel is down, so nothing is lost and nothing is sent twice.
package struct OutboxMessage: Sendable, Equatable {
    /// Unique: enqueueing the same key again changes nothing, so a repeated reminder run
    /// stores each message once. Made from the scheduler's idempotency key, the channel and
    /// the recipient (`instruction-follow-up@instruction:P-1@…|email|li@fgw.gov.cn`).
    package var key: String
    package var office: OfficeID
    /// `email`, or `webhook:<name>` (a webhook of the delivery file).
    package var channel: String
    /// An email address, or the webhook's name.
    package var recipient: String
    /// Who the recipient is, for people (`王芳（市发展改革委 信息员）`).
    package var recipientName: String?
    package var subject: String
    package var body: String
    /// When the reminder was due (the scheduler's fire time).
    package var scheduledAt: Instant
    package var createdAt: Instant
    /// The event it is about (`absence:A-7`): if the event is settled before the message is
    /// sent, the message is cancelled instead.
    package var eventSubject: String?

    package init(key: String, office: OfficeID, channel: String, recipient: String, recipientName: String? = nil, subject: String,
                 body: String, scheduledAt: Instant, createdAt: Instant, eventSubject: String? = nil) {
        self.key = key
        self.office = office
        self.channel = channel
        self.recipient = recipient
        self.recipientName = recipientName
        self.subject = subject
        self.body = body
        self.scheduledAt = scheduledAt
        self.createdAt = createdAt
        self.eventSubject = eventSubject
    }
}

/// Where an outbox message stands.
package enum DeliveryState: String, Sendable, Codable, CaseIterable {
    /// Waiting for its next attempt (`nextAttemptAt`).
    case pending
    /// Claimed by a courier until its lease ends; if the courier dies, another takes it over.
    case sending
    case delivered
    /// Not sent: its event was settled first, or an admin withdrew it.
    case cancelled
    /// Given up: the channel refused it for good, or kept failing past the retry limit.
    /// `tally outbox retry` puts it back.
    case dead

    package var label: String {
        switch self {
        case .pending: "待发送"
        case .sending: "发送中"
        case .delivered: "已送达"
        case .cancelled: "已取消"
        case .dead: "发送失败"
        }
    }
}

/// An outbox message with its delivery bookkeeping.
package struct OutboxEntry: Sendable, Equatable {
    package var message: OutboxMessage
    package var state: DeliveryState
    /// Attempts made so far (a claim counts as one).
    package var attempts: Int
    package var nextAttemptAt: Instant
    /// Where the retry policy's give-up window starts: the message's due time, or when an
    /// admin last put it back (`tally outbox retry`).
    package var retryFrom: Instant
    /// Raised by each claim: a courier whose lease was taken over cannot record a result.
    package var fence: Int64
    package var node: String?
    package var lastError: String?
    /// When it was delivered, cancelled or given up.
    package var finishedAt: Instant?
    /// What the channel answered (`250 2.0.0 Ok: queued`), or why it was cancelled.
    package var outcome: String?

    package init(message: OutboxMessage, state: DeliveryState, attempts: Int, nextAttemptAt: Instant, retryFrom: Instant? = nil, fence: Int64,
                 node: String? = nil, lastError: String? = nil, finishedAt: Instant? = nil, outcome: String? = nil) {
        self.message = message
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.retryFrom = retryFrom ?? message.scheduledAt
        self.fence = fence
        self.node = node
        self.lastError = lastError
        self.finishedAt = finishedAt
        self.outcome = outcome
    }
}

/// How one delivery attempt ended.
package enum DeliveryResult: Sendable, Equatable {
    /// Accepted by the channel, with what it answered.
    case delivered(String)
    /// Failed; try again at the instant.
    case retry(at: Instant, error: String)
    /// Failed for good (refused recipient, bad configuration, retries exhausted).
    case dead(String)
    /// Not sent, with why (the event was settled).
    case cancelled(String)
}

/// Where outbox messages are kept (the record's database). Several Tally instances may
/// share it: a claim leases messages to one courier, raising their fence, and a result
/// recorded with an older fence is refused.
package protocol OutboxStore: Sendable {
    /// Stores the messages whose keys are new, pending from their `scheduledAt`; returns how
    /// many were new.
    @discardableResult
    func enqueue(_ messages: [OutboxMessage]) async throws -> Int

    /// Claims messages due by `now`: pending ones whose next attempt has come and sending ones
    /// whose lease has ended (their courier died), at most `limit`, oldest first, skipping
    /// rows another instance is claiming. Each is returned as `sending` for `node` until
    /// `leaseUntil`, with a new fence and one more attempt.
    func claimDeliveries(now: Instant, node: String, leaseUntil: Instant, limit: Int) async throws -> [OutboxEntry]

    /// Records how an attempt held with `fence` ended; false when the lease was taken over
    /// (nothing is recorded).
    @discardableResult
    func record(_ result: DeliveryResult, key: String, fence: Int64, at: Instant) async throws -> Bool

    /// When a message next needs attention: the earliest next attempt of a pending message or
    /// lease end of a sending one; nil when there is none.
    func nextDeliveryWake() async throws -> Instant?

    /// Messages in `states` (all when nil), newest first.
    func outbox(states: Set<DeliveryState>?, limit: Int) async throws -> [OutboxEntry]

    /// Puts a dead or cancelled message back to pending, due at `at`, with the give-up window
    /// starting again at `at`; false when there is no such message in those states.
    func retry(key: String, at: Instant) async throws -> Bool
}

/// A channel messages are sent through (email, a webhook).
package protocol DeliveryChannel: Sendable {
    /// Sends `message` (sent at `now` by the courier's clock). Returns what the channel
    /// answered; throws `DeliveryFailure`.
    func send(_ message: OutboxMessage, now: Instant) async throws(DeliveryFailure) -> String
}

/// Why a send failed, and whether trying again may help.
package struct DeliveryFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// False for refusals that will not change (a rejected recipient, a bad webhook key).
    package var transient: Bool
    package var reason: String

    package init(transient: Bool, _ reason: String) {
        self.transient = transient
        self.reason = reason
    }

    package var description: String { reason }
}
