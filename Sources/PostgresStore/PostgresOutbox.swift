package import Domain
import PostgresNIO
package import WorkingDays

/// The outbox in PostgreSQL: one row per message key. A claim locks the rows it takes with
/// `FOR UPDATE SKIP LOCKED`, so instances sharing the database never claim the same message.
extension PostgresStore: OutboxStore {
    static let outboxColumns = """
        key, office, channel, recipient, recipient_name, subject, body, scheduled_at, created_at, event_subject,
        state, attempts, next_attempt_at, retry_from, fence, node, last_error, finished_at, outcome
        """

    package func enqueue(_ messages: [OutboxMessage]) async throws -> Int {
        guard !messages.isEmpty else { return 0 }
        return try await transaction { conn in
            var new = 0
            for m in messages {
                new += Int(try await conn.integer("""
                    WITH ins AS (
                      INSERT INTO outbox (key, office, channel, recipient, recipient_name, subject, body, scheduled_at, created_at,
                                          event_subject, state, next_attempt_at, retry_from)
                      VALUES (\(m.key), \(m.office.rawValue), \(m.channel), \(m.recipient), \(m.recipientName)::text, \(m.subject),
                              \(m.body), \(InstantParam(m.scheduledAt)), \(InstantParam(m.createdAt)), \(m.eventSubject)::text,
                              'pending', \(InstantParam(m.scheduledAt)), \(InstantParam(m.scheduledAt)))
                      ON CONFLICT (key) DO NOTHING RETURNING 1)
                    SELECT count(*) FROM ins
                    """))
            }
            return new
        }
    }

    package func claimDeliveries(now: Instant, node: String, leaseUntil: Instant, limit: Int) async throws -> [OutboxEntry] {
        try await transaction { conn in
            let t = InstantParam(now)
            return try await conn.outboxEntries("""
                WITH due AS (
                  SELECT seq FROM outbox
                  WHERE (state = 'pending' AND next_attempt_at <= \(t)) OR (state = 'sending' AND lease_until <= \(t))
                  ORDER BY CASE WHEN state = 'pending' THEN next_attempt_at ELSE lease_until END, seq
                  LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                UPDATE outbox o SET state = 'sending', node = \(node), lease_until = \(InstantParam(leaseUntil)), fence = o.fence + 1,
                  attempts = o.attempts + 1
                FROM due WHERE o.seq = due.seq
                RETURNING o.key, o.office, o.channel, o.recipient, o.recipient_name, o.subject, o.body, o.scheduled_at, o.created_at,
                  o.event_subject, o.state, o.attempts, o.next_attempt_at, o.retry_from, o.fence, o.node, o.last_error, o.finished_at, o.outcome
                """)
        }
    }

    package func record(_ result: DeliveryResult, key: String, fence: Int64, at: Instant) async throws -> Bool {
        let (state, next, error, outcome): (DeliveryState, Instant?, String?, String?) = switch result {
        case .delivered(let answer): (.delivered, nil, nil, answer)
        case .retry(let t, let e): (.pending, t, e, nil)
        case .dead(let e): (.dead, nil, e, nil)
        case .cancelled(let why): (.cancelled, nil, nil, why)
        }
        return try await transaction { conn in
            try await conn.integer("""
                WITH upd AS (
                  UPDATE outbox SET state = \(state.rawValue), lease_until = NULL,
                    next_attempt_at = coalesce(\(next.map(InstantParam.init)), next_attempt_at),
                    last_error = coalesce(\(error)::text, last_error), outcome = \(outcome)::text,
                    finished_at = \(state == .pending ? nil : InstantParam(at))
                  WHERE key = \(key) AND fence = \(fence) AND state = 'sending' RETURNING 1)
                SELECT count(*) FROM upd
                """) == 1
        }
    }

    package func nextDeliveryWake() async throws -> Instant? {
        try await transaction("BEGIN READ ONLY") { conn in
            var wake: Instant?
            for try await row in try await conn.rows("""
                SELECT least((SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'),
                             (SELECT min(lease_until) FROM outbox WHERE state = 'sending'))
                """) {
                var cells = Cells(row)
                wake = try cells.optionalInstant()
            }
            return wake
        }
    }

    package func outbox(states: Set<DeliveryState>?, limit: Int) async throws -> [OutboxEntry] {
        let wanted = (states ?? Set(DeliveryState.allCases)).map(\.rawValue)
        return try await transaction("BEGIN READ ONLY") { conn in
            try await conn.outboxEntries("""
                SELECT \(unescaped: Self.outboxColumns) FROM outbox WHERE state = ANY(\(wanted)) ORDER BY seq DESC LIMIT \(limit)
                """)
        }
    }

    package func retry(key: String, at: Instant) async throws -> Bool {
        try await transaction { conn in
            try await conn.integer("""
                WITH upd AS (
                  UPDATE outbox SET state = 'pending', next_attempt_at = \(InstantParam(at)), retry_from = \(InstantParam(at)),
                    finished_at = NULL, outcome = NULL
                  WHERE key = \(key) AND state IN ('dead','cancelled') RETURNING 1)
                SELECT count(*) FROM upd
                """) == 1
        }
    }
}

extension PostgresConnection {
    /// The entries `query` returns (selecting `PostgresStore.outboxColumns`).
    func outboxEntries(_ query: PostgresQuery) async throws -> [OutboxEntry] {
        var out: [OutboxEntry] = []
        for try await row in try await rows(query) {
            var c = Cells(row)
            let key = try c.text()
            guard let office = OfficeID(try c.text()) else { throw DecodeFailure(message: "bad office id in outbox") }
            let message = OutboxMessage(key: key, office: office, channel: try c.text(), recipient: try c.text(), recipientName: try c.optionalText(),
                                        subject: try c.text(), body: try c.text(), scheduledAt: try c.instant(), createdAt: try c.instant(),
                                        eventSubject: try c.optionalText())
            guard let state = DeliveryState(rawValue: try c.text()) else { throw DecodeFailure(message: "bad outbox state") }
            out.append(OutboxEntry(message: message, state: state, attempts: Int(try c.int()), nextAttemptAt: try c.instant(), retryFrom: try c.instant(),
                                   fence: try c.int(),
                                   node: try c.optionalText(), lastError: try c.optionalText(), finishedAt: try c.optionalInstant(),
                                   outcome: try c.optionalText()))
        }
        return out
    }
}
