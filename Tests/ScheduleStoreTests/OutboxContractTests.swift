import Domain
import Foundation
import Scheduling
import Testing
import WorkingDays

/// What every `OutboxStore` does, on every available backend: idempotent enqueue, claims of
/// due messages only (oldest first, exactly once under concurrency), fences that refuse a
/// taken-over courier's result, crash take-over, retries, and the wake time.
@Suite struct OutboxContractTests {
    static let city = OfficeID("city")!

    /// A message due at `t0 + due`.
    static func message(_ key: String, due: Int64, channel: String = "email", recipient: String = "li@fgw.example.cn",
                        subject: String = "请及时报送外出报备", event: String? = nil) -> OutboxMessage {
        OutboxMessage(key: key, office: city, channel: channel, recipient: recipient, recipientName: channel == "email" ? "王芳（市发展改革委 信息员）" : nil,
                      subject: subject, body: "王芳同志：\n\n请于今天 17:30 前报送。\n.\n谢谢", scheduledAt: at(due), createdAt: at(due - 5),
                      eventSubject: event)
    }

    func outbox(_ t: TestStore) -> any OutboxStore { t.store as! any OutboxStore }

    func entry(_ s: any OutboxStore, _ key: String) async throws -> OutboxEntry? {
        try await s.outbox(states: nil, limit: 10_000).first { $0.message.key == key }
    }

