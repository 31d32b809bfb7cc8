import Domain
import Foundation
import Tagged
import Testing
import WorkingDays
@testable import Scheduling
@testable import SQLiteStore

/// Reminders planned per event of the record: from the office's deadline rule, or at
/// offsets from the event; settled events get none.
@Suite struct SchedulerEventTests {
    /// A leader leaving Mon 2026-03-09 08:00 (report due 17:30 the working day before).
    static let trip = RecordedEvent(
        event: DeadlineEvent(kind: .absence, id: "A1", unit: UnitID(rawValue: "u-jt"), depart: Fixtures.t("2026-03-09T08:00:00"),
                             back: Fixtures.t("2026-03-12T18:00:00")),
        office: .city, settled: false, summary: "交通局 张局长 赴北京（03-09 出发）")

    func scheduler(_ job: Job, store: SQLiteStore, events: StubEvents, rules: StubRules = StubRules()) -> Scheduler {
        Scheduler(schedule: ScheduleSet(jobs: [job], national: Fixtures.calendar), store: store, registry: testRegistry(inbox: store),
                  clock: TestClock(Fixtures.t("2026-03-01T08:00:00")), events: events, rules: rules, configuration: .init(node: "n"))
    }

    @Test func theRulesReminderLadderIsPlannedAndSent() async throws {
        let store = try await Fixtures.store()
        let events = StubEvents([Self.trip])
        let job = Fixtures.job("absence", .event(kind: .absence, anchor: .reminders, offsets: [], at: nil),
                               action: ActionCall("inbox.post", params: ["to": .string("event-unit"), "title": .string("外出报备提醒：{event}")]),
                               overlap: .allow)
        let s = scheduler(job, store: store, events: events)
        let summary = try await s.plan(now: Fixtures.t("2026-03-02T08:00:00"))
        #expect(summary.inserted == 4)
        let pending = try await store.pending(job: "absence", limit: 10)
        #expect(pending.map(\.key.scheduledAt) == ["2026-03-04T09:00:00", "2026-03-05T09:00:00", "2026-03-06T09:00:00", "2026-03-06T17:30:00"]
            .map { Fixtures.t($0) })
        #expect(pending.allSatisfy { $0.key.subject == "absence:A1" })
        #expect(pending.last?.explanation == "交通局 张局长 赴北京（03-09 出发）：外出报备截止（提醒：office；时限 2026-03-06T17:30:00+08:00）")
        // Planning again finds no new events and changes nothing.
        #expect(try await s.plan(now: Fixtures.t("2026-03-02T09:00:00")).inserted == 0)

        let sent = try await s.tick(now: Fixtures.t("2026-03-04T09:00:00"))
        #expect(sent.map(\.state) == [.succeeded])
        let message = try await store.messages(office: .city, limit: 1).first
        #expect(message?.audience == "unit:u-jt")
        #expect(message?.title == "外出报备提醒：交通局 张局长 赴北京（03-09 出发）")

