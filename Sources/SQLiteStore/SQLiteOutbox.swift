package import Domain
import GRDB
package import WorkingDays

/// The outbox in SQLite: one row per message key. Claims run in IMMEDIATE transactions,
/// so two processes on one file never claim the same row.
extension SQLiteStore: OutboxStore {
    package func enqueue(_ messages: [OutboxMessage]) async throws -> Int {
        guard !messages.isEmpty else { return 0 }
        return try await immediate { db in
            var new = 0
            for m in messages {
                try db.execute(sql: """
                    INSERT INTO outbox (key, office, channel, recipient, recipient_name, subject, body, scheduled_at, created_at,
                                        event_subject, state, next_attempt_at, retry_from)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (key) DO NOTHING
                    """, arguments: [m.key, m.office.rawValue, m.channel, m.recipient, m.recipientName, m.subject, m.body,
                                     m.scheduledAt.seconds, m.createdAt.seconds, m.eventSubject, m.scheduledAt.seconds, m.scheduledAt.seconds])
                new += db.changesCount
            }
            return new
        }
    }

    package func claimDeliveries(now: Instant, node: String, leaseUntil: Instant, limit: Int) async throws -> [OutboxEntry] {
        try await immediate { db in
            let seqs = try Int64.fetchAll(db, sql: """
                SELECT seq FROM (
                  SELECT seq, next_attempt_at AS due FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?
                  UNION ALL
                  SELECT seq, lease_until AS due FROM outbox WHERE state = 'sending' AND lease_until <= ?)
                ORDER BY due, seq LIMIT ?
                """, arguments: [now.seconds, now.seconds, limit])
            return try seqs.compactMap { seq in
                try db.execute(sql: """
                    UPDATE outbox SET state = 'sending', node = ?, lease_until = ?, fence = fence + 1, attempts = attempts + 1
                    WHERE seq = ?
                    """, arguments: [node, leaseUntil.seconds, seq])
                return try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE seq = ?", arguments: [seq]).flatMap(Self.entry)
            }
        }
    }

    package func record(_ result: DeliveryResult, key: String, fence: Int64, at: Instant) async throws -> Bool {
        try await immediate { db in
            let (state, next, error, outcome): (DeliveryState, Instant?, String?, String?) = switch result {
            case .delivered(let answer): (.delivered, nil, nil, answer)
            case .retry(let t, let e): (.pending, t, e, nil)
            case .dead(let e): (.dead, nil, e, nil)
            case .cancelled(let why): (.cancelled, nil, nil, why)
            }
            try db.execute(sql: """
                UPDATE outbox SET state = ?, lease_until = NULL, next_attempt_at = coalesce(?, next_attempt_at),
                  last_error = coalesce(?, last_error), outcome = ?, finished_at = ?
                WHERE key = ? AND fence = ? AND state = 'sending'
                """, arguments: [state.rawValue, next?.seconds, error, outcome, state == .pending ? nil : at.seconds, key, fence])
            return db.changesCount == 1
        }
    }

    package func nextDeliveryWake() async throws -> Instant? {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT min(t) FROM (
                  SELECT min(next_attempt_at) AS t FROM outbox WHERE state = 'pending'
                  UNION ALL SELECT min(lease_until) FROM outbox WHERE state = 'sending')
                """).map(Instant.init(seconds:))
        }
    }

    package func outbox(states: Set<DeliveryState>?, limit: Int) async throws -> [OutboxEntry] {
        let wanted = (states ?? Set(DeliveryState.allCases)).map(\.rawValue)
        return try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM outbox WHERE state IN (SELECT value FROM json_each(?)) ORDER BY seq DESC LIMIT ?
                """, arguments: [Self.jsonArray(wanted), limit]).compactMap(Self.entry)
        }
    }

    package func retry(key: String, at: Instant) async throws -> Bool {
        try await immediate { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'pending', next_attempt_at = ?, retry_from = ?, finished_at = NULL, outcome = NULL
                WHERE key = ? AND state IN ('dead','cancelled')
                """, arguments: [at.seconds, at.seconds, key])
            return db.changesCount == 1
        }
    }

    private static func jsonArray(_ values: [String]) -> String {
        "[" + values.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    private static func entry(_ row: Row) -> OutboxEntry? {
        guard let office = OfficeID(row["office"]), let state = DeliveryState(rawValue: row["state"]) else { return nil }
        let message = OutboxMessage(key: row["key"], office: office, channel: row["channel"], recipient: row["recipient"],
                                    recipientName: row["recipient_name"], subject: row["subject"], body: row["body"],
                                    scheduledAt: Instant(seconds: row["scheduled_at"]), createdAt: Instant(seconds: row["created_at"]),
                                    eventSubject: row["event_subject"])
        return OutboxEntry(message: message, state: state, attempts: row["attempts"], nextAttemptAt: Instant(seconds: row["next_attempt_at"]),
                           retryFrom: Instant(seconds: row["retry_from"]), fence: row["fence"], node: row["node"], lastError: row["last_error"],
                           finishedAt: (row["finished_at"] as Int64?).map(Instant.init(seconds:)), outcome: row["outcome"])
    }
}
