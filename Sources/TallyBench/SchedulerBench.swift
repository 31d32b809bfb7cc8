import ArgumentParser
import Domain
import Foundation
import Logging
import PostgresStore
import Scheduling
import SQLiteStore
import WorkingDays

/// 100,000 pending deadlines in the store: the scheduler's CPU and memory while nothing is
/// due, and how late it fires a batch that falls due — beside a baseline that polls the
/// store once a second (what most job queues do).
struct SchedulerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scheduler", abstract: "Idle cost and fire latency with 100,000 pending deadlines.")

    @Option(help: "Pending deadlines (spread over the 30 days after tomorrow).") var pending = 100_000
    @Option(help: "Fires in each measured batch (all due at the same second).") var batch = 200
    @Option(help: "Idle seconds measured between the two batches.") var idle = 30
    @Option(help: "Working folder for the SQLite database.") var work = "data/bench"
    @Option(help: "Measure on PostgreSQL too: a server URL whose role may create databases.") var postgres: String?

    func run() async throws {
        let dir = URL(fileURLWithPath: work)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        print("SQLite")
        for polling in [false, true] {
            let path = dir.appendingPathComponent("sched-\(UUID().uuidString).sqlite").path
            defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
            let sqlite = try SQLiteStore(path: path)
            try await sqlite.migrate()
            try await measure(sqlite, polling: polling)
        }
        guard let postgres else { return }
        print("PostgreSQL")
        let admin = try PostgresURL(postgres)
        for polling in [false, true] {
            let url = try await PostgresAdmin.createDatabase(on: admin, prefix: "tally_bench_")
            let store = try await PostgresStore.open(url)
            do {
                try await store.migrate()
                try await measure(store, polling: polling)
            } catch {
                await store.close()
                try? await PostgresAdmin.dropDatabase(url.database, on: admin)
                throw error
            }
            await store.close()
            try await PostgresAdmin.dropDatabase(url.database, on: admin)
        }
    }

    /// Plans the deadlines and two batches, runs the scheduler (or the polling baseline)
    /// until both batches fired, and reports.
    private func measure(_ store: any OccurrenceStore, polling: Bool) async throws {
        let job = Job(id: polling ? "deadlines-polled" : "deadlines", office: .city, title: "deadlines",
                      trigger: .event(kind: .instruction, anchor: .at, offsets: [Offset(0, .minutes)], at: nil),
                      action: ActionCall("bench.latency"), overlap: .allow)
        let start = Instant(seconds: Int64(Date().timeIntervalSince1970))
        let first = start.adding(seconds: 8)
        let second = first.adding(seconds: Int64(idle) + 4)
        var rows: [Occurrence] = []
        for i in 0..<pending {
            let t = start.adding(seconds: 86_400 + Int64(i) * (30 * 86_400) / Int64(pending))
            rows.append(Occurrence(key: OccurrenceKey(job: job.id, subject: "instruction:\(i)", scheduledAt: t), explanation: "deadline \(i)"))
        }
        for (n, t) in [first, second].enumerated() {
            for i in 0..<batch {
                rows.append(Occurrence(key: OccurrenceKey(job: job.id, subject: "batch\(n):\(i)", scheduledAt: t), explanation: "batch \(n)"))
            }
        }
        let t0 = ContinuousClock.now
        let fixedRows = rows
        _ = try await store.plan(job: job.id) { _ in
            PlanChange(state: JobState(job: job.id, since: start, fingerprint: "bench", plannedThrough: start), insert: fixedRows)
        }
        let planSeconds = Self.seconds(ContinuousClock.now - t0)

        let recorder = LatencyRecorder()
        let registry = ActionRegistry([LatencyAction(recorder: recorder)])
        let scheduler = Scheduler(schedule: ScheduleSet(jobs: [job], national: WorkCalendar(years: [])), store: store, registry: registry,
                                  configuration: .init(node: "bench", lease: 60, maxIdle: 60),
                                  logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task {
            if polling {
                // Baseline: look for due work once a second.
                while !Task.isCancelled {
                    _ = try await scheduler.tick(now: Instant(seconds: Int64(Date().timeIntervalSince1970)))
                    try await Task.sleep(for: .seconds(1))
                }
            } else {
                try await scheduler.serve()
            }
        }
        // Wait for the first batch, measure the idle stretch, wait for the second.
        try await recorder.wait(count: batch)
        try await Task.sleep(for: .seconds(1))
        let cpu0 = Self.cpuSeconds()
        let idleStart = ContinuousClock.now
        try await Task.sleep(for: .seconds(idle))
        let idleCPU = Self.cpuSeconds() - cpu0
        let idleWall = Self.seconds(ContinuousClock.now - idleStart)
        try await recorder.wait(count: 2 * batch)
        task.cancel()
        _ = try? await task.value
        let latencies = await recorder.latencies.sorted()
        let name = polling ? "baseline (polls every second)" : "Tally scheduler (sleeps until due)"
        print(String(format: "  %@: planned %d occurrences in %.2f s; idle %.0f s with %d pending: CPU %.3f s (%.2f%% of a core), RSS %.0f MiB; fire latency of %d fires: median %.0f ms, max %.0f ms",
                     name, rows.count, planSeconds, idleWall, pending, idleCPU, 100 * idleCPU / idleWall, Self.rssMiB(), latencies.count,
                     latencies[latencies.count / 2] * 1000, latencies.last! * 1000))
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// User + system CPU time of this process.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Resident memory from /proc/self/status.
    static func rssMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}

/// Records how late each run started, measured against the wall clock.
actor LatencyRecorder {
    private(set) var latencies: [Double] = []

    func record(_ seconds: Double) { latencies.append(seconds) }

    func wait(count: Int) async throws {
        while latencies.count < count { try await Task.sleep(for: .milliseconds(20)) }
    }
}

/// `bench.latency`: notes the lateness of the run.
struct LatencyAction: ScheduledAction {
    let recorder: LatencyRecorder
    let name = "bench.latency"
    let summary = "benchmark"
    let parameters: [ParameterSpec] = []

    func run(_ run: ActionRun) async throws -> String {
        await recorder.record(Date().timeIntervalSince1970 - Double(run.occurrence.scheduledAt.seconds))
        return ""
    }
}
