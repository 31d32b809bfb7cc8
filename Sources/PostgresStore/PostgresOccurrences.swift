import PostgresNIO
package import Scheduling
package import WorkingDays

/// The scheduler's occurrences in PostgreSQL, shared by several Tally instances. Every
/// method is one transaction on one pooled connection (READ COMMITTED).
///
/// Locks are always taken in the same order, so that instances never deadlock: a job's
/// advisory lock (planning, pausing, manual runs), then the rows of `schedule_jobs` (one,
/// or several in id order), then occurrences. A claim locks the jobs whose occurrences are
/// due before locking those occurrences (`FOR UPDATE SKIP LOCKED`): instances claiming at
/// once take turns per job, so each sees the runs the other started and an occurrence is
/// claimed once. Heartbeats and finishes lock one occurrence and nothing else.
extension PostgresStore: OccurrenceStore {
    package func jobStates() async throws -> [String: JobState] {
        try await transaction("BEGIN READ ONLY") { conn in
            var out: [String: JobState] = [:]
            for try await row in try await conn.rows("SELECT \(unescaped: ScheduleRows.jobColumns) FROM schedule_jobs") {
                var cells = Cells(row)
                let s = try ScheduleRows.jobState(&cells)
                out[s.job] = s
            }
            return out
        }
    }

    package func plan(job: String, _ body: @escaping @Sendable (JobState?) throws -> PlanChange?) async throws -> PlanReport {
        try await transaction { conn in
            guard let change = try body(try await conn.lockJob(job)) else { return PlanReport(inserted: 0, withdrawn: 0) }
            let s = change.state
            try await conn.run("""
                INSERT INTO schedule_jobs (id, since, fingerprint, planned_through, event_cursor, uncovered_year)
                VALUES (\(job), \(InstantParam(s.since)), \(s.fingerprint), \(InstantParam(s.plannedThrough)), \(s.eventCursor),
                        \(s.uncoveredYear)::integer)
                ON CONFLICT (id) DO UPDATE SET since = excluded.since, fingerprint = excluded.fingerprint,
                  planned_through = excluded.planned_through, event_cursor = excluded.event_cursor,
                  uncovered_year = excluded.uncovered_year
                """)
            var withdrawn = 0
            if let after = change.withdrawAfter {
                withdrawn = try await Self.withdraw(job: job, after: after, keeping: Set(change.insert.map(\.key)), conn)
            }
            return PlanReport(inserted: try await Self.insert(change.insert, job: job, conn), withdrawn: withdrawn)
        }
    }

    /// Withdraws the pending scheduled occurrences of `job` after `after` whose keys are not
    /// in `keep` (a re-plan); returns how many. The keys are compared here rather than in SQL,
    /// where a plan of many thousand keys would be matched row by row.
    private static func withdraw(job: String, after: Instant, keeping keep: Set<OccurrenceKey>, _ conn: PostgresConnection) async throws -> Int {
        var gone: [Int64] = []
        for try await row in try await conn.rows("""
            SELECT seq, subject, scheduled_at FROM occurrences
            WHERE job = \(job) AND state = 'pending' AND origin = 'scheduled' AND scheduled_at > \(InstantParam(after))
            """) {
            var cells = Cells(row)
            let seq = try cells.int()
            if !keep.contains(OccurrenceKey(job: job, subject: try cells.text(), scheduledAt: try cells.instant())) { gone.append(seq) }
        }
        guard !gone.isEmpty else { return 0 }
        return Int(try await conn.integer("""
            WITH w AS (
              UPDATE occurrences SET state = 'cancelled', reason = \(PlanChange.replanReason), finished_at = \(InstantParam(after))
              WHERE seq = ANY(\(gone)) AND state = 'pending'
              RETURNING 1)
            SELECT count(*) FROM w
            """))
    }

