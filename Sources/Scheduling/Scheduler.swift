import Domain
import Foundation
package import Logging
package import WorkingDays

/// The durable scheduler: plans occurrences into the store, claims what is due, runs the
/// actions and records every outcome. Any number of instances may share one PostgreSQL
/// store; the store's claims make each occurrence run once.
///
/// In service (`serve()`) it sleeps until the next thing is due — the earliest pending
/// occurrence, lease end or planning time, and at least once every `maxIdle` to notice
/// work other processes added — and does nothing in between. `tick(now:)` does one pass
/// and waits for its runs (for `tally schedule tick` and tests).
package actor Scheduler {
    package struct Configuration: Sendable {
        /// Who this instance is, in the history (`host:pid`).
        package var node: String
        /// How long a claim holds before another instance may take the run over; renewed
        /// every third of it while the action runs.
        package var lease: Int64
        /// The longest sleep: how soon work added by another process is noticed.
        package var maxIdle: Int64
        /// Occurrences claimed per pass.
        package var claimLimit: Int

        package init(node: String = Configuration.defaultNode, lease: Int64 = 60, maxIdle: Int64 = 60, claimLimit: Int = 500) {
            self.node = node
            self.lease = lease
            self.maxIdle = maxIdle
            self.claimLimit = claimLimit
        }

        package static var defaultNode: String {
            "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        }
    }

    /// What became of one run.
    package struct RunResult: Sendable, Equatable {
        package var key: OccurrenceKey
        package var state: OccurrenceState
        package var text: String
    }

    let store: any OccurrenceStore
    let registry: ActionRegistry
    let clock: any SchedulerClock
    let events: (any EventSource)?
    let rules: (any DeadlineRules)?
    let configuration: Configuration
    let logger: Logger
    private(set) var schedule: ScheduleSet
    private var nextPlanning: Instant?
    private let waker = Waker()

    package init(schedule: ScheduleSet, store: any OccurrenceStore, registry: ActionRegistry, clock: any SchedulerClock = SystemClock(),
                 events: (any EventSource)? = nil, rules: (any DeadlineRules)? = nil, configuration: Configuration = Configuration(),
                 logger: Logger = Logger(label: "tally.schedule")) {
        self.schedule = schedule
        self.store = store
        self.registry = registry
        self.clock = clock
        self.events = events
        self.rules = rules
        self.configuration = configuration
        self.logger = logger
    }

    /// Switches to edited schedule files (or a new calendar): the next pass re-plans.
    package func update(_ schedule: ScheduleSet) {
        self.schedule = schedule
        nextPlanning = nil
        waker.signal()
    }

    /// Wakes a sleeping `serve()` at once (work was added in this process).
    package nonisolated func wake() { waker.signal() }

    // MARK: - Planning

    /// What a planning pass did.
    package struct PlanSummary: Sendable, Equatable {
        package var inserted = 0
        package var withdrawn = 0
        package var retired = 0
        /// Jobs that could not plan past the calendar's data: job → first year without data.
        package var uncovered: [String: Int] = [:]
        /// Event reminders that could not be planned, with why.
        package var problems: [String] = []
        /// Events whose reminders wait for a year's calendar data: year → how many.
        package var waiting: [Int: Int] = [:]
    }

    /// Plans every job up to the horizon, and event reminders for new events.
    @discardableResult
    package func plan(now: Instant) async throws -> PlanSummary {
        var summary = PlanSummary()
        summary.retired = try await store.retire(keeping: Set(schedule.jobs.map(\.id)), at: now)
        for job in schedule.jobs where !job.isEventDriven {
            let planner = JobPlanner(calculator: schedule.calculator(for: job.office),
                                     calendarFingerprint: schedule.calendar(for: job.office).fingerprint)
            let report = try await store.plan(job: job.id) { state in planner.change(for: job, state: state, now: now) }
            summary.inserted += report.inserted
            summary.withdrawn += report.withdrawn
        }
        var earliest: Instant?
        let states = try await store.jobStates()
        for job in schedule.jobs where !job.isEventDriven {
            guard let state = states[job.id] else { continue }
            if let y = state.uncoveredYear {
                summary.uncovered[job.id] = y
            } else {
                let t = JobPlanner.replanTime(state)
                earliest = min(earliest ?? t, t)
            }
        }
        for (job, year) in summary.uncovered.sorted(by: { $0.key < $1.key }) {
            logger.warning("任务 \(job) 只能排程到 \(year - 1) 年底：缺少 schedules/calendar/CN/\(year).yaml（国务院\(year)年节假日安排）")
        }
        nextPlanning = earliest ?? now.adding(seconds: JobPlanner.horizon / 2)
        let events = try await planEvents(now: now)
        summary.inserted += events.inserted
        summary.withdrawn += events.withdrawn
        summary.problems = events.problems
        summary.waiting = events.waiting
        return summary
    }

    /// Plans reminders for events recorded since the last pass (cheap when there are none:
    /// one indexed look-up per event-driven job).
    @discardableResult
    package func planEvents(now: Instant) async throws -> PlanSummary {
        var summary = PlanSummary()
        for job in schedule.jobs where job.isEventDriven {
            try await planEvents(job, now: now, into: &summary)
        }
        for p in summary.problems { logger.error("无法排程提醒：\(p)") }
        for (year, n) in summary.waiting.sorted(by: { $0.key < $1.key }) {
            logger.warning("\(n) 个事件的提醒要到 \(year) 年才到期，等 schedules/calendar/CN/\(year).yaml（国务院\(year)年节假日安排）到位后自动排程")
        }
        return summary
    }

    private func planEvents(_ job: Job, now: Instant, into summary: inout PlanSummary) async throws {
        guard case .event(let kind, _, _, _) = job.trigger, let events else { return }
        let planner = EventPlanner(calendar: schedule.calendar(for: job.office), rules: rules)
        let fingerprint = job.timingFingerprint + ":" + schedule.calendar(for: job.office).fingerprint + ":"
            + (rules?.version(office: job.office) ?? "")
        let known = try await store.jobStates()[job.id]
        if known == nil || known!.fingerprint != fingerprint {
            // New job or new timing/calendar: (re)plan from the first event.
            let report = try await store.plan(job: job.id) { state in
                PlanChange(state: JobState(job: job.id, since: state?.since ?? now, fingerprint: fingerprint, plannedThrough: now,
                                           eventCursor: 0, paused: state?.paused ?? false, pauseNote: state?.pauseNote),
                           insert: [], withdrawAfter: state == nil ? nil : now)
            }
            summary.withdrawn += report.withdrawn
        }
        while true {
            guard let state = try await store.jobStates()[job.id] else { return }
            let batch = try await events.events(kind, after: state.eventCursor, limit: 2_000)
            if batch.events.isEmpty { return }
            let planned = planner.occurrences(for: job, events: batch.events, since: state.since, now: now)
            let occurrences = planned.occurrences
            summary.problems += planned.problems
            summary.waiting.merge(planned.waiting, uniquingKeysWith: +)
            let cursor = batch.cursor
            let report = try await store.plan(job: job.id) { current in
                // Another instance planned these already: insert is idempotent, the cursor only moves forward.
                guard var next = current else { return nil }
                next.eventCursor = max(next.eventCursor, cursor)
                next.plannedThrough = now
                return PlanChange(state: next, insert: occurrences)
            }
            summary.inserted += report.inserted
        }
    }

    // MARK: - Running

    /// One pass at `now`: plan, claim what is due, run it, and wait for the runs.
    @discardableResult
    package func tick(now: Instant) async throws -> [RunResult] {
        try await plan(now: now)
        var results: [RunResult] = []
        // Claims come in batches of `claimLimit`; a batch may close everything it saw
        // (missed fires), so go on while anything is still due (bounded: rows another
        // instance holds stay due until it is done with them).
        for _ in 0..<1_000 {
            let claimed = try await claim(now: now)
            results += await run(claimed, now: { now })
            if claimed.isEmpty, (try await store.nextWake()).map({ $0 > now }) ?? true { break }
        }
        return results
    }

    /// Runs until the task is cancelled.
    package func serve() async throws {
        logger.info("日程服务启动：节点 \(configuration.node)，\(schedule.jobs.count) 个任务")
        try await withThrowingDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let now = clock.now()
                if nextPlanning == nil || nextPlanning! <= now {
                    try await plan(now: now)
                } else {
                    try await planEvents(now: now)
                }
                let claimed = try await claim(now: now)
                for (_, runs) in Self.lanes(claimed, schedule) {
                    group.addTask { _ = await self.run(runs, now: { self.clock.now() }) }
                }
                if !claimed.isEmpty { continue }
                var wake = clock.now().adding(seconds: configuration.maxIdle)
                if let due = try await store.nextWake() { wake = min(wake, due) }
                if let p = nextPlanning { wake = min(wake, p) }
                await waker.wait(until: wake, clock: clock)
            }
        }
    }

    /// Runs a job now, outside its trigger (recorded as manual, with who and why).
    package func runManually(_ jobID: String, actor: String, note: String) async throws -> RunResult? {
        guard schedule.job(jobID) != nil else { throw SchedulerError.unknownJob(jobID) }
        let now = clock.now()
        let key = try await store.addManual(job: jobID, at: now, actor: actor, note: note)
        guard let occurrence = try await store.claim(key, now: now, node: configuration.node,
                                                     leaseUntil: now.adding(seconds: configuration.lease)) else { return nil }
        return await run([occurrence], now: { self.clock.now() }).first
    }

    private func claim(now: Instant) async throws -> [Occurrence] {
        let policy = DuePolicy(jobs: Dictionary(schedule.jobs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }), now: now)
        return try await store.claimDue(now: now, node: configuration.node, leaseUntil: now.adding(seconds: configuration.lease),
                                        limit: configuration.claimLimit) { batch in policy.decide(batch) }
    }

    /// Claimed runs grouped so that one job's runs go one after another (unless it allows
    /// overlap), oldest first.
    static func lanes(_ claimed: [Occurrence], _ schedule: ScheduleSet) -> [(String, [Occurrence])] {
        var lanes: [String: [Occurrence]] = [:]
        for o in claimed {
            let parallel = schedule.job(o.key.job)?.overlap == .allow
            lanes[parallel ? o.key.idempotencyKey : o.key.job, default: []].append(o)
        }
        return lanes.map { ($0.key, $0.value.sorted { $0.key.scheduledAt < $1.key.scheduledAt }) }.sorted { $0.0 < $1.0 }
    }

    /// Runs claimed occurrences one after another, holding their leases while they run.
    private func run(_ occurrences: [Occurrence], now: @escaping @Sendable () -> Instant) async -> [RunResult] {
        if occurrences.count > 1, Set(occurrences.map(\.key.job)).count > 1 {
            var all: [RunResult] = []
            for (_, lane) in Self.lanes(occurrences, schedule) { all += await run(lane, now: now) }
            return all
        }
        let store = store
        let lease = configuration.lease
        let keys = occurrences.map { ($0.key, $0.fence) }
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(Double(lease) / 3))
                if Task.isCancelled { return }
                for (key, fence) in keys { _ = try? await store.renew(key, fence: fence, until: now().adding(seconds: lease)) }
            }
        }
        defer { heartbeat.cancel() }
        var results: [RunResult] = []
        for o in occurrences { results.append(await execute(o, now: now)) }
        return results
    }

    private func execute(_ o: Occurrence, now: @Sendable () -> Instant) async -> RunResult {
        var state = OccurrenceState.failed
        var outcome: String?
        var reason: String?
        if let job = schedule.job(o.key.job), case .event(let kind, _, _, _) = job.trigger, let events,
           let id = o.key.subject.split(separator: ":", maxSplits: 1).last.map(String.init),
           (try? await events.isSettled(kind, id: id)) == true {
            state = .cancelled
            reason = "事项已办结，不再提醒"
        } else if let job = schedule.job(o.key.job), let action = registry[job.action.name] {
            let run = ActionRun(job: job, occurrence: o.key, origin: o.origin, attempt: o.attempts, now: now(),
                                explanation: o.explanation, payload: o.payload)
            do {
                outcome = try await action.run(run)
                state = .succeeded
            } catch {
                reason = "\(error)"
            }
        } else {
            reason = schedule.job(o.key.job) == nil ? "任务已不在日程文件中" : "未知动作"
        }
        let recorded: Bool
        do {
            recorded = try await store.finish(o.key, fence: o.fence, state: state, outcome: outcome, reason: reason, at: now())
        } catch {
            logger.error("无法记录 \(o.key) 的执行结果：\(error)")
            recorded = false
        }
        if !recorded { logger.warning("\(o.key) 已被其他节点接管，本次结果不记录") }
        let text = outcome ?? reason ?? ""
        switch state {
        case .succeeded: logger.info("已执行 \(o.key)：\(text)")
        case .cancelled: logger.info("已取消 \(o.key)：\(text)")
        default: logger.error("执行失败 \(o.key)：\(text)")
        }
        return RunResult(key: o.key, state: recorded ? state : .running, text: text)
    }
}

/// Scheduler errors people see.
package enum SchedulerError: Error, Equatable, CustomStringConvertible {
    case unknownJob(String)

    package var description: String {
        switch self {
        case .unknownJob(let id): "没有名为 \(id) 的任务（tally schedule list 列出全部任务）"
        }
    }
}
