import PostgresNIO
import Scheduling
import WorkingDays

/// The scheduler's rows as the PostgreSQL store reads them, and the job lock its writes take.
enum ScheduleRows {
    /// The columns `occurrence(_:)` reads, in its order.
    static let occurrenceColumns = """
        job, subject, scheduled_at, origin, state, explanation, provisional, attempts, fence, node, lease_until, started_at,
        finished_at, outcome, reason, payload
        """

    /// The columns `jobState(_:)` reads, in its order.
    static let jobColumns = "id, since, fingerprint, planned_through, event_cursor, uncovered_year, paused, pause_note"

    static func occurrence(_ cells: inout Cells) throws -> Occurrence {
        let key = OccurrenceKey(job: try cells.text(), subject: try cells.text(), scheduledAt: try cells.instant())
        return Occurrence(
            key: key, origin: OccurrenceOrigin(rawValue: try cells.text()) ?? .scheduled,
            state: OccurrenceState(rawValue: try cells.text()) ?? .pending, explanation: try cells.text(), provisional: try cells.bool(),
            attempts: Int(try cells.int()), fence: try cells.int(), node: try cells.optionalText(), leaseUntil: try cells.optionalInstant(),
            startedAt: try cells.optionalInstant(), finishedAt: try cells.optionalInstant(), outcome: try cells.optionalText(),
            reason: try cells.optionalText(), payload: try cells.optionalText()
        )
    }

    static func jobState(_ cells: inout Cells) throws -> JobState {
        JobState(job: try cells.text(), since: try cells.instant(), fingerprint: try cells.text(), plannedThrough: try cells.instant(),
                 eventCursor: try cells.int(), uncoveredYear: try cells.optionalInt().map(Int.init), paused: try cells.bool(),
                 pauseNote: try cells.optionalText())
    }
}

extension PostgresConnection {
    /// Locks `job` for the rest of the transaction and returns its state (nil when it has no
    /// row yet). The advisory lock on the id comes first, so that those creating a job
    /// (planning, pausing, adding a manual run) take turns even before its row exists; the
    /// row lock then serialises with claims, retirements and cancellations, which lock the
    /// rows of the jobs they touch before touching their occurrences.
    func lockJob(_ job: String) async throws -> JobState? {
        try await run("SELECT pg_advisory_xact_lock(\(PostgresSchema.jobLockSpace), hashtext(\(job)))")
        var state: JobState?
        let q: PostgresQuery = "SELECT \(unescaped: ScheduleRows.jobColumns) FROM schedule_jobs WHERE id = \(job) FOR NO KEY UPDATE"
        for try await row in try await rows(q) {
            var cells = Cells(row)
            state = try ScheduleRows.jobState(&cells)
        }
        return state
    }

    /// Locks `job` as `lockJob` does, first creating its row (seen since `at`) if missing.
    func lockOrCreateJob(_ job: String, at: Instant) async throws {
        guard try await lockJob(job) == nil else { return }
        try await run("""
            INSERT INTO schedule_jobs (id, since, fingerprint, planned_through) VALUES (\(job), \(InstantParam(at)), '', \(InstantParam(at)))
            """)
    }

    /// Locks the rows of `jobs` in id order (the order every multi-job lock takes).
    func lockJobs(_ jobs: [String]) async throws {
        guard !jobs.isEmpty else { return }
        try await run("SELECT id FROM schedule_jobs WHERE id = ANY(\(jobs)) ORDER BY id FOR NO KEY UPDATE")
    }

    /// The first column of the first row as an integer (a count).
    func integer(_ query: PostgresQuery) async throws -> Int64 {
        var value: Int64?
        for try await row in try await rows(query) where value == nil {
            var cells = Cells(row)
            value = try cells.int()
        }
        guard let value else { throw DecodeFailure(message: "no row") }
        return value
    }

    /// The occurrences `query` returns (selecting `ScheduleRows.occurrenceColumns`).
    func occurrences(_ query: PostgresQuery) async throws -> [Occurrence] {
        var out: [Occurrence] = []
        for try await row in try await rows(query) {
            var cells = Cells(row)
            out.append(try ScheduleRows.occurrence(&cells))
        }
        return out
    }
}