    /// Inserts `occurrences` as pending occurrences of `job` in one statement, reviving those
    /// a re-plan withdrew; returns how many were inserted or revived. A key given twice
    /// counts once, its first time (as one row after another would).
    private static func insert(_ occurrences: [Occurrence], job: String, _ conn: PostgresConnection) async throws -> Int {
        guard !occurrences.isEmpty else { return 0 }
        let n = occurrences.count
        var subject = ArrayParam(.text, capacity: n), at = ArrayParam(.timestamptz, capacity: n), origin = ArrayParam(.text, capacity: n)
        var explanation = ArrayParam(.text, capacity: n), provisional = ArrayParam(.bool, capacity: n)
        var payload = ArrayParam(.text, capacity: n)
        var seen = Set<OccurrenceKey>(minimumCapacity: n)
        for o in occurrences where seen.insert(OccurrenceKey(job: job, subject: o.key.subject, scheduledAt: o.key.scheduledAt)).inserted {
            subject.append(o.key.subject)
            at.append(o.key.scheduledAt)
            origin.append(o.origin.rawValue)
            explanation.append(o.explanation)
            provisional.append(o.provisional)
            payload.append(o.payload)
        }
        return Int(try await conn.integer("""
            WITH ins AS (
              INSERT INTO occurrences (job, subject, scheduled_at, origin, state, wake_at, explanation, provisional, payload)
              SELECT \(job), x.subject, x.at, x.origin, 'pending', x.at, x.explanation, x.provisional, x.payload
              FROM unnest(\(subject)::text[], \(at)::timestamptz[], \(origin)::text[], \(explanation)::text[], \(provisional)::boolean[],
                          \(payload)::text[]) WITH ORDINALITY AS x(subject, at, origin, explanation, provisional, payload, ord)
              ORDER BY x.ord
              ON CONFLICT (job, subject, scheduled_at) DO UPDATE SET state = 'pending', wake_at = excluded.wake_at,
                explanation = excluded.explanation, provisional = excluded.provisional, reason = NULL, finished_at = NULL
              WHERE occurrences.state = 'cancelled' AND occurrences.reason = \(PlanChange.replanReason)
              RETURNING 1)
            SELECT count(*) FROM ins
            """))
    }

    package func nextWake() async throws -> Instant? {
        try await transaction("BEGIN READ ONLY") { conn in
            var out: Instant?
            for try await row in try await conn.rows("""
                SELECT least((SELECT min(wake_at) FROM occurrences WHERE state = 'pending'),
                             (SELECT min(lease_until) FROM occurrences WHERE state = 'running'))
                """) {
                var cells = Cells(row)
                out = try cells.optionalInstant()
            }
            return out
        }
    }

    package func claimDue(now: Instant, node: String, leaseUntil: Instant, limit: Int,
                          decide: @escaping @Sendable (DueBatch) -> [DueDecision]) async throws -> [Occurrence] {
        try await transaction { conn in
            let t = InstantParam(now)
            // The jobs of what looks due, locked before their occurrences (see above).
            let jobs = try await conn.strings("""
                SELECT DISTINCT job FROM (
                  SELECT job FROM occurrences
                  WHERE (state = 'pending' AND wake_at <= \(t)) OR (state = 'running' AND lease_until <= \(t))
                  ORDER BY scheduled_at, seq LIMIT \(limit)) d
                """)
            guard !jobs.isEmpty else { return [] }
            try await conn.lockJobs(jobs)
            var seqs: [OccurrenceKey: Int64] = [:]
            var occurrences: [Occurrence] = []
            for try await row in try await conn.rows("""
                SELECT seq, \(unescaped: ScheduleRows.occurrenceColumns) FROM occurrences
                WHERE job = ANY(\(jobs)) AND ((state = 'pending' AND wake_at <= \(t)) OR (state = 'running' AND lease_until <= \(t)))
                ORDER BY scheduled_at, seq LIMIT \(limit) FOR UPDATE SKIP LOCKED
                """) {
                var cells = Cells(row)
                let seq = try cells.int()
                let o = try ScheduleRows.occurrence(&cells)
                seqs[o.key] = seq
                occurrences.append(o)
            }
            guard !occurrences.isEmpty else { return [] }
            var running: [String: Int] = [:]
            var runningUntil: [String: Instant] = [:]
            for try await row in try await conn.rows("""
                SELECT job, count(*), min(lease_until) FROM occurrences
                WHERE state = 'running' AND lease_until > \(t) GROUP BY job
                """) {
                var cells = Cells(row)
                let job = try cells.text()
                running[job] = Int(try cells.int())
                runningUntil[job] = try cells.instant()
            }
            var paused: [String: String] = [:]
            for try await row in try await conn.rows("SELECT id, pause_note FROM schedule_jobs WHERE paused") {
                var cells = Cells(row)
                paused[try cells.text()] = try cells.optionalText() ?? ""
            }
            let decisions = decide(DueBatch(due: occurrences, running: running, runningUntil: runningUntil, paused: paused))
            return try await Self.apply(decisions, seqs: seqs, now: now, node: node, leaseUntil: leaseUntil, conn)
        }
    }

