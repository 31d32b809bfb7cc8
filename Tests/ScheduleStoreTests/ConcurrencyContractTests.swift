import Foundation
import Scheduling
import Testing
import WorkingDays

/// Exactly once under concurrency: many claims at once, from one store or two instances on
/// the same database, never claim an occurrence twice.
@Suite struct ConcurrencyContractTests {
    /// 500 due occurrences over 10 jobs.
    func seedFiveHundred(_ s: any ScheduleStore) async throws -> Set<OccurrenceKey> {
        var keys: Set<OccurrenceKey> = []
        for j in 0..<10 {
            let rows = (0..<50).map { planned("job-\(j)", Int64($0 * 7 + j)) }
            try await s.seed("job-\(j)", rows)
            keys.formUnion(rows.map(\.key))
        }
        return keys
    }

    /// 20 tasks claiming at once (in batches of `limit`), spread over `stores`, until
    /// nothing is pending; every claim they made.
    func claimConcurrently(_ stores: [any ScheduleStore], limit: Int) async throws -> [Occurrence] {
        try await withThrowingTaskGroup(of: [Occurrence].self) { group in
            for i in 0..<20 {
                let s = stores[i % stores.count]
                group.addTask {
                    var mine: [Occurrence] = []
                    while true {
                        let claimed = try await s.claimAll(at(1_000), node: "n\(i)", limit: limit)
                        mine += claimed
                        if claimed.isEmpty, try await s.pending(job: nil, limit: 1).isEmpty { return mine }
                    }
                }
            }
            var all: [Occurrence] = []
            for try await claimed in group { all += claimed }
            return all
        }
    }

    func expectClaimedOnce(_ claimed: [Occurrence], _ keys: Set<OccurrenceKey>, _ s: any ScheduleStore) async throws {
        #expect(claimed.count == keys.count)
        #expect(Set(claimed.map(\.key)) == keys)
        #expect(claimed.allSatisfy { $0.fence == 1 && $0.attempts == 1 && $0.state == .running })
        let stored = try await s.history(job: nil, through: at(10_000), limit: 1_000)
        #expect(stored.count == keys.count)
        #expect(stored.allSatisfy { $0.fence == 1 && $0.state == .running })
    }

    @Test(arguments: Backend.available)
    func twentyClaimsAtOnceClaimEachOccurrenceOnce(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let keys = try await seedFiveHundred(t.store)
            let claimed = try await claimConcurrently([t.store], limit: 30)
            try await expectClaimedOnce(claimed, keys, t.store)
        }
    }

    @Test(arguments: Backend.available)
    func twoInstancesClaimEachOccurrenceOnce(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let other = try await t.reopen()
            let keys = try await seedFiveHundred(t.store)
            let claimed = try await claimConcurrently([t.store, other], limit: 30)
            try await expectClaimedOnce(claimed, keys, t.store)
            await close(other)
        }
    }

    @Test(arguments: Backend.available)
    func claimsAtOnceSeeEachOthersRuns(_ backend: Backend) async throws {
        // One run at a time per job: whoever claims second must see the first claim's run
        // (small batches, so that claims overlap on jobs rather than lock every row at once).
        try await withStore(backend) { (t: TestStore) async throws in
            let other = try await t.reopen()
            for j in 0..<5 { try await t.store.seed("job-\(j)", (0..<20).map { planned("job-\(j)", Int64($0)) }) }
            let oneAtATime: @Sendable (DueBatch) -> [DueDecision] = { batch in
                usleep(20_000)  // decide slowly, so that the claims overlap
                var out: [DueDecision] = []
                var busy = Set(batch.running.keys)
                for o in batch.due where busy.insert(o.key.job).inserted { out.append(.run(o.key)) }
                return out
            }
            let claimed = try await withThrowingTaskGroup(of: [Occurrence].self) { group in
                for i in 0..<10 {
                    let s = i % 2 == 0 ? t.store : other
                    group.addTask { try await s.claimDue(now: at(100), node: "n\(i)", leaseUntil: at(200), limit: 2, decide: oneAtATime) }
                }
                var all: [Occurrence] = []
                for try await c in group { all += c }
                return all
            }
            // Which jobs get their run this time depends on who waited for whom; never two of one job.
            #expect(!claimed.isEmpty)
            #expect(Set(claimed.map(\.key.job)).count == claimed.count)
            let running = try await t.store.history(job: nil, through: at(1_000), limit: 200).filter { $0.state == .running }
            let runningKeys: Set<OccurrenceKey> = Set(running.map(\.key))
            let claimedKeys: Set<OccurrenceKey> = Set(claimed.map(\.key))
            #expect(runningKeys == claimedKeys)
            await close(other)
        }
    }

    @Test(arguments: Backend.available)
    func manualRunsAtOnceGetDistinctSubjectsAndOneClaimEach(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let other = try await t.reopen()
            let keys = try await withThrowingTaskGroup(of: OccurrenceKey.self) { group in
                for i in 0..<10 {
                    let s = i % 2 == 0 ? t.store : other
                    group.addTask { try await s.addManual(job: "j", at: at(0), actor: "用户\(i)", note: "") }
                }
                var all: [OccurrenceKey] = []
                for try await k in group { all.append(k) }
                return all
            }
            #expect(Set(keys.map(\.subject)) == Set((1...10).map { "manual:\($0)" }))
            let key = try #require(keys.first)
            let claims = try await withThrowingTaskGroup(of: Occurrence?.self) { group in
                for i in 0..<6 {
                    let s = i % 2 == 0 ? t.store : other
                    group.addTask { try await s.claim(key, now: at(1), node: "n\(i)", leaseUntil: at(61)) }
                }
                var all: [Occurrence?] = []
                for try await c in group { all.append(c) }
                return all
            }
            #expect(claims.compactMap { $0 }.count == 1)
            await close(other)
        }
    }
}

