import Foundation
import Testing
import WorkingDays
@testable import Scheduling
@testable import SQLiteStore

/// The service stopped across several due times and restarted: each missed-run policy
/// gives exactly the fires and misses it promises, every miss recorded with its reason.
/// Time is driven by `tick(now:)`, one scheduler pass at a given instant.
@Suite struct SchedulerRestartTests {
    /// Every working day at 09:00.
    func scheduler(_ missed: MissedPolicy, store: SQLiteStore) -> Scheduler {
        let job = Fixtures.job("daily", Fixtures.workdays(.every(months: nil)), missed: missed)
        return Scheduler(schedule: ScheduleSet(jobs: [job], national: Fixtures.calendar), store: store, registry: testRegistry(),
                         clock: TestClock(Fixtures.t("2026-03-02T08:00:00")), configuration: .init(node: "node-a"))
    }

    /// Date (MM-DD) → state and reason of every finished occurrence.
    func outcomes(_ store: SQLiteStore) async throws -> [String: String] {
        var out: [String: String] = [:]
        for o in try await store.history(job: "daily", through: Fixtures.t("2027-01-01T00:00:00"), limit: 1000) where o.state != .pending {
            out[o.key.scheduledAt.day.monthDay] = o.state.rawValue + (o.reason.map { ": " + $0 } ?? "")
        }
        return out
    }

    /// Up Monday 08:00 and 09:00:05, down Tuesday to Thursday, back Friday 09:00:20.
    func downTuesdayToThursday(_ missed: MissedPolicy) async throws -> [String: String] {
        let store = try await Fixtures.store()
        let s = scheduler(missed, store: store)
        #expect(try await s.tick(now: Fixtures.t("2026-03-02T08:00:00")).isEmpty)
        #expect(try await s.tick(now: Fixtures.t("2026-03-02T09:00:05")).map(\.state) == [.succeeded])
        let friday = try await s.tick(now: Fixtures.t("2026-03-06T09:00:20"))
        #expect(friday.allSatisfy { $0.state == .succeeded })
        return try await outcomes(store)
    }

    @Test func fireOnceMergesTheMissedDaysIntoFridaysRun() async throws {
        let r = try await downTuesdayToThursday(.fireOnce(window: 7 * 86_400))
        #expect(r["03-02"] == "succeeded")
        #expect(r["03-03"] == "missed: 已合并到按时执行的一次（迟了 3天20秒）")
        #expect(r["03-04"] == "missed: 已合并到按时执行的一次（迟了 2天20秒）")
        #expect(r["03-05"] == "missed: 已合并到按时执行的一次（迟了 1天20秒）")
        #expect(r["03-06"] == "succeeded")
        #expect(r.count == 5)
    }

    @Test func fireAllCatchesUpTheNewestUpToTheCap() async throws {
        let r = try await downTuesdayToThursday(.fireAll(window: 7 * 86_400, cap: 2))
        #expect(r == [
            "03-02": "succeeded", "03-03": "missed: 超出补跑上限 2 次（迟了 3天20秒）",
            "03-04": "succeeded", "03-05": "succeeded", "03-06": "succeeded",
        ])
    }

    @Test func skipRunsNothingThatWasMissed() async throws {
        let r = try await downTuesdayToThursday(.skip)
        #expect(r == [
            "03-02": "succeeded", "03-03": "missed: 服务未运行或启动过晚，按策略不补跑（迟了 3天20秒）",
            "03-04": "missed: 服务未运行或启动过晚，按策略不补跑（迟了 2天20秒）",
            "03-05": "missed: 服务未运行或启动过晚，按策略不补跑（迟了 1天20秒）", "03-06": "succeeded",
        ])
    }

    @Test func fireOnceBackBetweenFiresRunsTheNewestInsideTheWindow() async throws {
        let store = try await Fixtures.store()
        let s = scheduler(.fireOnce(window: 86_400), store: store)
        try await s.tick(now: Fixtures.t("2026-03-02T08:00:00"))
        let results = try await s.tick(now: Fixtures.t("2026-03-05T12:00:00"))
        #expect(results.map(\.key.scheduledAt) == [Fixtures.t("2026-03-05T09:00:00")])
        let r = try await outcomes(store)
        #expect(r["03-02"] == "missed: 超出补跑窗口 1天（迟了 3天3小时）")
        #expect(r["03-03"] == "missed: 超出补跑窗口 1天（迟了 2天3小时）")
        #expect(r["03-04"] == "missed: 超出补跑窗口 1天（迟了 1天3小时）")
        #expect(r["03-05"] == "succeeded")
    }

    @Test func aDowntimeLongerThanTheHorizonIsRecordedInFull() async throws {
        let store = try await Fixtures.store()
        let s = scheduler(.fireAll(window: 30 * 86_400, cap: 3), store: store)
        try await s.tick(now: Fixtures.t("2026-03-02T08:00:00"))
        let results = try await s.tick(now: Fixtures.t("2026-03-23T12:00:00"))
        #expect(results.map { $0.key.scheduledAt.day.monthDay } == ["03-19", "03-20", "03-23"])
        let r = try await outcomes(store)
        #expect(r.count == 16)  // Mon 03-02 … Mon 03-23: 16 working days, every one accounted for
        #expect(r.values.filter { $0.hasPrefix("missed: 超出补跑上限 3 次") }.count == 13)
        #expect(r["03-02"]?.hasPrefix("missed") == true)
    }

    @Test func aSecondTickAtTheSameMomentRunsNothingTwice() async throws {
        let store = try await Fixtures.store()
        let s = scheduler(.default, store: store)
        try await s.tick(now: Fixtures.t("2026-03-02T08:00:00"))
        #expect(try await s.tick(now: Fixtures.t("2026-03-02T09:00:00")).count == 1)
        #expect(try await s.tick(now: Fixtures.t("2026-03-02T09:00:00")).isEmpty)
        // A second scheduler over the same database (another process after a restart) neither.
        #expect(try await scheduler(.default, store: store).tick(now: Fixtures.t("2026-03-02T09:00:01")).isEmpty)
    }
}

/// A clock tests move by hand.
final class TestClock: SchedulerClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Instant

    init(_ start: Instant) { current = start }

    func now() -> Instant { lock.withLock { current } }

    func set(_ t: Instant) { lock.withLock { current = t } }

    func sleep(until instant: Instant) async throws {
        while now() < instant {
            try Task.checkCancellation()
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
