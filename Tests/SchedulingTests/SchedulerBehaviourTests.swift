import Domain
import Foundation
import Tagged
import Testing
import WorkingDays
@testable import Scheduling
@testable import SQLiteStore

/// Manual runs, pauses, interrupted runs taken over, re-planning when the calendar or the
/// files change.
@Suite struct SchedulerBehaviourTests {
    let daily = Fixtures.job("daily", Fixtures.workdays(.every(months: nil)))

    func scheduler(_ jobs: [Job], store: SQLiteStore, clock: TestClock = TestClock(Fixtures.t("2026-03-02T08:00:00")),
                   calendar: WorkCalendar = Fixtures.calendar, lease: Int64 = 60, node: String = "node-a") -> Scheduler {
        Scheduler(schedule: ScheduleSet(jobs: jobs, national: calendar), store: store, registry: testRegistry(inbox: store),
                  clock: clock, configuration: .init(node: node, lease: lease))
    }

    @Test func aManualRunIsRecordedAsManualWithWhoAndWhy() async throws {
        let store = try await Fixtures.store()
        let clock = TestClock(Fixtures.t("2026-03-02T10:15:00"))
        let s = scheduler([daily], store: store, clock: clock)
        let result = try await s.runManually("daily", actor: "王科长", note: "补发通知")
        #expect(result?.state == .succeeded)
        #expect(result?.key == OccurrenceKey(job: "daily", subject: "manual:1", scheduledAt: Fixtures.t("2026-03-02T10:15:00")))
        let again = try await s.runManually("daily", actor: "王科长", note: "")
        #expect(again?.key.subject == "manual:2")
        let history = try await store.history(job: "daily", through: clock.now(), limit: 10)
        #expect(history.map(\.origin) == [.manual, .manual])
        #expect(history.last?.explanation == "手动执行（王科长）：补发通知")
        #expect(try await store.log(job: "daily", limit: 10).map(\.action) == ["manual", "manual"])
        await #expect(throws: SchedulerError.unknownJob("nope")) { try await s.runManually("nope", actor: "x", note: "") }
    }

    @Test func aPausedJobSkipsItsFiresUntilResumed() async throws {
        let store = try await Fixtures.store()
        let s = scheduler([daily], store: store)
        try await s.tick(now: Fixtures.t("2026-03-02T08:00:00"))
        try await store.setPaused(job: "daily", paused: true, note: "两会期间暂停", actor: "admin", at: Fixtures.t("2026-03-02T08:30:00"))
        #expect(try await s.tick(now: Fixtures.t("2026-03-02T09:00:01")).isEmpty)
        try await store.setPaused(job: "daily", paused: false, note: "", actor: "admin", at: Fixtures.t("2026-03-02T12:00:00"))
        #expect(try await s.tick(now: Fixtures.t("2026-03-03T09:00:00")).map(\.state) == [.succeeded])
        let h = try await store.history(job: "daily", through: Fixtures.t("2026-03-04T00:00:00"), limit: 10)
        #expect(h.map(\.state) == [.succeeded, .skipped])
        #expect(h.last?.reason == "任务已暂停：两会期间暂停")
        #expect(try await store.log(job: "daily", limit: 10).map(\.action) == ["resume", "pause"])
    }