    /// Carries out a claim's decisions on the rows it locked (`seqs`), a statement per kind
    /// of decision; returns the occurrences claimed, in the order of the decisions.
    private static func apply(_ decisions: [DueDecision], seqs: [OccurrenceKey: Int64], now: Instant, node: String,
                              leaseUntil: Instant, _ conn: PostgresConnection) async throws -> [Occurrence] {
        var run: [Int64] = []
        var closeSeq = ArrayParam(.int8), closeState = ArrayParam(.text), closeReason = ArrayParam(.text)
        var holdSeq = ArrayParam(.int8), holdUntil = ArrayParam(.timestamptz)
        for decision in decisions {
            switch decision {
            case .run(let key):
                if let seq = seqs[key] { run.append(seq) }
            case .close(let key, let state, let reason):
                guard let seq = seqs[key] else { continue }
                closeSeq.append(seq)
                closeState.append(state.rawValue)
                closeReason.append(reason)
            case .hold(let key, let until):
                guard let seq = seqs[key] else { continue }
                holdSeq.append(seq)
                holdUntil.append(until)
            }
        }
        if closeSeq.count > 0 {
            try await conn.run("""
                UPDATE occurrences o SET state = x.state, reason = x.reason, finished_at = \(InstantParam(now)), lease_until = NULL
                FROM unnest(\(closeSeq)::bigint[], \(closeState)::text[], \(closeReason)::text[]) AS x(seq, state, reason)
                WHERE o.seq = x.seq
                """)
        }
        if holdSeq.count > 0 {
            try await conn.run("""
                UPDATE occurrences o SET wake_at = x.until
                FROM unnest(\(holdSeq)::bigint[], \(holdUntil)::timestamptz[]) AS x(seq, until)
                WHERE o.seq = x.seq AND o.state = 'pending'
                """)
        }
        guard !run.isEmpty else { return [] }
        var claimed: [Int64: Occurrence] = [:]
        for try await row in try await conn.rows("""
            UPDATE occurrences SET state = 'running', node = \(node), lease_until = \(InstantParam(leaseUntil)), fence = fence + 1,
              attempts = attempts + 1, started_at = \(InstantParam(now))
            WHERE seq = ANY(\(run)) RETURNING seq, \(unescaped: ScheduleRows.occurrenceColumns)
            """) {
            var cells = Cells(row)
            let seq = try cells.int()
            claimed[seq] = try ScheduleRows.occurrence(&cells)
        }
        return run.compactMap { claimed.removeValue(forKey: $0) }
    }

    package func claim(_ key: OccurrenceKey, now: Instant, node: String, leaseUntil: Instant) async throws -> Occurrence? {
        try await transaction { conn in
            // The job's row first, so that a claim running meanwhile counts this run.
            try await conn.lockJobs([key.job])
            return try await conn.occurrences("""
                UPDATE occurrences SET state = 'running', node = \(node), lease_until = \(InstantParam(leaseUntil)), fence = fence + 1,
                  attempts = attempts + 1, started_at = \(InstantParam(now))
                WHERE job = \(key.job) AND subject = \(key.subject) AND scheduled_at = \(InstantParam(key.scheduledAt)) AND state = 'pending'
                RETURNING \(unescaped: ScheduleRows.occurrenceColumns)
                """).first
        }
    }

    package func renew(_ key: OccurrenceKey, fence: Int64, until: Instant) async throws -> Bool {
        try await transaction { conn in
            try await conn.integer("""
                WITH u AS (
                  UPDATE occurrences SET lease_until = \(InstantParam(until))
                  WHERE job = \(key.job) AND subject = \(key.subject) AND scheduled_at = \(InstantParam(key.scheduledAt))
                    AND state = 'running' AND fence = \(fence)
                  RETURNING 1)
                SELECT count(*) FROM u
                """) == 1
        }
    }

    package func finish(_ key: OccurrenceKey, fence: Int64, state: OccurrenceState, outcome: String?, reason: String?,
                        at: Instant) async throws -> Bool {
        try await transaction { conn in
            try await conn.integer("""
                WITH u AS (
                  UPDATE occurrences SET state = \(state.rawValue), outcome = \(outcome)::text, reason = \(reason)::text,
                    finished_at = \(InstantParam(at)), lease_until = NULL
                  WHERE job = \(key.job) AND subject = \(key.subject) AND scheduled_at = \(InstantParam(key.scheduledAt))
                    AND state = 'running' AND fence = \(fence)
                  RETURNING 1)
                SELECT count(*) FROM u
                """) == 1
        }
    }

