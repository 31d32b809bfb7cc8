import Foundation
import GRDB
package import Scheduling
package import WorkingDays

/// The scheduler's occurrences in SQLite. Every method is one `BEGIN IMMEDIATE`
/// transaction, so processes sharing the file take turns (the busy timeout waits) and a
/// claim sees and changes rows no other writer touches meanwhile.
extension SQLiteStore: OccurrenceStore {
    package func jobStates() async throws -> [String: JobState] {
        try await pool.read { db in
            var out: [String: JobState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM schedule_jobs") {
                let s = Self.jobState(row)
                out[s.job] = s
            }
            return out
        }
    }

    package func plan(job: String, _ body: @escaping @Sendable (JobState?) throws -> PlanChange?) async throws -> PlanReport {
        try await immediate { db in
            let current = try Row.fetchOne(db, sql: "SELECT * FROM schedule_jobs WHERE id = ?", arguments: [job]).map(Self.jobState)
            guard let change = try body(current) else { return PlanReport(inserted: 0, withdrawn: 0) }
            let s = change.state
            try db.execute(sql: """
                INSERT INTO schedule_jobs (id, since, fingerprint, planned_through, event_cursor, uncovered_year)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET since = excluded.since, fingerprint = excluded.fingerprint,
                  planned_through = excluded.planned_through, event_cursor = excluded.event_cursor,
                  uncovered_year = excluded.uncovered_year
                """, arguments: [job, s.since.seconds, s.fingerprint, s.plannedThrough.seconds, s.eventCursor, s.uncoveredYear])
            var withdrawn = 0
            if let after = change.withdrawAfter {
                let keep = Set(change.insert.map(\.key))
                let rows = try Row.fetchAll(db, sql: """
                    SELECT seq, subject, scheduled_at FROM occurrences
                    WHERE job = ? AND state = 'pending' AND origin = 'scheduled' AND scheduled_at > ?
                    """, arguments: [job, after.seconds])
                for row in rows {
                    let key = OccurrenceKey(job: job, subject: row["subject"], scheduledAt: Instant(seconds: row["scheduled_at"]))
                    guard !keep.contains(key) else { continue }
                    try db.execute(sql: "UPDATE occurrences SET state = 'cancelled', reason = ?, finished_at = ? WHERE seq = ?",
                                   arguments: [PlanChange.replanReason, after.seconds, row["seq"] as Int64])
                    withdrawn += 1
                }
            }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO occurrences (job, subject, scheduled_at, origin, state, wake_at, explanation, provisional, payload)
                VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?)
                ON CONFLICT (job, subject, scheduled_at) DO UPDATE SET state = 'pending', wake_at = excluded.wake_at,
                  explanation = excluded.explanation, provisional = excluded.provisional, reason = NULL, finished_at = NULL
                WHERE occurrences.state = 'cancelled' AND occurrences.reason IN (?, ?)
                """)
            var inserted = 0
            for o in change.insert {
                try insert.execute(arguments: [
                    job, o.key.subject, o.key.scheduledAt.seconds, o.origin.rawValue, o.key.scheduledAt.seconds, o.explanation,
                    o.provisional, o.payload, PlanChange.replanReason, PlanChange.retiredReason,
                ])
                inserted += db.changesCount
            }
            return PlanReport(inserted: inserted, withdrawn: withdrawn)
        }
    }

    package func nextWake() async throws -> Instant? {
        try await pool.read { db in
            let pending = try Int64.fetchOne(db, sql: "SELECT min(wake_at) FROM occurrences WHERE state = 'pending'")
            let lease = try Int64.fetchOne(db, sql: "SELECT min(lease_until) FROM occurrences WHERE state = 'running'")
            return [pending, lease].compactMap { $0 }.min().map(Instant.init(seconds:))
        }
    }

    package func claimDue(now: Instant, node: String, leaseUntil: Instant, limit: Int,
                          decide: @escaping @Sendable (DueBatch) -> [DueDecision]) async throws -> [Occurrence] {
        try await immediate { db in
            let due = try Row.fetchAll(db, sql: """
                SELECT * FROM occurrences WHERE state = 'pending' AND wake_at <= ?
                UNION ALL
                SELECT * FROM occurrences WHERE state = 'running' AND lease_until <= ?
                ORDER BY scheduled_at, seq LIMIT ?
                """, arguments: [now.seconds, now.seconds, limit])
            guard !due.isEmpty else { return [] }
            var seqs: [OccurrenceKey: Int64] = [:]
            let occurrences = due.map { row in
                let o = Self.occurrence(row)
                seqs[o.key] = row["seq"]
                return o
            }
            var running: [String: Int] = [:]
            var runningUntil: [String: Instant] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT job, count(*) AS n, min(lease_until) AS until FROM occurrences
                WHERE state = 'running' AND lease_until > ? GROUP BY job
                """, arguments: [now.seconds]) {
                running[row["job"]] = row["n"]
                runningUntil[row["job"]] = Instant(seconds: row["until"])
            }
            var paused: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, pause_note FROM schedule_jobs WHERE paused = 1") {
                paused[row["id"]] = (row["pause_note"] as String?) ?? ""
            }
            let decisions = decide(DueBatch(due: occurrences, running: running, runningUntil: runningUntil, paused: paused))
            var claimed: [Occurrence] = []
            for decision in decisions {
                switch decision {
                case .run(let key):
                    guard let seq = seqs[key] else { continue }
                    try db.execute(sql: """
                        UPDATE occurrences SET state = 'running', node = ?, lease_until = ?, fence = fence + 1,
                          attempts = attempts + 1, started_at = ? WHERE seq = ?
                        """, arguments: [node, leaseUntil.seconds, now.seconds, seq])
                    if let row = try Row.fetchOne(db, sql: "SELECT * FROM occurrences WHERE seq = ?", arguments: [seq]) {
                        claimed.append(Self.occurrence(row))
                    }
                case .close(let key, let state, let reason):
                    guard let seq = seqs[key] else { continue }
                    try db.execute(sql: """
                        UPDATE occurrences SET state = ?, reason = ?, finished_at = ?, lease_until = NULL WHERE seq = ?
                        """, arguments: [state.rawValue, reason, now.seconds, seq])
                case .hold(let key, let until):
                    guard let seq = seqs[key] else { continue }
                    try db.execute(sql: "UPDATE occurrences SET wake_at = ? WHERE seq = ? AND state = 'pending'",
                                   arguments: [until.seconds, seq])
                }
            }
            return claimed
        }
    }

    package func claim(_ key: OccurrenceKey, now: Instant, node: String, leaseUntil: Instant) async throws -> Occurrence? {
        try await immediate { db in
            try db.execute(sql: """
                UPDATE occurrences SET state = 'running', node = ?, lease_until = ?, fence = fence + 1, attempts = attempts + 1,
                  started_at = ? WHERE job = ? AND subject = ? AND scheduled_at = ? AND state = 'pending'
                """, arguments: [node, leaseUntil.seconds, now.seconds, key.job, key.subject, key.scheduledAt.seconds])
            guard db.changesCount == 1 else { return nil }
            return try Self.fetch(db, key)
        }
    }

    package func renew(_ key: OccurrenceKey, fence: Int64, until: Instant) async throws -> Bool {
        try await immediate { db in
            try db.execute(sql: """
                UPDATE occurrences SET lease_until = ?
                WHERE job = ? AND subject = ? AND scheduled_at = ? AND state = 'running' AND fence = ?
                """, arguments: [until.seconds, key.job, key.subject, key.scheduledAt.seconds, fence])
            return db.changesCount == 1
        }
    }

    package func finish(_ key: OccurrenceKey, fence: Int64, state: OccurrenceState, outcome: String?, reason: String?,
                        at: Instant) async throws -> Bool {
        try await immediate { db in
            try db.execute(sql: """
                UPDATE occurrences SET state = ?, outcome = ?, reason = ?, finished_at = ?, lease_until = NULL
                WHERE job = ? AND subject = ? AND scheduled_at = ? AND state = 'running' AND fence = ?
                """, arguments: [state.rawValue, outcome, reason, at.seconds, key.job, key.subject, key.scheduledAt.seconds, fence])
            return db.changesCount == 1
        }
    }

    package func addManual(job: String, at: Instant, actor: String, note: String) async throws -> OccurrenceKey {
        try await immediate { db in
            try Self.ensureJob(db, job, at: at)
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM occurrences WHERE job = ? AND origin = 'manual'", arguments: [job]) ?? 0
            let key = OccurrenceKey(job: job, subject: "manual:\(n + 1)", scheduledAt: at)
            let text = "手动执行（\(actor)）" + (note.isEmpty ? "" : "：\(note)")
            try db.execute(sql: """
                INSERT INTO occurrences (job, subject, scheduled_at, origin, state, wake_at, explanation)
                VALUES (?, ?, ?, 'manual', 'pending', ?, ?)
                """, arguments: [job, key.subject, at.seconds, at.seconds, text])
            try db.execute(sql: "INSERT INTO schedule_log (job, at, action, actor, note) VALUES (?, ?, 'manual', ?, ?)",
                           arguments: [job, at.seconds, actor, note])
            return key
        }
    }

    package func setPaused(job: String, paused: Bool, note: String, actor: String, at: Instant) async throws {
        try await immediate { db in
            try Self.ensureJob(db, job, at: at)
            try db.execute(sql: "UPDATE schedule_jobs SET paused = ?, pause_note = ? WHERE id = ?",
                           arguments: [paused, paused ? note : nil, job])
            try db.execute(sql: "INSERT INTO schedule_log (job, at, action, actor, note) VALUES (?, ?, ?, ?, ?)",
                           arguments: [job, at.seconds, paused ? "pause" : "resume", actor, note])
        }
    }

    package func retire(keeping jobs: Set<String>, at: Instant) async throws -> Int {
        try await immediate { db in
            let gone = try String.fetchAll(db, sql: "SELECT id FROM schedule_jobs WHERE fingerprint <> ?", arguments: [JobState.retired])
                .filter { !jobs.contains($0) }
            var withdrawn = 0
            for job in gone {
                try db.execute(sql: """
                    UPDATE occurrences SET state = 'cancelled', reason = ?, finished_at = ?
                    WHERE job = ? AND state = 'pending'
                    """, arguments: [PlanChange.retiredReason, at.seconds, job])
                withdrawn += db.changesCount
                try db.execute(sql: "UPDATE schedule_jobs SET fingerprint = ? WHERE id = ?", arguments: [JobState.retired, job])
            }
            return withdrawn
        }
    }

    package func cancel(subject: String, reason: String, at: Instant) async throws -> Int {
        try await immediate { db in
            try db.execute(sql: """
                UPDATE occurrences SET state = 'cancelled', reason = ?, finished_at = ? WHERE subject = ? AND state = 'pending'
                """, arguments: [reason, at.seconds, subject])
            return db.changesCount
        }
    }

    package func history(job: String?, through: Instant, limit: Int) async throws -> [Occurrence] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM occurrences WHERE (? IS NULL OR job = ?) AND (state <> 'pending' OR scheduled_at <= ?)
                ORDER BY scheduled_at DESC, seq DESC LIMIT ?
                """, arguments: [job, job, through.seconds, limit]).map(Self.occurrence)
        }
    }

    package func pending(job: String?, limit: Int) async throws -> [Occurrence] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM occurrences WHERE state = 'pending' AND (? IS NULL OR job = ?) ORDER BY wake_at, seq LIMIT ?
                """, arguments: [job, job, limit]).map(Self.occurrence)
        }
    }

    package func log(job: String, limit: Int) async throws -> [JobLogEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM schedule_log WHERE job = ? ORDER BY seq DESC LIMIT ?", arguments: [job, limit]).map {
                JobLogEntry(at: Instant(seconds: $0["at"]), action: $0["action"], actor: $0["actor"], note: $0["note"])
            }
        }
    }

    // MARK: Rows

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction (the write lock taken up front, so a
    /// read-then-write never fails to upgrade).
    func immediate<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    private static func ensureJob(_ db: Database, _ job: String, at: Instant) throws {
        try db.execute(sql: """
            INSERT INTO schedule_jobs (id, since, fingerprint, planned_through) VALUES (?, ?, '', ?) ON CONFLICT (id) DO NOTHING
            """, arguments: [job, at.seconds, at.seconds])
    }

    private static func fetch(_ db: Database, _ key: OccurrenceKey) throws -> Occurrence? {
        try Row.fetchOne(db, sql: "SELECT * FROM occurrences WHERE job = ? AND subject = ? AND scheduled_at = ?",
                         arguments: [key.job, key.subject, key.scheduledAt.seconds]).map(occurrence)
    }

    static func jobState(_ row: Row) -> JobState {
        JobState(job: row["id"], since: Instant(seconds: row["since"]), fingerprint: row["fingerprint"],
                 plannedThrough: Instant(seconds: row["planned_through"]), eventCursor: row["event_cursor"],
                 uncoveredYear: row["uncovered_year"], paused: row["paused"], pauseNote: row["pause_note"])
    }

    static func occurrence(_ row: Row) -> Occurrence {
        func instant(_ column: String) -> Instant? { (row[column] as Int64?).map(Instant.init(seconds:)) }
        return Occurrence(
            key: OccurrenceKey(job: row["job"], subject: row["subject"], scheduledAt: Instant(seconds: row["scheduled_at"])),
            origin: OccurrenceOrigin(rawValue: row["origin"]) ?? .scheduled, state: OccurrenceState(rawValue: row["state"]) ?? .pending,
            explanation: row["explanation"], provisional: row["provisional"], attempts: row["attempts"], fence: row["fence"],
            node: row["node"], leaseUntil: instant("lease_until"), startedAt: instant("started_at"), finishedAt: instant("finished_at"),
            outcome: row["outcome"], reason: row["reason"], payload: row["payload"]
        )
    }
}