    @Test func aRunWhoseProcessDiedIsTakenOverAfterItsLease() async throws {
        let store = try await Fixtures.store()
        let s = scheduler([daily], store: store, lease: 30, node: "node-b")
        try await s.tick(now: Fixtures.t("2026-03-02T08:00:00"))
        // node-a claims the 09:00 fire and dies without finishing.
        let claimed = try await store.claimDue(now: Fixtures.t("2026-03-02T09:00:00"), node: "node-a",
                                               leaseUntil: Fixtures.t("2026-03-02T09:00:30"), limit: 10) { batch in batch.due.map { .run($0.key) } }
        #expect(claimed.count == 1)
        // Before the lease ends nobody touches it.
        #expect(try await s.tick(now: Fixtures.t("2026-03-02T09:00:20")).isEmpty)
        let taken = try await s.tick(now: Fixtures.t("2026-03-02T09:00:31"))
        #expect(taken.map(\.state) == [.succeeded])
        let row = try await store.history(job: "daily", through: Fixtures.t("2026-03-02T10:00:00"), limit: 1)[0]
        #expect(row.attempts == 2)
        #expect(row.node == "node-b")
        #expect(row.fence == claimed[0].fence + 1)
        // The dead node's late report is refused: its fence is old.
        #expect(try await store.finish(claimed[0].key, fence: claimed[0].fence, state: .failed, outcome: nil, reason: "x",
                                       at: Fixtures.t("2026-03-02T09:01:00")) == false)
        #expect(try await store.renew(claimed[0].key, fence: claimed[0].fence, until: Fixtures.t("2026-03-02T09:05:00")) == false)
    }

    @Test func aNewCalendarRePlansPendingFires() async throws {
        let store = try await Fixtures.store()
        let s = scheduler([daily], store: store)
        try await s.tick(now: Fixtures.t("2026-03-02T08:00:00"))
        #expect(try await store.pending(job: "daily", limit: 100).contains { $0.key.scheduledAt.day.iso == "2026-03-04" })
        // The office adds a local day off (flood control) on 03-04 and a working Saturday 03-07.
        let overlay = LocalOverlay(office: "city", daysOff: [Fixtures.day("2026-03-04"): "防汛"],
                                   workdays: [Fixtures.day("2026-03-07"): "集中办公"])
        await s.update(ScheduleSet(jobs: [daily], national: Fixtures.calendar, calendars: [.city: Fixtures.calendar.with(overlay: overlay)]))
        let summary = try await s.plan(now: Fixtures.t("2026-03-02T10:00:00"))
        #expect(summary.withdrawn == 1)
        #expect(summary.inserted == 2)  // Saturday 03-07, and 03-16 now inside the horizon
        let pending = try await store.pending(job: "daily", limit: 100).map { $0.key.scheduledAt.day.iso }
        #expect(!pending.contains("2026-03-04"))
        #expect(pending.contains("2026-03-07"))
        let withdrawn = try await store.history(job: "daily", through: Fixtures.t("2026-03-02T10:00:00"), limit: 10)
            .filter { $0.state == .cancelled }
        #expect(withdrawn.map { $0.key.scheduledAt.day.iso } == ["2026-03-04"])
        #expect(withdrawn.first?.reason == PlanChange.replanReason)
        // Back to the national calendar: the withdrawn fire comes back.
        await s.update(ScheduleSet(jobs: [daily], national: Fixtures.calendar))
        try await s.plan(now: Fixtures.t("2026-03-02T11:00:00"))
        #expect(try await store.pending(job: "daily", limit: 100).contains { $0.key.scheduledAt.day.iso == "2026-03-04" })
    }

    @Test func planningPausesAtTheEndOfTheDataAndResumesWhenTheNoticeArrives() async throws {
        let store = try await Fixtures.store()
        let without2026 = WorkCalendar(years: Fixtures.calendar.years.values.filter { $0.year < 2026 })
        let s = scheduler([daily], store: store, calendar: without2026)
        let summary = try await s.plan(now: Fixtures.t("2025-12-29T08:00:00"))
        #expect(summary.uncovered == ["daily": 2026])
        #expect(try await store.pending(job: "daily", limit: 100).map { $0.key.scheduledAt.day.iso } == ["2025-12-29", "2025-12-30", "2025-12-31"])
        // The 2026 notice is added on 01-02: the first working day, Sun 01-04, is planned.
        await s.update(ScheduleSet(jobs: [daily], national: Fixtures.calendar))
        let later = try await s.plan(now: Fixtures.t("2026-01-02T08:00:00"))
        #expect(later.uncovered.isEmpty)
        let pending = try await store.pending(job: "daily", limit: 100).map { $0.key.scheduledAt.day.iso }
        #expect(pending.first == "2025-12-29")  // not run yet: they are due, the next claim decides
        #expect(pending.contains("2026-01-04"))
        #expect(!pending.contains("2026-01-02"))
    }

    @Test func aJobRemovedFromTheFilesHasItsPendingFiresWithdrawn() async throws {
        let store = try await Fixtures.store()
        let other = Fixtures.job("other", Fixtures.workdays(.every(months: nil), at: "10:00"))
        let s = scheduler([daily, other], store: store)
        try await s.plan(now: Fixtures.t("2026-03-02T08:00:00"))
        await s.update(ScheduleSet(jobs: [other], national: Fixtures.calendar))
        let summary = try await s.plan(now: Fixtures.t("2026-03-02T08:10:00"))
        #expect(summary.retired == 10)
        #expect(try await store.pending(job: "daily", limit: 100).isEmpty)
        let gone = try await store.history(job: "daily", through: Fixtures.t("2026-03-02T08:10:00"), limit: 100)
        #expect(gone.count == 10 && gone.allSatisfy { $0.state == .cancelled && $0.reason == "任务已从日程文件中删除" })
        // Back in the files: it starts afresh, with no backlog for the time it was gone.
        await s.update(ScheduleSet(jobs: [daily, other], national: Fixtures.calendar))
        try await s.plan(now: Fixtures.t("2026-03-04T12:00:00"))
        #expect(try await store.pending(job: "daily", limit: 1).first?.key.scheduledAt == Fixtures.t("2026-03-05T09:00:00"))
    }

    @Test func aFailingActionIsRecordedAsFailed() async throws {
        let store = try await Fixtures.store()
        let failing = Fixtures.job("failing", Fixtures.workdays(.every(months: nil)), action: ActionCall("test.fail", params: ["message": .string("SMTP 不可用")]))
        let s = scheduler([failing], store: store)
        try await s.tick(now: Fixtures.t("2026-03-02T08:00:00"))
        let r = try await s.tick(now: Fixtures.t("2026-03-02T09:00:00"))
        #expect(r == [Scheduler.RunResult(key: OccurrenceKey(job: "failing", scheduledAt: Fixtures.t("2026-03-02T09:00:00")), state: .failed, text: "SMTP 不可用")])
        #expect(try await store.history(job: "failing", through: Fixtures.t("2026-03-02T10:00:00"), limit: 1).first?.reason == "SMTP 不可用")
    }

    @Test func inboxPostsOncePerOccurrenceWithThePeriodFilledIn() async throws {
        let store = try await Fixtures.store()
        let notice = Fixtures.job("notice", Fixtures.workdays(.nth(11, of: .quarter, months: nil)),
                                  action: ActionCall("inbox.post", params: ["to": .string("office"), "title": .string("起草{prev_quarter}通报")]))
        let s = scheduler([notice], store: store)
        try await s.tick(now: Fixtures.t("2026-10-10T08:00:00"))
        try await s.tick(now: Fixtures.t("2026-10-21T09:00:00"))
        let messages = try await store.messages(office: .city, limit: 10)
        #expect(messages.map(\.title) == ["起草2026年第3季度通报"])
        #expect(messages.first?.key == "notice@2026-10-21T09:00:00+08:00")
        // Posting the same occurrence again (a run repeated after a crash) adds nothing.
        #expect(try await store.post(messages[0]) == false)
    }
}
