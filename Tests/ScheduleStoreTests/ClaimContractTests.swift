import Scheduling
import Testing
import WorkingDays

/// Claims, leases and fences, the same on every store.
@Suite struct ClaimContractTests {
    @Test(arguments: Backend.available)
    func onlyDueOccurrencesAreClaimedOldestFirstUpToTheLimit(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            try await s.seed("j", [planned("j", 300), planned("j", 100), planned("j", 200), planned("j", 400)])
            try await s.seed("k", [planned("k", 150)])
            let recorder = BatchRecorder()
            let claimed = try await s.claimDue(now: at(250), node: "n1", leaseUntil: at(310), limit: 3, decide: recorder.recording(runAll))
            #expect(claimed.map(\.key) == [planned("j", 100).key, planned("k", 150).key, planned("j", 200).key])
            #expect(recorder.all.map { $0.due.map(\.key) } == [claimed.map(\.key)])
            let first = try #require(claimed.first)
            #expect(first == Occurrence(key: planned("j", 100).key, state: .running, explanation: "j 于 100", attempts: 1, fence: 1,
                                        node: "n1", leaseUntil: at(310), startedAt: at(250)))
            #expect(try await s.stored(planned("j", 100).key) == first)
            #expect(try await s.claimAll(at(250)).isEmpty, "300 and 400 are not due yet")
            #expect(try await s.claimAll(at(300)).map(\.key) == [planned("j", 300).key])
        }
    }

    @Test(arguments: Backend.available)
    func nothingDueCallsNoDecision(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            try await t.store.seed("j", [planned("j", 100)])
            let recorder = BatchRecorder()
            #expect(try await t.store.claimDue(now: at(99), node: "n", leaseUntil: at(200), limit: 10, decide: recorder.recording(runAll)).isEmpty)
            #expect(recorder.all.isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func anEndedLeaseIsTakenOverAndTheOldFenceRefused(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            let key = planned("j", 100).key
            try await s.seed("j", [planned("j", 100)])
            let old = try #require(try await s.claimAll(at(100), node: "n1", lease: 60).first)
            #expect(try await s.claimAll(at(159), node: "n2").isEmpty, "lease still held")
            #expect(try await s.renew(key, fence: old.fence, until: at(170)))
            #expect(try await s.claimAll(at(169), node: "n2").isEmpty, "renewed")
            let taken = try #require(try await s.claimAll(at(170), node: "n2", lease: 60).first)
            #expect(taken.fence == old.fence + 1)
            #expect(taken.attempts == 2)
            #expect(taken.node == "n2")
            #expect(taken.leaseUntil == at(230))
            #expect(taken.startedAt == at(170))
            #expect(try await !s.renew(key, fence: old.fence, until: at(300)))
            #expect(try await !s.finish(key, fence: old.fence, state: .succeeded, outcome: "旧", reason: nil, at: at(171)))
            #expect(try await s.renew(key, fence: taken.fence, until: at(240)))
            #expect(try await s.finish(key, fence: taken.fence, state: .succeeded, outcome: "已发送 3 条", reason: nil, at: at(175)))
            #expect(try await !s.finish(key, fence: taken.fence, state: .failed, outcome: nil, reason: "again", at: at(176)), "finished")
            let done = try #require(try await s.stored(key))
            #expect(done == Occurrence(key: key, state: .succeeded, explanation: "j 于 100", attempts: 2, fence: 2, node: "n2",
                                       startedAt: at(170), finishedAt: at(175), outcome: "已发送 3 条"))
            #expect(try await s.claimAll(at(1_000)).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func closeAndHoldDecisionsAreApplied(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            let x = planned("j", 100), y = planned("j", 110), z = planned("j", 120)
            try await s.seed("j", [x, y, z])
            let claimed = try await s.claimDue(now: at(130), node: "n1", leaseUntil: at(190), limit: 10) { batch in
                [.close(x.key, .missed, reason: "服务未运行"), .hold(y.key, until: at(400)), .run(z.key)]
            }
            #expect(claimed.map(\.key) == [z.key])
            let missed = try #require(try await s.stored(x.key))
            #expect(missed.state == .missed)
            #expect(missed.reason == "服务未运行")
            #expect(missed.finishedAt == at(130))
            #expect(missed.leaseUntil == nil)
            let held = try #require(try await s.stored(y.key))
            #expect(held.state == .pending)
            #expect(try await s.pending(job: "j", limit: 10).map(\.key) == [y.key])
            #expect(try await s.nextWake() == at(190), "z's lease ends before y wakes")
            #expect(try await s.finish(z.key, fence: 1, state: .failed, outcome: nil, reason: "动作出错", at: at(140)))
            #expect(try await s.nextWake() == at(400))
            let recorder = BatchRecorder()
            #expect(try await s.claimDue(now: at(399), node: "n1", leaseUntil: at(500), limit: 10, decide: recorder.recording(runAll)).isEmpty)
            #expect(recorder.all.isEmpty, "held until 400")
            #expect(try await s.claimAll(at(400)).map(\.key) == [y.key])
            // A run whose lease ended may be closed too (given up).
            let given = try await s.claimDue(now: at(500), node: "n1", leaseUntil: at(600), limit: 10) { batch in
                batch.due.map { .close($0.key, .failed, reason: "放弃") }
            }
            #expect(given.isEmpty)
            let failed = try #require(try await s.stored(y.key))
            #expect(failed.state == .failed && failed.leaseUntil == nil && failed.node == "n1" && failed.finishedAt == at(500))
            #expect(try await s.nextWake() == nil)
        }
    }

    @Test(arguments: Backend.available)
    func decideSeesRunsInProgressAndPauses(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            try await s.seed("busy", [planned("busy", 0), planned("busy", 10), planned("busy", 20), planned("busy", 100)])
            try await s.seed("quiet", [planned("quiet", 90)])
            try await s.seed("off", [planned("off", 95)])
            try await s.setPaused(job: "off", paused: true, note: "暂停", actor: "admin", at: at(0))
            try await s.setPaused(job: "quiet", paused: true, note: "", actor: "admin", at: at(0))
            try await s.setPaused(job: "quiet", paused: false, note: "恢复", actor: "admin", at: at(1))
            // Two runs in progress (leases to 500 and 400) and one whose lease ended at 50.
            _ = try #require(try await s.claim(planned("busy", 0).key, now: at(0), node: "n1", leaseUntil: at(500)))
            _ = try #require(try await s.claim(planned("busy", 10).key, now: at(0), node: "n1", leaseUntil: at(400)))
            _ = try #require(try await s.claim(planned("busy", 20).key, now: at(0), node: "n1", leaseUntil: at(50)))
            let recorder = BatchRecorder()
            _ = try await s.claimDue(now: at(100), node: "n2", leaseUntil: at(200), limit: 10, decide: recorder.recording { _ in [] })
            let batch = try #require(recorder.all.first)
            #expect(batch.due.map(\.key) == [planned("busy", 20).key, planned("quiet", 90).key, planned("off", 95).key, planned("busy", 100).key])
            #expect(batch.due.map(\.state) == [.running, .pending, .pending, .pending])
            #expect(batch.running == ["busy": 2])
            #expect(batch.runningUntil == ["busy": at(400)])
            #expect(batch.paused == ["off": "暂停"])
            // No decision: everything stays as it was.
            #expect(try await s.pending(job: nil, limit: 10).count == 3)
        }
    }
}