    @Test(arguments: Backend.available)
    func enqueueingTheSameKeyTwiceStoresItOnce(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            let a = Self.message("k-a", due: 0, event: "absence:BB-2"), b = Self.message("k-b", due: 10, channel: "webhook:city-robot", recipient: "city-robot")
            #expect(try await s.enqueue([a, b]) == 2)
            var changed = a
            changed.subject = "改过的标题"
            #expect(try await s.enqueue([changed, b, Self.message("k-c", due: 20)]) == 1)
            #expect(try await s.enqueue([]) == 0)
            let all = try await s.outbox(states: nil, limit: 100)
            #expect(all.map(\.message.key) == ["k-c", "k-b", "k-a"])  // newest first
            let stored = try #require(all.first { $0.message.key == "k-a" })
            #expect(stored.message == a)  // the first version stays, every field back exactly
            #expect(stored.state == .pending && stored.attempts == 0 && stored.fence == 0)
            #expect(stored.nextAttemptAt == a.scheduledAt && stored.lastError == nil && stored.finishedAt == nil && stored.outcome == nil)
            #expect(all.first { $0.message.key == "k-b" }?.message == b)
        }
    }

    @Test(arguments: Backend.available)
    func aClaimTakesOnlyDueMessagesOldestFirst(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            try await s.enqueue([Self.message("k30", due: 30), Self.message("k10", due: 10), Self.message("k50", due: 50),
                                 Self.message("k20", due: 20), Self.message("k51", due: 51)])
            #expect(try await s.claimDeliveries(now: at(9), node: "n1", leaseUntil: at(69), limit: 10).isEmpty)
            let first = try await s.claimDeliveries(now: at(50), node: "n1", leaseUntil: at(110), limit: 3)
            #expect(first.map(\.message.key) == ["k10", "k20", "k30"])
            #expect(first.allSatisfy { $0.state == .sending && $0.attempts == 1 && $0.fence == 1 && $0.node == "n1" })
            // The limit left k50 (due exactly now); k51 is not due yet.
            let second = try await s.claimDeliveries(now: at(50), node: "n2", leaseUntil: at(110), limit: 10)
            #expect(second.map(\.message.key) == ["k50"])
            #expect(second.first?.node == "n2")
            #expect(try await s.claimDeliveries(now: at(50), node: "n3", leaseUntil: at(110), limit: 10).isEmpty)
            let stored = try #require(try await entry(s, "k10"))
            #expect(stored.state == .sending && stored.attempts == 1 && stored.fence == 1 && stored.node == "n1")
            #expect(try await entry(s, "k51")?.state == .pending)
        }
    }

    @Test(arguments: Backend.available)
    func aLargeClaimComesBackOldestFirst(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            // Stored in an order unrelated to when they are due; two taken-over leases among them.
            let dues = (0..<150).map { Int64(($0 * 53) % 150) }
            try await s.enqueue(dues.enumerated().map { Self.message("m-\($0.offset)", due: $0.element * 2) })
            let early = try await s.claimDeliveries(now: at(3), node: "crashed", leaseUntil: at(5), limit: 10)
            #expect(early.count == 2)  // due at 0 and 2, leases end at 5
            let claimed = try await s.claimDeliveries(now: at(1_000), node: "n1", leaseUntil: at(1_060), limit: 100)
            let due = Dictionary(uniqueKeysWithValues: dues.enumerated().map { ("m-\($0.offset)", $0.element * 2) })
            let order = claimed.map { due[$0.message.key]! == 0 || due[$0.message.key]! == 2 ? 5 : due[$0.message.key]! }
            #expect(claimed.count == 100)
            #expect(order == order.sorted(), "\(order)")
            #expect(Set(order) == Set((2..<100).map { Int64($0 * 2) } + [5]))
        }
    }

    /// 8 tasks claiming in small batches from 200 due messages, spread over `stores`.
    func claimConcurrently(_ stores: [any OutboxStore]) async throws -> [OutboxEntry] {
        try await withThrowingTaskGroup(of: [OutboxEntry].self) { group in
            for i in 0..<8 {
                let s = stores[i % stores.count]
                group.addTask {
                    var mine: [OutboxEntry] = []
                    while true {
                        let claimed = try await s.claimDeliveries(now: at(1_000), node: "n\(i)", leaseUntil: at(1_060), limit: 7)
                        if claimed.isEmpty { return mine }
                        mine += claimed
                    }
                }
            }
            var all: [OutboxEntry] = []
            for try await claimed in group { all += claimed }
            return all
        }
    }

    func expectClaimedOnce(_ claimed: [OutboxEntry], _ s: any OutboxStore) async throws {
        let keys = Set((0..<200).map { "m-\($0)" })
        #expect(claimed.count == 200)
        #expect(Set(claimed.map(\.message.key)) == keys)
        #expect(claimed.allSatisfy { $0.fence == 1 && $0.attempts == 1 && $0.state == .sending })
        #expect(try await s.outbox(states: [.pending], limit: 1_000).isEmpty)
        let stored = try await s.outbox(states: [.sending], limit: 1_000)
        #expect(stored.count == 200 && stored.allSatisfy { $0.fence == 1 })
        // Each stored row names the node that got it.
        let byKey = Dictionary(uniqueKeysWithValues: claimed.map { ($0.message.key, $0.node) })
        #expect(stored.allSatisfy { byKey[$0.message.key] == $0.node })
    }

    @Test(arguments: Backend.available)
    func eightConcurrentClaimersNeverGetTheSameMessage(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            try await s.enqueue((0..<200).map { Self.message("m-\($0)", due: Int64($0 % 37)) })
            try await expectClaimedOnce(try await claimConcurrently([s]), s)
        }
    }

    @Test(arguments: Backend.available)
    func twoInstancesOnOneDatabaseNeverClaimTheSameMessage(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            let other = try await t.reopen()  // SQLite: a second SQLiteStore on the same file
            try await s.enqueue((0..<200).map { Self.message("m-\($0)", due: Int64($0 % 37)) })
            try await expectClaimedOnce(try await claimConcurrently([s, other as! any OutboxStore]), s)
            await close(other)
        }
    }

    @Test(arguments: Backend.available)
    func aResultWithAStaleFenceIsRefusedAndChangesNothing(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            try await s.enqueue([Self.message("k", due: 0)])
            let mine = try #require(try await s.claimDeliveries(now: at(0), node: "dead-node", leaseUntil: at(60), limit: 1).first)
            // The lease ends; another courier takes the message over.
            let theirs = try #require(try await s.claimDeliveries(now: at(60), node: "n2", leaseUntil: at(120), limit: 1).first)
            #expect(theirs.fence == mine.fence + 1 && theirs.attempts == 2 && theirs.node == "n2")
            let before = try await entry(s, "k")
            for result: DeliveryResult in [.delivered("250 ok"), .retry(at: at(500), error: "421"), .dead("550"), .cancelled("settled")] {
                #expect(try await s.record(result, key: "k", fence: mine.fence, at: at(70)) == false)
            }
            #expect(try await entry(s, "k") == before)
            #expect(before?.state == .sending && before?.node == "n2")
            // The current holder records; recording again (no longer sending) is refused too.
            #expect(try await s.record(.delivered("250 2.0.0 Ok: queued"), key: "k", fence: theirs.fence, at: at(80)))
            let done = try #require(try await entry(s, "k"))
            #expect(done.state == .delivered && done.outcome == "250 2.0.0 Ok: queued" && done.finishedAt == at(80))
            #expect(try await s.record(.dead("late"), key: "k", fence: theirs.fence, at: at(90)) == false)
            #expect(try await entry(s, "k") == done)
            #expect(try await s.record(.delivered("?"), key: "no-such-key", fence: 1, at: at(90)) == false)
        }
    }

    @Test(arguments: Backend.available)
    func aSendingMessageIsClaimableAgainOnlyOnceItsLeaseEnded(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            try await s.enqueue([Self.message("k", due: 0)])
            #expect(try await s.claimDeliveries(now: at(0), node: "crashed", leaseUntil: at(60), limit: 5).count == 1)
            #expect(try await s.claimDeliveries(now: at(59), node: "n2", leaseUntil: at(119), limit: 5).isEmpty)
            let again = try await s.claimDeliveries(now: at(60), node: "n2", leaseUntil: at(120), limit: 5)
            #expect(again.map(\.message.key) == ["k"])
            #expect(again.first?.state == .sending && again.first?.attempts == 2 && again.first?.fence == 2 && again.first?.node == "n2")
        }
    }

    @Test(arguments: Backend.available)
    func aRetryResultMakesItPendingAgainAndKeepsTheError(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            try await s.enqueue([Self.message("k", due: 0)])
            let first = try #require(try await s.claimDeliveries(now: at(0), node: "n1", leaseUntil: at(60), limit: 1).first)
            #expect(try await s.record(.retry(at: at(300), error: "421 4.3.2 busy"), key: "k", fence: first.fence, at: at(5)))
            let waiting = try #require(try await entry(s, "k"))
            #expect(waiting.state == .pending && waiting.nextAttemptAt == at(300) && waiting.lastError == "421 4.3.2 busy")
            #expect(waiting.finishedAt == nil && waiting.outcome == nil && waiting.attempts == 1)
            #expect(try await s.claimDeliveries(now: at(299), node: "n1", leaseUntil: at(359), limit: 1).isEmpty)
            let second = try #require(try await s.claimDeliveries(now: at(300), node: "n1", leaseUntil: at(360), limit: 1).first)
            #expect(second.attempts == 2 && second.fence == 2 && second.lastError == "421 4.3.2 busy")
            #expect(try await s.record(.delivered("250 ok"), key: "k", fence: second.fence, at: at(301)))
            let done = try #require(try await entry(s, "k"))
            #expect(done.state == .delivered && done.lastError == "421 4.3.2 busy" && done.outcome == "250 ok")
        }
    }

    @Test(arguments: Backend.available)
    func aDeadOrCancelledMessageCanBePutBack(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            try await s.enqueue([Self.message("dead", due: 0), Self.message("cancelled", due: 0), Self.message("delivered", due: 0)])
            let claimed = try await s.claimDeliveries(now: at(0), node: "n1", leaseUntil: at(60), limit: 3)
            let fence = Dictionary(uniqueKeysWithValues: claimed.map { ($0.message.key, $0.fence) })
            #expect(try await s.record(.dead("550 5.1.1 no such user"), key: "dead", fence: fence["dead"]!, at: at(3)))
            #expect(try await s.record(.cancelled("事件已办结"), key: "cancelled", fence: fence["cancelled"]!, at: at(3)))
            #expect(try await s.record(.delivered("250 ok"), key: "delivered", fence: fence["delivered"]!, at: at(3)))
            let dead = try #require(try await entry(s, "dead"))
            #expect(dead.state == .dead && dead.lastError == "550 5.1.1 no such user" && dead.finishedAt == at(3))
            #expect(try await entry(s, "cancelled")?.outcome == "事件已办结")

            #expect(try await s.retry(key: "dead", at: at(1_000)))
            let back = try #require(try await entry(s, "dead"))
            #expect(back.state == .pending && back.nextAttemptAt == at(1_000) && back.finishedAt == nil)
            #expect(back.retryFrom == at(1_000))  // the give-up window starts again
            #expect(back.lastError == "550 5.1.1 no such user")
            #expect(try await s.retry(key: "dead", at: at(2_000)) == false)  // pending now
            #expect(try await s.retry(key: "cancelled", at: at(1_000)))
            #expect(try await s.retry(key: "delivered", at: at(1_000)) == false)
            #expect(try await s.retry(key: "no-such-key", at: at(1_000)) == false)
            #expect(try await entry(s, "delivered")?.state == .delivered)
            let again = try await s.claimDeliveries(now: at(1_000), node: "n1", leaseUntil: at(1_060), limit: 5)
            #expect(Set(again.map(\.message.key)) == ["dead", "cancelled"])
            #expect(again.allSatisfy { $0.attempts == 2 && $0.fence == 2 })
        }
    }

    @Test(arguments: Backend.available)
    func theNextWakeIsTheEarliestPendingAttemptOrLeaseEnd(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            #expect(try await s.nextDeliveryWake() == nil)
            try await s.enqueue([Self.message("k500", due: 500), Self.message("k200", due: 200)])
            #expect(try await s.nextDeliveryWake() == at(200))
            // k200 is sending until 260: the lease end comes before k500's attempt.
            let a = try #require(try await s.claimDeliveries(now: at(200), node: "n1", leaseUntil: at(260), limit: 5).first)
            #expect(try await s.nextDeliveryWake() == at(260))
            // Retried at 900: now k500 is first.
            #expect(try await s.record(.retry(at: at(900), error: "busy"), key: "k200", fence: a.fence, at: at(201)))
            #expect(try await s.nextDeliveryWake() == at(500))
            // A lease longer than every pending attempt does not hide them.
            let b = try #require(try await s.claimDeliveries(now: at(500), node: "n1", leaseUntil: at(2_000), limit: 1).first)
            #expect(b.message.key == "k500")
            #expect(try await s.nextDeliveryWake() == at(900))
            // Finished messages need no attention.
            #expect(try await s.record(.delivered("ok"), key: "k500", fence: b.fence, at: at(501)))
            let c = try #require(try await s.claimDeliveries(now: at(900), node: "n1", leaseUntil: at(960), limit: 1).first)
            #expect(try await s.record(.dead("550"), key: "k200", fence: c.fence, at: at(901)))
            #expect(try await s.nextDeliveryWake() == nil)
        }
    }

    @Test(arguments: Backend.available)
    func theOutboxListFiltersByState(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let s = outbox(t)
            let keys = ["pending", "sending", "delivered", "dead", "cancelled"]
            try await s.enqueue(keys.enumerated().map { Self.message($1, due: $0 == 0 ? 100 : 0) })
            let claimed = try await s.claimDeliveries(now: at(0), node: "n1", leaseUntil: at(60), limit: 10)
            let fence = Dictionary(uniqueKeysWithValues: claimed.map { ($0.message.key, $0.fence) })
            #expect(try await s.record(.delivered("ok"), key: "delivered", fence: fence["delivered"]!, at: at(1)))
            #expect(try await s.record(.dead("550"), key: "dead", fence: fence["dead"]!, at: at(1)))
            #expect(try await s.record(.cancelled("settled"), key: "cancelled", fence: fence["cancelled"]!, at: at(1)))
            for state in DeliveryState.allCases {
                let listed = try await s.outbox(states: [state], limit: 100)
                #expect(listed.map(\.message.key) == [state.rawValue])
                #expect(listed.allSatisfy { $0.state == state })
            }
            #expect(try await s.outbox(states: [.pending, .dead], limit: 100).map(\.message.key) == ["dead", "pending"])
            #expect(try await s.outbox(states: nil, limit: 100).map(\.message.key) == keys.reversed())
            #expect(try await s.outbox(states: nil, limit: 2).map(\.message.key) == ["cancelled", "dead"])
            #expect(try await s.outbox(states: [], limit: 100).isEmpty)
        }
    }
}