    package func addManual(job: String, at: Instant, actor: String, note: String) async throws -> OccurrenceKey {
        try await transaction { conn in
            // The job lock keeps the numbering of manual runs unique across instances.
            try await conn.lockOrCreateJob(job, at: at)
            let n = try await conn.integer("SELECT count(*) FROM occurrences WHERE job = \(job) AND origin = 'manual'")
            let key = OccurrenceKey(job: job, subject: "manual:\(n + 1)", scheduledAt: at)
            let text = "手动执行（\(actor)）" + (note.isEmpty ? "" : "：\(note)")
            try await conn.run("""
                INSERT INTO occurrences (job, subject, scheduled_at, origin, state, wake_at, explanation)
                VALUES (\(job), \(key.subject), \(InstantParam(at)), 'manual', 'pending', \(InstantParam(at)), \(text))
                """)
            try await conn.run("""
                INSERT INTO schedule_log (job, at, action, actor, note) VALUES (\(job), \(InstantParam(at)), 'manual', \(actor), \(note))
                """)
            return key
        }
    }

    package func setPaused(job: String, paused: Bool, note: String, actor: String, at: Instant) async throws {
        try await transaction { conn in
            try await conn.lockOrCreateJob(job, at: at)
            try await conn.run("UPDATE schedule_jobs SET paused = \(paused), pause_note = \(paused ? note : nil)::text WHERE id = \(job)")
            try await conn.run("""
                INSERT INTO schedule_log (job, at, action, actor, note)
                VALUES (\(job), \(InstantParam(at)), \(paused ? "pause" : "resume"), \(actor), \(note))
                """)
        }
    }

    package func retire(keeping jobs: Set<String>, at: Instant) async throws -> Int {
        try await transaction { conn in
            let gone = try await conn.strings("""
                SELECT id FROM schedule_jobs WHERE fingerprint <> \(JobState.retired) AND NOT id = ANY(\(Array(jobs)))
                ORDER BY id FOR NO KEY UPDATE
                """)
            guard !gone.isEmpty else { return 0 }
            let withdrawn = try await conn.integer("""
                WITH w AS (
                  UPDATE occurrences SET state = 'cancelled', reason = '任务已从日程文件中删除', finished_at = \(InstantParam(at))
                  WHERE job = ANY(\(gone)) AND state = 'pending'
                  RETURNING 1)
                SELECT count(*) FROM w
                """)
            try await conn.run("UPDATE schedule_jobs SET fingerprint = \(JobState.retired) WHERE id = ANY(\(gone))")
            return Int(withdrawn)
        }
    }

    package func cancel(subject: String, reason: String, at: Instant) async throws -> Int {
        try await transaction { conn in
            let jobs = try await conn.strings("SELECT DISTINCT job FROM occurrences WHERE subject = \(subject) AND state = 'pending'")
            guard !jobs.isEmpty else { return 0 }
            try await conn.lockJobs(jobs)
            return Int(try await conn.integer("""
                WITH w AS (
                  UPDATE occurrences SET state = 'cancelled', reason = \(reason), finished_at = \(InstantParam(at))
                  WHERE subject = \(subject) AND state = 'pending'
                  RETURNING 1)
                SELECT count(*) FROM w
                """))
        }
    }

    package func history(job: String?, through: Instant, limit: Int) async throws -> [Occurrence] {
        try await transaction("BEGIN READ ONLY") { conn in
            try await conn.occurrences("""
                SELECT \(unescaped: ScheduleRows.occurrenceColumns) FROM occurrences
                WHERE (\(job)::text IS NULL OR job = \(job)::text) AND (state <> 'pending' OR scheduled_at <= \(InstantParam(through)))
                ORDER BY scheduled_at DESC, seq DESC LIMIT \(limit)
                """)
        }
    }

    package func pending(job: String?, limit: Int) async throws -> [Occurrence] {
        try await transaction("BEGIN READ ONLY") { conn in
            try await conn.occurrences("""
                SELECT \(unescaped: ScheduleRows.occurrenceColumns) FROM occurrences
                WHERE state = 'pending' AND (\(job)::text IS NULL OR job = \(job)::text) ORDER BY wake_at, seq LIMIT \(limit)
                """)
        }
    }

    package func log(job: String, limit: Int) async throws -> [JobLogEntry] {
        try await transaction("BEGIN READ ONLY") { conn in
            var out: [JobLogEntry] = []
            for try await row in try await conn.rows("""
                SELECT at, action, actor, note FROM schedule_log WHERE job = \(job) ORDER BY seq DESC LIMIT \(limit)
                """) {
                var cells = Cells(row)
                out.append(JobLogEntry(at: try cells.instant(), action: try cells.text(), actor: try cells.text(), note: try cells.text()))
            }
            return out
        }
    }
}
