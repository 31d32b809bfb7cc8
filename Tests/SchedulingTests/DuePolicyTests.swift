import Testing
import WorkingDays
@testable import Scheduling

/// What becomes of due occurrences: missed-run policies, overlap, pauses, interrupted runs.
@Suite struct DuePolicyTests {
    let now = Fixtures.t("2026-03-06T09:00:30")

    func pending(_ job: String, _ at: String, origin: OccurrenceOrigin = .scheduled) -> Occurrence {
        Occurrence(key: OccurrenceKey(job: job, scheduledAt: Fixtures.t(at)), origin: origin, explanation: "")
    }

    func decide(_ job: Job, _ due: [Occurrence], running: Int = 0, paused: String? = nil) -> [String: String] {
        let batch = DueBatch(due: due, running: running > 0 ? [job.id: running] : [:],
                             runningUntil: running > 0 ? [job.id: now.adding(seconds: 40)] : [:], paused: paused.map { [job.id: $0] } ?? [:])
        var out: [String: String] = [:]
        for d in DuePolicy(jobs: [job.id: job], now: now).decide(batch) {
            switch d {
            case .run(let k): out[k.scheduledAt.iso] = "run"
            case .close(let k, let state, let reason): out[k.scheduledAt.iso] = "\(state.rawValue): \(reason)"
            case .hold(let k, let until): out[k.scheduledAt.iso] = "hold until \(until.iso)"
            }
        }
        return out
    }

    /// Mon–Fri 09:00 fires; the service was down Tuesday to Thursday and came back Friday 09:00:30.
    var backlog: [Occurrence] {
        ["2026-03-03T09:00:00", "2026-03-04T09:00:00", "2026-03-05T09:00:00", "2026-03-06T09:00:00"].map { pending("j", $0) }
    }

    @Test func fireOnceMergesTheBacklogIntoTheOnTimeFire() {
        let r = decide(Fixtures.job("j", .workdays(.every(months: nil), at: []), missed: .fireOnce(window: 7 * 86_400)), backlog)
        #expect(r["2026-03-06T09:00:00+08:00"] == "run")
        #expect(r["2026-03-03T09:00:00+08:00"] == "missed: 已合并到按时执行的一次（迟了 3天30秒）")
        #expect(r.values.filter { $0.hasPrefix("missed: 已合并到按时执行的一次") }.count == 3)
    }

    @Test func fireOnceWithoutAnOnTimeFireRunsTheNewestInTheWindow() {
        let r = decide(Fixtures.job("j", .workdays(.every(months: nil), at: []), missed: .fireOnce(window: 3 * 86_400)), Array(backlog.dropLast()))
        #expect(r["2026-03-05T09:00:00+08:00"] == "run")
        #expect(r["2026-03-04T09:00:00+08:00"]?.hasPrefix("missed: 合并补跑，只执行最近一次") == true)
        #expect(r["2026-03-03T09:00:00+08:00"]?.hasPrefix("missed: 超出补跑窗口 3天") == true)
    }

    @Test func fireAllRunsTheNewestUpToTheCap() {
        let r = decide(Fixtures.job("j", .workdays(.every(months: nil), at: []), missed: .fireAll(window: 7 * 86_400, cap: 2)), backlog)
        #expect(r["2026-03-03T09:00:00+08:00"]?.hasPrefix("missed: 超出补跑上限 2 次") == true)
        #expect(r["2026-03-04T09:00:00+08:00"] == "run")
        #expect(r["2026-03-05T09:00:00+08:00"] == "run")
        #expect(r["2026-03-06T09:00:00+08:00"] == "run")
    }

    @Test func skipRunsOnlyTheOnTimeFire() {
        let r = decide(Fixtures.job("j", .workdays(.every(months: nil), at: []), missed: .skip), backlog)
        #expect(r["2026-03-06T09:00:00+08:00"] == "run")
        #expect(r.values.filter { $0.hasPrefix("missed: 服务未运行或启动过晚，按策略不补跑") }.count == 3)
    }

    @Test func aPausedJobSkipsScheduledFiresButRunsManualOnes() {
        let manual = Occurrence(key: OccurrenceKey(job: "j", subject: "manual:1", scheduledAt: Fixtures.t("2026-03-06T09:00:20")),
                                origin: .manual, explanation: "")
        let r = decide(Fixtures.job("j", .workdays(.every(months: nil), at: [])), [pending("j", "2026-03-06T09:00:00"), manual], paused: "春节值班调整")
        #expect(r["2026-03-06T09:00:00+08:00"] == "skipped: 任务已暂停：春节值班调整")
        #expect(r["2026-03-06T09:00:20+08:00"] == "run")
    }

    @Test func overlapPolicies() {
        let due = [pending("j", "2026-03-06T09:00:00"), pending("j", "2026-03-06T09:00:10")]
        let skip = decide(Fixtures.job("j", .workdays(.every(months: nil), at: []), overlap: .skip), due, running: 1)
        #expect(skip.values.allSatisfy { $0 == "skipped: 上次执行尚未结束（重叠策略：跳过）" })
        let buffer = decide(Fixtures.job("j", .workdays(.every(months: nil), at: []), overlap: .bufferOne), due, running: 1)
        #expect(buffer["2026-03-06T09:00:00+08:00"] == "skipped: 上次执行尚未结束，排队只保留最近一次")
        #expect(buffer["2026-03-06T09:00:10+08:00"] == "hold until 2026-03-06T09:01:10+08:00")
        let allow = decide(Fixtures.job("j", .workdays(.every(months: nil), at: []), overlap: .allow), due, running: 1)
        #expect(allow.values.allSatisfy { $0 == "run" })
        let idle = decide(Fixtures.job("j", .workdays(.every(months: nil), at: []), overlap: .skip), due)
        #expect(idle.values.allSatisfy { $0 == "run" })
    }

    @Test func anInterruptedRunIsTakenOverUntilItsAttemptsRunOut() {
        var crashed = pending("j", "2026-03-01T09:00:00")
        crashed.state = .running
        crashed.attempts = 1
        #expect(decide(Fixtures.job("j", .workdays(.every(months: nil), at: []), missed: .skip), [crashed]).values.first == "run")
        // Overlap policies do not hold it back either: it is the run in progress.
        #expect(decide(Fixtures.job("j", .workdays(.every(months: nil), at: []), overlap: .bufferOne), [crashed], running: 1).values.first == "run")
        crashed.attempts = DuePolicy.maxAttempts
        #expect(decide(Fixtures.job("j", .workdays(.every(months: nil), at: [])), [crashed]).values.first?.hasPrefix("failed: 执行 3 次均中断") == true)
    }

    @Test func firesOfRemovedJobsAreCancelled() {
        let r = DuePolicy(jobs: [:], now: now).decide(DueBatch(due: [pending("gone", "2026-03-06T09:00:00")], running: [:], runningUntil: [:], paused: [:]))
        #expect(r == [.close(OccurrenceKey(job: "gone", scheduledAt: Fixtures.t("2026-03-06T09:00:00")), .cancelled, reason: "任务已不在日程文件中")])
    }
}
