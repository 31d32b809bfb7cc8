import Domain
import Foundation
import Scheduling
import SQLiteStore
import Synchronization
import Testing
import WorkingDays

/// A channel that answers by script and counts what it was asked to send.
final class FakeChannel: DeliveryChannel {
    /// How the `n`th attempt (from 1) of a key ends: nil delivers, a failure throws.
    typealias Script = @Sendable (_ key: String, _ attempt: Int) -> DeliveryFailure?

    private let script: Script
    private let delay: Duration
    private let calls = Mutex<[String: Int]>([:])
    private let deliveries = Mutex<[String: Int]>([:])

    init(delay: Duration = .zero, _ script: @escaping Script = { _, _ in nil }) {
        self.script = script
        self.delay = delay
    }

    /// Send attempts per key.
    var attempts: [String: Int] { calls.withLock { $0 } }
    /// Accepted sends per key.
    var delivered: [String: Int] { deliveries.withLock { $0 } }

    func send(_ message: OutboxMessage, now: Instant) async throws(DeliveryFailure) -> String {
        let n = calls.withLock { c in
            c[message.key, default: 0] += 1
            return c[message.key]!
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
        if let failure = script(message.key, n) { throw failure }
        deliveries.withLock { $0[message.key, default: 0] += 1 }
        return "250 2.0.0 Ok: queued as \(n)"
    }
}

/// Settled events by subject (`absence:BB-1`); remembers what it was asked.
final class FakeEvents: EventSource {
    struct Unavailable: Error {}

    let settled: Set<String>
    /// Subjects whose check throws (the record's database is unreachable).
    let failing: Set<String>
    private let asked = Mutex<[String]>([])

    init(settled: Set<String>, failing: Set<String> = []) {
        self.settled = settled
        self.failing = failing
    }

    var questions: [String] { asked.withLock { $0 } }

    func events(_ kind: DeadlineEvent.Kind, after cursor: Int64, limit: Int) async throws -> (events: [RecordedEvent], cursor: Int64) {
        ([], cursor)
    }

    func isSettled(_ kind: DeadlineEvent.Kind, id: String) async throws -> Bool {
        let subject = "\(kind.rawValue):\(id)"
        asked.withLock { $0.append(subject) }
        if failing.contains(subject) { throw Unavailable() }
        return settled.contains(subject)
    }
}

/// The courier over SQLite, with fake channels and a clock moved by hand.
@Suite struct CourierTests {
    static let t0 = Fixtures.t("2026-06-01T09:00:00")
    static func at(_ offset: Int64) -> Instant { t0.adding(seconds: offset) }

    static func message(_ key: String, due: Int64 = 0, channel: String = "email", event: String? = nil) -> OutboxMessage {
        OutboxMessage(key: key, office: .city, channel: channel, recipient: channel == "email" ? "li@fgw.example.cn" : "robot",
                      recipientName: nil, subject: "请及时报送", body: "正文", scheduledAt: at(due), createdAt: at(due), eventSubject: event)
    }

    static func courier(_ store: SQLiteStore, _ channels: [String: any DeliveryChannel], clock: TestClock, events: (any EventSource)? = nil,
                        node: String = "n1", retry: RetryPolicy = RetryPolicy(first: 60, longest: 240, giveUpAfter: 3600),
                        batch: Int = 32) -> Courier {
        Courier(store: store, channels: channels, events: events, clock: clock,
                configuration: Courier.Configuration(node: node, lease: 120, batch: batch, parallel: 4, retry: retry))
    }

    static func entry(_ store: SQLiteStore, _ key: String) async throws -> OutboxEntry {
        try #require(try await store.outbox(states: nil, limit: 10_000).first { $0.message.key == key })
    }

    @Test func aMessageIsDeliveredOnce() async throws {
        let store = try await Fixtures.store()
        let clock = TestClock(Self.at(0))
        let email = FakeChannel()
        let courier = Self.courier(store, ["email": email], clock: clock)
        try await store.enqueue([Self.message("k")])
        #expect(try await courier.deliverDue() == 1)
        clock.set(Self.at(10_000))
        #expect(try await courier.deliverDue() == 0)
        #expect(email.attempts == ["k": 1] && email.delivered == ["k": 1])
        let e = try await Self.entry(store, "k")
        #expect(e.state == .delivered && e.attempts == 1 && e.outcome == "250 2.0.0 Ok: queued as 1" && e.finishedAt == Self.at(0))
        #expect(try await store.nextDeliveryWake() == nil)
    }

