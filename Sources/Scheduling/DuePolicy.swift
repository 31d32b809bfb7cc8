import WorkingDays

/// Decides what becomes of due occurrences: the job's missed-run policy for late ones, its
/// overlap policy against runs in progress, pauses, and jobs no longer in the files.
/// Pure, so both stores apply the same rules inside their claim transactions.
struct DuePolicy: Sendable {
    let jobs: [String: Job]
    let now: Instant
    /// A run interrupted this many times (lease ended each time) is given up.
    static let maxAttempts = 3

    func decide(_ batch: DueBatch) -> [DueDecision] {
        var out: [DueDecision] = []
        let byJob = Dictionary(grouping: batch.due, by: \.key.job)
        for id in byJob.keys.sorted() {
            let rows = byJob[id]!.sorted { $0.key.scheduledAt < $1.key.scheduledAt }
            guard let job = jobs[id] else {
                out += rows.map { .close($0.key, .cancelled, reason: "任务已不在日程文件中") }
                continue
            }
            var toRun: [Occurrence] = []
            // A run whose process died is taken over whatever the policies say (it had
            // started), until its attempts run out.
            for r in rows where r.state == .running {
                out.append(r.attempts >= Self.maxAttempts
                    ? .close(r.key, .failed, reason: "执行 \(r.attempts) 次均中断（进程退出或租约过期），不再重试")
                    : .run(r.key))
            }
            let live = rows.filter { $0.state == .pending }
            let manual = live.filter { $0.origin == .manual }
            let scheduled = live.filter { $0.origin == .scheduled }
            if let note = batch.paused[id] {
                out += scheduled.map { .close($0.key, .skipped, reason: "任务已暂停：\(note)") }
            } else {
                // Each subject (an event's or a deadline's reminders) has its own backlog.
                for subject in Set(scheduled.map(\.key.subject)).sorted() {
                    let (run, closed) = applyMissedPolicy(job, scheduled.filter { $0.key.subject == subject })
                    toRun += run
                    out += closed
                }
            }
            toRun += manual
            toRun.sort { $0.key.scheduledAt < $1.key.scheduledAt }
            out += applyOverlap(job, toRun, running: batch.running[id] ?? 0, until: batch.runningUntil[id])
        }
        return out
    }

    /// On-time fires run; late ones follow the missed-run policy.
    private func applyMissedPolicy(_ job: Job, _ rows: [Occurrence]) -> (run: [Occurrence], closed: [DueDecision]) {
        let onTime = rows.filter { lateness($0) <= MissedPolicy.lateAfter }
        let late = rows.filter { lateness($0) > MissedPolicy.lateAfter }
        var closed: [DueDecision] = []
        var run = onTime
        func miss(_ o: Occurrence, _ why: String) {
            closed.append(.close(o.key, .missed, reason: "\(why)（迟了 \(DurationText.format(lateness(o)))）"))
        }
        switch job.missed {
        case .skip:
            for o in late { miss(o, "服务未运行或启动过晚，按策略不补跑") }
        case .fireOnce(let window):
            let inWindow = late.filter { lateness($0) <= window }
            for o in late where lateness(o) > window { miss(o, "超出补跑窗口 \(DurationText.format(window))") }
            if !onTime.isEmpty {
                for o in inWindow { miss(o, "已合并到按时执行的一次") }
            } else if let newest = inWindow.last {
                run.append(newest)
                for o in inWindow.dropLast() { miss(o, "合并补跑，只执行最近一次") }
            }
        case .fireAll(let window, let cap):
            let inWindow = late.filter { lateness($0) <= window }
            for o in late where lateness(o) > window { miss(o, "超出补跑窗口 \(DurationText.format(window))") }
            let kept = inWindow.suffix(cap)
            for o in inWindow.dropLast(kept.count) { miss(o, "超出补跑上限 \(cap) 次") }
            run += kept
        }
        return (run, closed)
    }

    /// Runs in progress hold or skip new ones; several due at once run one after another.
    private func applyOverlap(_ job: Job, _ rows: [Occurrence], running: Int, until: Instant?) -> [DueDecision] {
        guard running > 0, !rows.isEmpty else { return rows.map { .run($0.key) } }
        switch job.overlap {
        case .allow:
            return rows.map { .run($0.key) }
        case .skip:
            return rows.map { .close($0.key, .skipped, reason: "上次执行尚未结束（重叠策略：跳过）") }
        case .bufferOne:
            let wake = max(until ?? now, now.adding(seconds: 1))
            return rows.dropLast().map { .close($0.key, .skipped, reason: "上次执行尚未结束，排队只保留最近一次") }
                + [.hold(rows.last!.key, until: wake)]
        }
    }

    private func lateness(_ o: Occurrence) -> Int64 { now.seconds - o.key.scheduledAt.seconds }
}
