import Scheduling
import Testing
import WorkingDays

/// Manual runs, pauses, retirements, cancellations and the read side, the same on every store.
@Suite struct JobContractTests {
    @Test(arguments: Backend.available)
    func manualRunsAreNumberedClaimedOnceAndLogged(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            let first = try await s.addManual(job: "j", at: at(10), actor: "张三", note: "补发通知")
            let second = try await s.addManual(job: "j", at: at(10), actor: "李四", note: "")
            #expect(first == OccurrenceKey(job: "j", subject: "manual:1", scheduledAt: at(10)))
            #expect(second == OccurrenceKey(job: "j", subject: "manual:2", scheduledAt: at(10)))
            #expect(try await s.jobStates()["j"] == JobState(job: "j", since: at(10), fingerprint: "", plannedThrough: at(10)))
            let pending = try await s.pending(job: "j", limit: 10)
            #expect(pending.map(\.explanation) == ["手动执行（张三）：补发通知", "手动执行（李四）"])
            #expect(pending.allSatisfy { $0.origin == .manual })
            let claimed = try #require(try await s.claim(first, now: at(11), node: "n1", leaseUntil: at(71)))
            #expect(claimed == Occurrence(key: first, origin: .manual, state: .running, explanation: "手动执行（张三）：补发通知", attempts: 1,
                                          fence: 1, node: "n1", leaseUntil: at(71), startedAt: at(11)))
            #expect(try await s.claim(first, now: at(12), node: "n2", leaseUntil: at(72)) == nil)
            #expect(try await s.claim(OccurrenceKey(job: "j", subject: "manual:9", scheduledAt: at(10)), now: at(12), node: "n2",
                                      leaseUntil: at(72)) == nil)
            #expect(try await s.log(job: "j", limit: 10) == [
                JobLogEntry(at: at(10), action: "manual", actor: "李四", note: ""),
                JobLogEntry(at: at(10), action: "manual", actor: "张三", note: "补发通知"),
            ])
            #expect(try await s.log(job: "j", limit: 1).count == 1)
            #expect(try await s.log(job: "other", limit: 10).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func pauseAndResumeAreStoredAndLogged(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            try await s.seed("j", [planned("j", 100)])
            try await s.setPaused(job: "j", paused: true, note: "春节期间暂停", actor: "admin", at: at(1))
            var state = try #require(try await s.jobStates()["j"])
            #expect(state.paused && state.pauseNote == "春节期间暂停")
            #expect(state.since == t0, "an existing job keeps its state")
            try await s.setPaused(job: "j", paused: false, note: "节后恢复", actor: "admin2", at: at(2))
            state = try #require(try await s.jobStates()["j"])
            #expect(!state.paused && state.pauseNote == nil)
            #expect(try await s.log(job: "j", limit: 10) == [
                JobLogEntry(at: at(2), action: "resume", actor: "admin2", note: "节后恢复"),
                JobLogEntry(at: at(1), action: "pause", actor: "admin", note: "春节期间暂停"),
            ])
        }
    }

    @Test(arguments: Backend.available)
    func retiringWithdrawsThePendingRunsOfRemovedJobs(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            try await s.seed("kept", [planned("kept", 100)])
            try await s.seed("gone", [planned("gone", 100), planned("gone", 200), planned("gone", 300)])
            try await s.seed("gone2", [planned("gone2", 100)])
            _ = try #require(try await s.claim(planned("gone", 100).key, now: at(100), node: "n1", leaseUntil: at(160)))
            #expect(try await s.retire(keeping: ["kept"], at: at(150)) == 3)
            let states = try await s.jobStates()
            #expect(states["gone"]?.fingerprint == JobState.retired)
            #expect(states["gone2"]?.fingerprint == JobState.retired)
            #expect(states["kept"]?.fingerprint == "f1")
            let withdrawn = try #require(try await s.stored(planned("gone", 200).key))
            #expect(withdrawn.state == .cancelled && withdrawn.reason == "任务已从日程文件中删除" && withdrawn.finishedAt == at(150))
            #expect(try await s.stored(planned("gone", 100).key)?.state == .running, "a run in progress goes on")
            #expect(try await s.pending(job: nil, limit: 10).map(\.key) == [planned("kept", 100).key])
            #expect(try await s.retire(keeping: ["kept"], at: at(160)) == 0)
            #expect(try await s.retire(keeping: [], at: at(170)) == 1)
        }
    }

    @Test(arguments: Backend.available)
    func cancellingASubjectWithdrawsItsPendingRunsInEveryJob(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            try await s.seed("remind", [planned("remind", 100, subject: "absence:BB-1"), planned("remind", 200, subject: "absence:BB-1"),
                                        planned("remind", 100, subject: "absence:BB-2")])
            try await s.seed("escalate", [planned("escalate", 300, subject: "absence:BB-1")])
            _ = try #require(try await s.claim(planned("remind", 100, subject: "absence:BB-1").key, now: at(100), node: "n", leaseUntil: at(160)))
            #expect(try await s.cancel(subject: "absence:BB-1", reason: "已报备", at: at(120)) == 2)
            #expect(try await s.cancel(subject: "absence:BB-1", reason: "已报备", at: at(121)) == 0)
            #expect(try await s.cancel(subject: "absence:none", reason: "x", at: at(121)) == 0)
            let cancelled = try #require(try await s.stored(planned("escalate", 300, subject: "absence:BB-1").key))
            #expect(cancelled.state == .cancelled && cancelled.reason == "已报备" && cancelled.finishedAt == at(120))
            #expect(try await s.pending(job: nil, limit: 10).map(\.key.subject) == ["absence:BB-2"])
        }
    }

    @Test(arguments: Backend.available)
    func nextWakeIsTheEarliestPendingWakeOrLeaseEnd(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            #expect(try await s.nextWake() == nil)
            try await s.seed("j", [planned("j", 300), planned("j", 100)])
            #expect(try await s.nextWake() == at(100))
            _ = try await s.claimAll(at(100), lease: 100)
            #expect(try await s.nextWake() == at(200), "the lease ends before the next wake")
            _ = try await s.claimDue(now: at(200), node: "n", leaseUntil: at(900), limit: 10) { batch in batch.due.map { .hold($0.key, until: at(999)) } }
            #expect(try await s.nextWake() == at(200), "hold leaves a running row running")
            #expect(try await s.finish(planned("j", 100).key, fence: 1, state: .succeeded, outcome: nil, reason: nil, at: at(250)))
            #expect(try await s.nextWake() == at(300))
        }
    }

    @Test(arguments: Backend.available)
    func historyAndPendingOrderAndFilter(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            try await s.seed("a", [planned("a", 100), planned("a", 200), planned("a", 300), planned("a", 400)])
            try await s.seed("b", [planned("b", 200), planned("b", 250)])
            _ = try await s.claimDue(now: at(250), node: "n", leaseUntil: at(300), limit: 10) { batch in
                [.run(planned("a", 100).key), .close(planned("a", 200).key, .missed, reason: "迟了"), .hold(planned("b", 200).key, until: at(500))]
            }
            let all = try await s.history(job: nil, through: at(300), limit: 10)
            #expect(all.map(\.key) == [planned("a", 300).key, planned("b", 250).key, planned("b", 200).key, planned("a", 200).key,
                                       planned("a", 100).key], "newest first, nothing pending after 300")
            #expect(try await s.history(job: "a", through: at(250), limit: 10).map(\.key) == [planned("a", 200).key, planned("a", 100).key])
            #expect(try await s.history(job: "a", through: at(0), limit: 10).map(\.key) == [planned("a", 200).key, planned("a", 100).key],
                    "finished and running ones whatever the time")
            #expect(try await s.history(job: nil, through: at(1_000), limit: 2).map(\.key) == [planned("a", 400).key, planned("a", 300).key])
            #expect(try await s.pending(job: nil, limit: 10).map(\.key) == [planned("b", 250).key, planned("a", 300).key, planned("a", 400).key,
                                                                           planned("b", 200).key], "by wake time: b@200 is held to 500")
            #expect(try await s.pending(job: "b", limit: 10).map(\.key) == [planned("b", 250).key, planned("b", 200).key])
            #expect(try await s.pending(job: "a", limit: 1).map(\.key) == [planned("a", 300).key])
            #expect(try await s.pending(job: "none", limit: 10).isEmpty)
        }
    }
}