    @Test func aMessageNotDueYetIsNotSent() async throws {
        let store = try await Fixtures.store()
        let clock = TestClock(Self.at(0))
        let email = FakeChannel()
        let courier = Self.courier(store, ["email": email], clock: clock)
        try await store.enqueue([Self.message("later", due: 300)])
        #expect(try await courier.deliverDue() == 0)
        #expect(email.attempts.isEmpty)
        clock.set(Self.at(300))
        #expect(try await courier.deliverDue() == 1)
        #expect(email.delivered == ["later": 1])
    }

    @Test func aTransientFailureIsRetriedAtThePolicysTimesThenDeliveredOnce() async throws {
        let store = try await Fixtures.store()
        let clock = TestClock(Self.at(0))
        // Four failures, then success: waits of 60, 120, 240 (= longest) and 240 again.
        let email = FakeChannel { _, n in n <= 4 ? DeliveryFailure(transient: true, "421 4.3.2 try again (\(n))") : nil }
        let courier = Self.courier(store, ["email": email], clock: clock)
        try await store.enqueue([Self.message("k")])
        var attemptTimes: [Int64] = []
        var t: Int64 = 0
        for _ in 0..<5 {
            clock.set(Self.at(t))
            #expect(try await courier.deliverDue() == 1)
            attemptTimes.append(t)
            let e = try await Self.entry(store, "k")
            if e.state == .delivered { break }
            #expect(e.state == .pending && e.lastError == "421 4.3.2 try again (\(e.attempts))")
            let next = e.nextAttemptAt.seconds - Self.t0.seconds
            // Not a second earlier.
            clock.set(Self.at(next - 1))
            #expect(try await courier.deliverDue() == 0)
            #expect(try await store.nextDeliveryWake() == e.nextAttemptAt)
            t = next
        }
        #expect(attemptTimes == [0, 60, 180, 420, 660])
        let e = try await Self.entry(store, "k")
        #expect(e.state == .delivered && e.attempts == 5 && e.finishedAt == Self.at(660))
        #expect(email.attempts == ["k": 5] && email.delivered == ["k": 1])
        clock.set(Self.at(100_000))
        #expect(try await courier.deliverDue() == 0)
    }

    @Test func aPermanentFailureIsDeadWithItsReasonAndNotRetried() async throws {
        let store = try await Fixtures.store()
        let clock = TestClock(Self.at(0))
        let email = FakeChannel { _, _ in DeliveryFailure(transient: false, "550 5.1.1 <li@fgw.example.cn>: Recipient address rejected") }
        let courier = Self.courier(store, ["email": email], clock: clock)
        try await store.enqueue([Self.message("k")])
        #expect(try await courier.deliverDue() == 1)
        let e = try await Self.entry(store, "k")
        #expect(e.state == .dead && e.lastError == "550 5.1.1 <li@fgw.example.cn>: Recipient address rejected" && e.finishedAt == Self.at(0))
        clock.set(Self.at(100_000))
        #expect(try await courier.deliverDue() == 0)
        #expect(email.attempts == ["k": 1] && email.delivered.isEmpty)
    }

    @Test func aMessageFailingPastGiveUpAfterIsDead() async throws {
        let store = try await Fixtures.store()
        let clock = TestClock(Self.at(0))
        let email = FakeChannel { _, _ in DeliveryFailure(transient: true, "connection refused") }
        let courier = Self.courier(store, ["email": email], clock: clock, retry: RetryPolicy(first: 60, longest: 60, giveUpAfter: 150))
        try await store.enqueue([Self.message("k")])
        for t: Int64 in [0, 60] {
            clock.set(Self.at(t))
            #expect(try await courier.deliverDue() == 1)
            #expect(try await Self.entry(store, "k").state == .pending)
        }
        // Failing at 120, the next attempt (180) would be more than 150 s after it was due.
        clock.set(Self.at(120))
        #expect(try await courier.deliverDue() == 1)
        let e = try await Self.entry(store, "k")
        #expect(e.state == .dead && e.attempts == 3 && e.finishedAt == Self.at(120))
        #expect(e.lastError?.contains("connection refused") == true)
        clock.set(Self.at(100_000))
        #expect(try await courier.deliverDue() == 0)
        #expect(email.attempts == ["k": 3])
        // Put back by an admin a day later, it gets a whole give-up window again: failing at
        // once, it is retried (not dead at its first failure), then dead 150 s later.
        #expect(try await store.retry(key: "k", at: Self.at(100_000)))
        #expect(try await courier.deliverDue() == 1)
        #expect(try await Self.entry(store, "k").state == .pending)
        for t: Int64 in [100_060, 100_120] {
            clock.set(Self.at(t))
            #expect(try await courier.deliverDue() == 1)
        }
        #expect(try await Self.entry(store, "k").state == .dead)
        #expect(email.attempts == ["k": 6])
    }