/// Everything at once — planning, claiming, finishing, cancelling, pausing, manual runs,
/// retiring — from two instances: nothing fails (no deadlock), nothing is claimed twice.
@Suite struct MixedConcurrencyContractTests {
    @Test(arguments: Backend.available)
    func everythingAtOnceNeitherFailsNorClaimsTwice(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let other = try await t.reopen()
            let stores = [t.store, other]
            let jobs = (0..<5).map { "job-\($0)" }
            func rows(_ job: String, shift: Int64) -> [Occurrence] {
                (0..<40).map { planned(job, Int64($0) * 10 + shift, subject: "absence:A-\($0 % 10)") }
            }
            for job in jobs { try await t.store.seed(job, rows(job, shift: 0)) }
            try await t.store.seed("gone", rows("gone", shift: 0))
            let claimed = try await withThrowingTaskGroup(of: [OccurrenceKey].self) { group in
                for (n, s) in stores.enumerated() {
                    group.addTask {  // re-plans, alternating between two plans
                        for i in 0..<15 {
                            for job in jobs { try await s.seed(job, rows(job, shift: Int64((i + n) % 2) * 5), withdrawAfter: at(100)) }
                        }
                        return []
                    }
                    group.addTask {  // claims and finishes
                        var mine: [OccurrenceKey] = []
                        for i in 0..<15 {
                            let now = at(Int64(i) * 30)
                            for o in try await s.claimAll(now, node: "n\(n)", lease: 600, limit: 50) {
                                mine.append(o.key)
                                _ = try await s.finish(o.key, fence: o.fence, state: .succeeded, outcome: nil, reason: nil, at: now)
                            }
                        }
                        return mine
                    }
                    group.addTask {  // cancels, pauses, manual runs, retires
                        var mine: [OccurrenceKey] = []
                        for i in 0..<15 {
                            _ = try await s.cancel(subject: "absence:A-\((i * 3 + n) % 10)", reason: "已办结", at: at(Int64(i)))
                            try await s.setPaused(job: jobs[i % 5], paused: i % 2 == 0, note: "", actor: "a\(n)", at: at(Int64(i)))
                            let key = try await s.addManual(job: jobs[(i + n) % 5], at: at(Int64(i)), actor: "a\(n)", note: "")
                            if let o = try await s.claim(key, now: at(Int64(i)), node: "m\(n)", leaseUntil: at(600)) { mine.append(o.key) }
                            _ = try await s.retire(keeping: Set(jobs), at: at(Int64(i)))
                        }
                        return mine
                    }
                }
                var all: [OccurrenceKey] = []
                for try await keys in group { all += keys }
                return all
            }
            #expect(!claimed.isEmpty)
            #expect(Set(claimed).count == claimed.count, "claimed twice")
            #expect(try await t.store.jobStates()["gone"]?.fingerprint == JobState.retired)
            await close(other)
        }
    }
}