        // The leader files the report: the rest of the ladder is not sent.
        events.settle("A1")
        let after = try await s.tick(now: Fixtures.t("2026-03-05T09:00:00"))
        #expect(after.map(\.state) == [.cancelled])
        #expect(after.first?.text == "事项已办结，不再提醒")
        #expect(try await store.messages(office: .city, limit: 10).count == 1)
    }

    @Test func offsetsFromTheDepartureCountWorkingDays() async throws {
        let store = try await Fixtures.store()
        let job = Fixtures.job("absence", .event(kind: .absence, anchor: .depart, offsets: [Offset(-3, .workdays), Offset(-1, .workdays)],
                                                 at: TimeOfDay("09:00")), overlap: .allow)
        let s = scheduler(job, store: store, events: StubEvents([Self.trip]))
        try await s.plan(now: Fixtures.t("2026-03-02T08:00:00"))
        #expect(try await store.pending(job: "absence", limit: 10).map(\.key.scheduledAt)
            == [Fixtures.t("2026-03-04T09:00:00"), Fixtures.t("2026-03-06T09:00:00")])
    }

    @Test func eventsOfOtherOfficesSettledEventsAndPastMomentsGetNoReminders() async throws {
        let store = try await Fixtures.store()
        var county = Self.trip
        county.office = OfficeID("county-a")!
        county.event.id = "A2"
        var filed = Self.trip
        filed.settled = true
        filed.event.id = "A3"
        var soon = Self.trip
        soon.event.id = "A4"
        soon.event.depart = Fixtures.t("2026-03-04T08:00:00")
        let job = Fixtures.job("absence", .event(kind: .absence, anchor: .depart, offsets: [Offset(-3, .workdays), Offset(-1, .workdays)],
                                                 at: TimeOfDay("09:00")), overlap: .allow)
        let s = scheduler(job, store: store, events: StubEvents([county, filed, soon]))
        try await s.plan(now: Fixtures.t("2026-03-02T08:00:00"))
        // A4 leaves Wednesday: three working days before is already past; one before is Tuesday.
        #expect(try await store.pending(job: "absence", limit: 10).map { "\($0.key.subject) \($0.key.scheduledAt.iso)" }
            == ["absence:A4 2026-03-03T09:00:00+08:00"])
    }

    @Test func aRuleErrorIsReportedAndTheOtherEventsStillPlan() async throws {
        let store = try await Fixtures.store()
        var broken = Self.trip
        broken.event.id = "BROKEN"
        let job = Fixtures.job("absence", .event(kind: .absence, anchor: .reminders, offsets: [], at: nil), overlap: .allow)
        let s = scheduler(job, store: store, events: StubEvents([broken, Self.trip]))
        let summary = try await s.plan(now: Fixtures.t("2026-03-02T08:00:00"))
        #expect(summary.problems == ["absence:BROKEN：办理时限规则出错：rules/city/40_deadline.lua:12: runtime: 缺少出发时间"])
        #expect(summary.inserted == 4)
    }

    /// A trip in January 2027, before the 2027 arrangement is published: its deadline cannot
    /// be counted yet. That is a wait, not an error; the other events still plan.
    @Test func anEventBeyondTheCalendarWaitsForItsYear() async throws {
        let store = try await Fixtures.store()
        var january = Self.trip
        january.event.id = "A2027"
        january.event.depart = Fixtures.t("2027-01-06T08:00:00")
        let job = Fixtures.job("absence", .event(kind: .absence, anchor: .reminders, offsets: [], at: nil), overlap: .allow)
        let s = scheduler(job, store: store, events: StubEvents([january, Self.trip]))
        let summary = try await s.plan(now: Fixtures.t("2026-03-02T08:00:00"))
        #expect(summary.problems.isEmpty)
        #expect(summary.waiting == [2027: 1])
        #expect(summary.inserted == 4)
        #expect(try await store.pending(job: "absence", limit: 10).allSatisfy { $0.key.subject == "absence:A1" })
    }

    @Test func aNewRuleVersionRePlansPendingReminders() async throws {
        let store = try await Fixtures.store()
        let rules = StubRules()
        let job = Fixtures.job("absence", .event(kind: .absence, anchor: .reminders, offsets: [], at: nil), overlap: .allow)
        let s = scheduler(job, store: store, events: StubEvents([Self.trip]), rules: rules)
        try await s.plan(now: Fixtures.t("2026-03-02T08:00:00"))
        rules.noticeWorkdays = 2  // the office now wants reports two working days ahead
        let summary = try await s.plan(now: Fixtures.t("2026-03-02T10:00:00"))
        #expect(summary.withdrawn >= 1)
        let pending = try await store.pending(job: "absence", limit: 10).map(\.key.scheduledAt)
        #expect(pending.first == Fixtures.t("2026-03-03T09:00:00"))
        #expect(pending.last == Fixtures.t("2026-03-05T17:30:00"))
    }
}

/// Events held in memory, settled on demand.
final class StubEvents: EventSource, @unchecked Sendable {
    private let lock = NSLock()
    private var list: [RecordedEvent]
    private var settled: Set<String> = []

    init(_ events: [RecordedEvent]) { list = events }

    func settle(_ id: String) { lock.withLock { _ = settled.insert(id) } }

    func events(_ kind: DeadlineEvent.Kind, after cursor: Int64, limit: Int) async throws -> (events: [RecordedEvent], cursor: Int64) {
        lock.withLock {
            let all = list.enumerated().filter { $0.element.event.kind == kind && Int64($0.offset + 1) > cursor }.prefix(limit)
            return (all.map(\.element), all.last.map { Int64($0.offset + 1) } ?? cursor)
        }
    }

    func isSettled(_ kind: DeadlineEvent.Kind, id: String) async throws -> Bool { lock.withLock { settled.contains(id) } }
}

/// The city's absence rule in miniature: due 17:30 `noticeWorkdays` before departure,
/// reminders 09:00 on the two working days before the due day and on it, the office at
/// the due time.
final class StubRules: DeadlineRules, @unchecked Sendable {
    private let lock = NSLock()
    private var notice = 1

    var noticeWorkdays: Int {
        get { lock.withLock { notice } }
        set { lock.withLock { notice = newValue } }
    }

    struct Broken: Error, CustomStringConvertible {
        var description: String { "rules/city/40_deadline.lua:12: runtime: 缺少出发时间" }
    }

    func deadline(for event: DeadlineEvent, office: OfficeID, now: Instant) throws -> DeadlineDecision? {
        guard event.id != "BROKEN", let depart = event.depart else { throw Broken() }
        let cal = Fixtures.calendar
        let dueDay = try cal.adding(workdays: -noticeWorkdays, to: depart.day)
        let due = Instant(day: dueDay, minute: 17 * 60 + 30)
        var reminders: [DeadlineDecision.Reminder] = []
        for n in [-2, -1, 0] {
            reminders.append(.init(at: Instant(day: try cal.adding(workdays: n, to: dueDay), minute: 9 * 60), to: "unit_leader", note: "请报备"))
        }
        reminders.append(.init(at: due, to: "office", note: "外出报备截止"))
        return DeadlineDecision(due: due, reminders: reminders.filter { $0.at >= now })
    }

    func version(office: OfficeID) -> String { "v\(noticeWorkdays)" }
}