    @Test func aMessageWhoseEventIsSettledIsCancelledAndNeverSent() async throws {
        let store = try await Fixtures.store()
        let clock = TestClock(Self.at(0))
        let email = FakeChannel()
        let events = FakeEvents(settled: ["absence:BB-1"])
        let courier = Self.courier(store, ["email": email], clock: clock, events: events)
        try await store.enqueue([Self.message("settled", event: "absence:BB-1"), Self.message("open", event: "absence:BB-2"),
                                 Self.message("no-event")])
        #expect(try await courier.deliverDue() == 3)
        let cancelled = try await Self.entry(store, "settled")
        #expect(cancelled.state == .cancelled && cancelled.outcome?.isEmpty == false && cancelled.finishedAt == Self.at(0))
        #expect(try await Self.entry(store, "open").state == .delivered)
        #expect(try await Self.entry(store, "no-event").state == .delivered)
        #expect(email.attempts == ["open": 1, "no-event": 1])
        #expect(Set(events.questions) == ["absence:BB-1", "absence:BB-2"])
    }

    @Test func aFailedSettledCheckRetriesThatMessageAndHoldsUpNoOther() async throws {
        let store = try await Fixtures.store()
        let clock = TestClock(Self.at(0))
        let email = FakeChannel()
        let events = FakeEvents(settled: [], failing: ["absence:BB-99"])
        let courier = Self.courier(store, ["email": email], clock: clock, events: events)
        try await store.enqueue([Self.message("unsure", event: "absence:BB-99")] + (0..<10).map { Self.message("m-\($0)", event: "absence:BB-\($0)") })
        #expect(try await courier.deliverDue() == 11)
        let unsure = try await Self.entry(store, "unsure")
        #expect(unsure.state == .pending && unsure.nextAttemptAt == Self.at(60) && unsure.lastError != nil)
        #expect(email.attempts["unsure"] == nil)
        let others = try await store.outbox(states: nil, limit: 100).filter { $0.message.key != "unsure" }
        #expect(others.count == 10 && others.allSatisfy { $0.state == .delivered })
    }

    @Test func aMessageForAnUnconfiguredChannelIsRetriedNotDropped() async throws {
        let store = try await Fixtures.store()
        let clock = TestClock(Self.at(0))
        let email = FakeChannel()
        let courier = Self.courier(store, ["email": email], clock: clock)
        try await store.enqueue([Self.message("hook", channel: "webhook:gone"), Self.message("mail")])
        #expect(try await courier.deliverDue() == 2)
        let e = try await Self.entry(store, "hook")
        #expect(e.state == .pending && e.nextAttemptAt == Self.at(60) && e.lastError?.contains("webhook:gone") == true)
        #expect(try await Self.entry(store, "mail").state == .delivered)
        #expect(email.attempts == ["mail": 1])
    }

    @Test func twoCouriersOnOneDatabaseDeliverEachMessageExactlyOnce() async throws {
        let store = try await Fixtures.store()
        let other = try SQLiteStore(path: store.path)  // another instance on the same file
        let clock = TestClock(Self.at(0))
        // Every third message fails once, so retries are claimed by whichever courier is first.
        let email = FakeChannel(delay: .milliseconds(2)) { key, n in
            (Int(key.dropFirst(2))! % 3 == 0 && n == 1) ? DeliveryFailure(transient: true, "busy") : nil
        }
        let couriers = [Self.courier(store, ["email": email], clock: clock, node: "a", batch: 5),
                        Self.courier(other, ["email": email], clock: clock, node: "b", batch: 5)]
        let keys = (0..<120).map { "m-\($0)" }
        try await store.enqueue(keys.map { Self.message($0, due: Int64($0.dropFirst(2))! % 7) })
        for now: Int64 in [10, 100] {  // 100: after the retries' 60 s
            clock.set(Self.at(now))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for courier in couriers + couriers {
                    group.addTask { while try await courier.deliverDue() > 0 {} }
                }
                try await group.waitForAll()
            }
        }
        #expect(email.delivered.count == 120)
        #expect(email.delivered.values.allSatisfy { $0 == 1 })
        #expect(email.attempts.filter { $0.value != 1 }.keys.sorted() == keys.filter { Int($0.dropFirst(2))! % 3 == 0 }.sorted())
        let entries = try await store.outbox(states: nil, limit: 1_000)
        #expect(entries.count == 120 && entries.allSatisfy { $0.state == .delivered })
    }
}
