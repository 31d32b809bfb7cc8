import Domain
import PostgresStore
import SQLiteStore
import Scheduling
import Synchronization
import Testing
import WorkingDays

/// Planning, the same on every store: inserts, re-plans, revivals, the job's state.
@Suite struct PlanContractTests {
    @Test(arguments: Backend.available)
    func migrationsMatchAcrossStores(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let applied = switch t.store {
            case let s as SQLiteStore: try await s.appliedMigrations()
            case let s as PostgresStore: try await s.appliedMigrations()
            default: [String]()
            }
            #expect(applied == ["001-record", "002-schedule", "003-assessment", "004-recorded", "005-delivery", "006-service", "007-deadlines", "008-changes"])
            #expect(try await t.store.migrate() == [])
        }
    }

    @Test(arguments: Backend.available)
    func planInsertsOnceAndStoresTheState(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let seen = Mutex<[JobState?]>([])
            let first = [planned("j", 300), planned("j", 100, payload: #"{"a":"1"}"#), planned("j", 200, subject: "absence:BB-1")]
            let change: @Sendable (JobState?) -> PlanChange? = { current in
                seen.withLock { $0.append(current) }
                var s = jobState("j", since: current?.since ?? at(-50))
                s.uncoveredYear = 2027
                s.eventCursor = 7
                return PlanChange(state: s, insert: first)
            }
            #expect(try await t.store.plan(job: "j", change) == PlanReport(inserted: 3, withdrawn: 0))
            #expect(try await t.store.plan(job: "j", change) == PlanReport(inserted: 0, withdrawn: 0), "the same keys again")
            let expected = JobState(job: "j", since: at(-50), fingerprint: "f1", plannedThrough: at(10_000), eventCursor: 7, uncoveredYear: 2027)
            #expect(seen.withLock { $0 } == [nil, expected])
            #expect(try await t.store.jobStates() == ["j": expected])

            let pending = try await t.store.pending(job: "j", limit: 10)
            #expect(pending.map(\.key) == [first[1].key, first[2].key, first[0].key], "soonest first")
            let p = try #require(pending.first)
            #expect(p == Occurrence(key: first[1].key, explanation: "j 于 100", payload: #"{"a":"1"}"#))
            #expect(pending[2].provisional == false && pending[1].provisional == false)
            #expect(try await t.store.plan(job: "j") { _ in nil } == PlanReport(inserted: 0, withdrawn: 0))
            #expect(try await t.store.jobStates() == ["j": expected], "nil changes nothing")
        }
    }

    @Test(arguments: Backend.available)
    func aKeyTwiceInOnePlanIsInsertedOnce(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            var again = planned("j", 100)
            again.explanation = "第二次"
            #expect(try await t.store.seed("j", [planned("j", 100), again, planned("j", 101)]) == PlanReport(inserted: 2, withdrawn: 0))
            #expect(try await t.store.pending(job: "j", limit: 10).map(\.explanation) == ["j 于 100", "j 于 101"])
        }
    }

    @Test(arguments: Backend.available)
    func aFailingPlanChangesNothing(_ backend: Backend) async throws {
        struct Refused: Error {}
        try await withStore(backend) { (t: TestStore) async throws in
            try await t.store.seed("j", [planned("j", 100)])
            await #expect(throws: Refused.self) {
                _ = try await t.store.plan(job: "j") { _ in throw Refused() }
            }
            #expect(try await t.store.pending(job: nil, limit: 10).count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func replanWithdrawsOnlyPendingScheduledRowsAfterTheInstantNotPlannedAgain(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            let a = planned("j", 100), b = planned("j", 200), c = planned("j", 300), d = planned("j", 400)
            try await s.seed("j", [a, b, c, d])
            try await s.seed("other", [planned("other", 400)])
            _ = try #require(try await s.claim(b.key, now: at(0), node: "n1", leaseUntil: at(60)))
            let manual = try await s.addManual(job: "j", at: at(350), actor: "张三", note: "")
            let e = planned("j", 500)
            let report = try await s.seed("j", [c, e], withdrawAfter: at(150))
            #expect(report == PlanReport(inserted: 1, withdrawn: 1))
            let gone = try #require(try await s.stored(d.key))
            #expect(gone.state == .cancelled)
            #expect(gone.reason == PlanChange.replanReason)
            #expect(gone.finishedAt == at(150))
            #expect(try await s.stored(a.key)?.state == .pending, "before the instant")
            #expect(try await s.stored(b.key)?.state == .running, "not pending")
            #expect(try await s.stored(manual)?.state == .pending, "manual")
            #expect(try await s.pending(job: nil, limit: 10).map(\.key) == [a.key, c.key, manual, planned("other", 400).key, e.key])
        }
    }

    @Test(arguments: Backend.available)
    func aWithdrawnRowComesBackWhenPlannedAgainButNotOneCancelledOtherwise(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            let a = planned("j", 100), b = planned("j", 200, subject: "absence:BB-1")
            try await s.seed("j", [a, b])
            #expect(try await s.seed("j", [], withdrawAfter: at(0)) == PlanReport(inserted: 0, withdrawn: 2))
            #expect(try await s.pending(job: "j", limit: 10).isEmpty)
            var revived = a
            revived.explanation = "新说明"
            revived.provisional = true
            #expect(try await s.seed("j", [revived]) == PlanReport(inserted: 1, withdrawn: 0))
            let back = try #require(try await s.stored(a.key))
            #expect(back == Occurrence(key: a.key, explanation: "新说明", provisional: true))

            // Cancelled for another reason (the event was settled): stays cancelled.
            #expect(try await s.seed("j", [b]) == PlanReport(inserted: 1, withdrawn: 0))
            #expect(try await s.cancel(subject: "absence:BB-1", reason: "已报备", at: at(10)) == 1)
            #expect(try await s.seed("j", [b]) == PlanReport(inserted: 0, withdrawn: 0))
            #expect(try await s.stored(b.key)?.state == .cancelled)
            #expect(try await s.stored(b.key)?.reason == "已报备")
        }
    }

    @Test(arguments: Backend.available)
    func planningKeepsThePauseAndHandsOnTheState(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            try await s.setPaused(job: "j", paused: true, note: "节假日停发", actor: "admin", at: at(-10))
            let seen = Mutex<JobState?>(nil)
            _ = try await s.plan(job: "j") { current in
                seen.withLock { $0 = current }
                // The planner says "not paused"; the stored pause wins.
                return PlanChange(state: jobState("j", since: current!.since), insert: [planned("j", 100)])
            }
            let before = try #require(seen.withLock { $0 })
            #expect(before == JobState(job: "j", since: at(-10), fingerprint: "", plannedThrough: at(-10), paused: true, pauseNote: "节假日停发"))
            let after = try #require(try await s.jobStates()["j"])
            #expect(after == JobState(job: "j", since: at(-10), fingerprint: "f1", plannedThrough: at(10_000), paused: true, pauseNote: "节假日停发"))
        }
    }

    @Test(arguments: Backend.available)
    func twoInstancesPlanningANewJobTakeTurns(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let other = try await t.reopen()
            let seen = Mutex<[Bool]>([])
            let change: @Sendable (JobState?) -> PlanChange? = { current in
                seen.withLock { $0.append(current == nil) }
                return PlanChange(state: jobState("new", since: current?.since ?? at(0)), insert: (0..<200).map { planned("new", Int64($0)) })
            }
            async let a = t.store.plan(job: "new", change)
            async let b = other.plan(job: "new", change)
            let reports = try await [a, b]
            #expect(seen.withLock { $0 }.filter { $0 }.count == 1, "exactly one saw a new job")
            #expect(reports.map(\.inserted).sorted() == [0, 200])
            await close(other)
        }
    }

    @Test(arguments: Backend.available)
    func aLargePlanGoesInWhole(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let rows = (0..<20_000).map { planned("big", Int64($0), subject: "absence:A-\($0 % 100)") }
            #expect(try await t.store.seed("big", rows) == PlanReport(inserted: 20_000, withdrawn: 0))
            let kept = Array(rows[0..<10_000])
            #expect(try await t.store.seed("big", kept, withdrawAfter: at(-1)) == PlanReport(inserted: 0, withdrawn: 10_000))
            #expect(try await t.store.pending(job: "big", limit: 30_000).count == 10_000)
        }
    }
}
