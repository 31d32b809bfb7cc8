import ArgumentParser
import Assessment
import DemoData
import Domain
import Foundation
import Interchange
import PostgresStore
import Rules
import SQLiteStore
import WorkingDays

/// A year-end assessment run over the province-size demo, end to end from the database as
/// `tally assess` does it (read → score → compliance → aggregate/rank → store), with its
/// phases, throughput, peak memory and CPU — beside the bare `lua5.4` (and optionally
/// Python + lupa) baseline scoring the same items with the same rule files.
///
/// The data set is generated and imported into a fresh database once; `--reuse` keeps it.
/// After an import the measurement runs in a fresh process image (`execv`), so that the
/// import's memory does not count in the run's peak.
struct AssessBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assess", abstract: "A year-end assessment run, end to end from the database.")

    @Option(help: "SQLite file (default data/bench/assess-…sqlite), or a postgres:// server URL whose role may create databases (the data set goes into database tally_bench_assess_…).")
    var database: String?
    @Option(help: "Units of the generated data set.") var units = 2000
    @Option(help: "Items of the generated data set.") var items = 1_000_000
    @Option(help: "Seed of the generated data.") var seed: UInt64 = 2026
    @Flag(help: "Reuse the database if it already holds the data set (an import takes about 30 s).") var reuse = false
    @Option(help: "Office whose rules and units are assessed.") var office = "city"
    @Option(help: "Period assessed.") var period = "2026"
    @Option(help: "Facts known at this instant.") var asOf = "2026-12-31T23:59:59+08:00"
    @Option(help: "Rules folder.") var rules = "rules"
    @Option(help: "Schedules folder (calendar data).") var schedules = "schedules"
    @Option(help: "Working folder for the generated file and the SQLite database.") var work = "data/bench"
    @Option(help: "Timed repetitions of each baseline; the median is reported.") var baselineRuns = 1
    @Option(help: "Python with lupa for the second baseline (e.g. python3); skipped when not given.") var python: String?
    @Flag(help: "Skip the baselines.") var noBaseline = false
    @Flag(help: "Keep the stored run (by default it is deleted after the measurement, untimed).") var keepRun = false

    func validate() throws {
        guard units >= 20, items >= 1 else { throw ValidationError("--units ≥ 20, --items ≥ 1") }
        guard Period(period) != nil else { throw ValidationError("--period: 2026, 2026Q2 or 2026-05") }
        guard OfficeID(office) != nil else { throw ValidationError("--office: not an office id") }
        guard Instant(iso: asOf) != nil else { throw ValidationError("--as-of: ISO 8601 with offset") }
    }

    func run() async throws {
        let name = "assess-u\(units)-i\(items)-s\(seed)"
        if let database, PostgresURL.matches(database) {
            let admin = try PostgresURL(database)
            let url = admin.with(database: "tally_bench_" + name.replacingOccurrences(of: "-", with: "_"))
            if !(try await Self.holdsItems(url)) || !reuse {
                try await PostgresAdmin.dropDatabase(url.database, on: admin)
                try await PostgresAdmin.execute(["CREATE DATABASE \(PostgresAdmin.quoted(url.database))"], on: admin)
                let store = try await PostgresStore.open(url)
                do {
                    try await store.migrate()
                    try await importDemo(into: store, named: "PostgreSQL \(url.database)")
                } catch {
                    await store.close()
                    throw error
                }
                await store.close()
                try remeasure()
            }
            let store = try await PostgresStore.open(url)
            do {
                try await measure(store, named: "PostgreSQL (\(url.description))")
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        } else {
            let path = database.map { $0.hasPrefix("sqlite:") ? String($0.dropFirst(7)) : $0 }
                ?? URL(fileURLWithPath: work).appendingPathComponent("\(name).sqlite").path
            if !reuse || !FileManager.default.fileExists(atPath: path) {
                try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                // The store is released before the measurement starts: closing its last
                // connection checkpoints the write-ahead log into the file (otherwise the run
                // would read the imported pages from the log, not from the mapped file).
                try await { () async throws in
                    let store = try SQLiteStore(path: path)
                    _ = try await store.migrate()
                    try await importDemo(into: store, named: "SQLite \(path)")
                }()
                if FileManager.default.fileExists(atPath: path + "-wal") { print("  (the write-ahead log is still there)") }
                try remeasure()
            }
            let store = try SQLiteStore(path: path)
            try await measure(store, named: "SQLite (\(path))")
        }
    }

    // MARK: The data set

    private static func holdsItems(_ url: PostgresURL) async throws -> Bool {
        guard let store = try? await PostgresStore.open(url) else { return false }
        let n = (try? await store.counts()[.submission]) ?? 0
        await store.close()
        return n > 0
    }

    /// Generates the demo file (once) and imports it into `store`.
    private func importDemo(into store: any RecordStore, named: String) async throws {
        let calendar = try CalendarFile.load(schedules: URL(fileURLWithPath: schedules))
        let province = units == 2000 && items == 1_000_000
        let set = province ? DemoDataSet(size: .province, seed: seed, calendar: calendar)
            : DemoDataSet(units: units, items: items, seed: seed, calendar: calendar)
        let dir = URL(fileURLWithPath: work)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // The same file `tally-bench store --size province` writes.
        let file = dir.appendingPathComponent(province ? "demo-province-\(seed).jsonl" : "demo-u\(units)-i\(items)-\(seed).jsonl")
        try BenchDataFile.ensure(file, of: set)
        print("importing \(file.lastPathComponent) into \(named)…")
        let t0 = ContinuousClock.now
        let report = try await Importer(store: store).importFile(file)
        print(String(format: "  %d records in %.1f s", report.records, seconds(ContinuousClock.now - t0)))
    }

    /// Measures in a fresh process image (the import's memory stays out of the peak).
    private func remeasure() throws -> Never {
        var args = CommandLine.arguments
        if !args.contains("--reuse") { args.append("--reuse") }
        print("measuring in a fresh process…")
        FlushOutput.now()
        let cArgs = args.map { strdup($0) } + [nil]
        execv("/proc/self/exe", cArgs)
        throw ValidationError("execv failed: \(String(cString: strerror(errno)))")
    }

    // MARK: The run

    private func measure(_ store: any RecordStore & AssessmentRunStore, named: String) async throws {
        let office = OfficeID(self.office)!
        let period = Period(self.period)!
        let asOf = Instant(iso: self.asOf)!
        let cpuStart = SchedulerBench.cpuSeconds()
        let setupStart = ContinuousClock.now
        _ = try await store.migrate()
        let calendar = try CalendarFile.load(schedules: URL(fileURLWithPath: schedules), office: office.rawValue)
        let (sources, problems) = RuleSourceReader(root: URL(fileURLWithPath: rules)).read()
        let (sets, chainProblems) = RuleSet.resolve(sources)
        guard let set = sets[office] else { throw ValidationError("no rules for \(office): \((problems + chainProblems).map(\.description))") }
        let officeRules = try OfficeRules(set, calendar: calendar)
        let meter = Meter()
        let inputs = MeteredInputs(inner: RecordInputs(store), meter: meter)
        let metered = MeteredRules(inner: officeRules, meter: meter)
        let engine = AssessmentEngine(inputs: inputs, rules: metered, calendar: calendar)
        let setup = seconds(ContinuousClock.now - setupStart)
        let setupRSS = Proc.status("VmRSS")

        print("year-end assessment: office \(office), period \(period), as of \(asOf.iso), rules \(set.shortVersion) on \(officeRules.threads) cores")
        print("database: \(named)")
        let id = "\(period)-\(office)-bench-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        let sampler = RSSSampler(meter: meter)
        meter.mark("start")
        let started = ContinuousClock.now
        let (run, timings) = try await engine.run(office: office, period: period, asOf: asOf, id: id, createdAt: asOf) { meter.mark($0) }
        meter.mark("保存")
        let saveStart = ContinuousClock.now
        try await store.save(run)
        let save = seconds(ContinuousClock.now - saveStart)
        let total = seconds(ContinuousClock.now - started)
        meter.mark("end")
        let peak = Proc.status("VmHWM")
        let peaks = sampler.stop()
        let cpuTotal = SchedulerBench.cpuSeconds() - cpuStart

        let m = meter.snapshot()
        let itemsRead = m.items
        let scoreRate = Double(m.scored) / m.scoreSeconds
        func phase(_ label: String, _ t: Double, _ from: String, _ to: String) -> String {
            let cpu = m.cpu(from, to)
            return "  " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: " %7.3f s   CPU %6.2f s (%3.0f%% of 2 cores)   RSS at end %5.0f MiB (anon %4.0f, at most %4.0f)", t, cpu,
                          100 * cpu / max(t, 1e-9) / 2, m.rss(to), m.anon(to), peaks.byPhase[from] ?? .nan)
        }
        print(String(format: "setup (open store, load calendar, compile rules ×%d states): %.3f s, RSS %.0f MiB",
                     officeRules.threads + 1, setup, setupRSS))
        print(phase("read", timings.read, "读取数据", "信息评分"))
        print(phase("score", timings.score, "信息评分", "时限与配额"))
        print(String(format: "    of which Lua scoring %.3f s: %d items → %d score lines = %.0f items/s; ledger building %.3f s",
                     m.scoreSeconds, m.scored, m.lines, scoreRate, timings.score - m.scoreSeconds))
        print(phase("compliance", timings.compliance, "时限与配额", "汇总与排名"))
        print(phase("aggregate/rank", timings.rank, "汇总与排名", "保存"))
        print(phase("store", save, "保存", "end"))
        let runSeconds = timings.read + timings.score + timings.compliance + timings.rank
        print(String(format: "  (digest and run assembly, between rank and store: %.3f s)", total - runSeconds - save))
        print(String(format: "total %.3f s wall (target < 5 s), %.2f s CPU in the run (%.2f s with setup)",
                     total, m.cpu("start", "end"), cpuTotal))
        print(String(format: "items read %d, scored %d (%.0f items/s in the score phase, %.0f items/s of Lua scoring; target ≥ 2,500,000)",
                     itemsRead, m.scored, Double(m.scored) / timings.score, scoreRate))
        print(String(format: "ledger lines %d (%d results, %d pending)", run.ledger.count, run.results.count, run.pending))
        print(String(format: "peak RSS (VmHWM) %.0f MiB (target < 400 MiB): anonymous at most %.0f MiB, file-backed (mapped files: the SQLite database, the binary) at most %.0f MiB",
                     peak, peaks.anon, peaks.file))

        if !keepRun {
            let t0 = ContinuousClock.now
            _ = try await store.deleteRun(id: id)
            print(String(format: "(stored run deleted again in %.2f s, untimed)", seconds(ContinuousClock.now - t0)))
        }

        guard !noBaseline else { return }
        // The same items (the run's read) through the same rule files, then Tally's checksum of them.
        let year = Period(self.period)!
        let table = try await store.itemTable(submittedFrom: year.first.adding(days: -AssessmentEngine.lookbackDays), through: year.last)
        var again: [Double] = []
        var check = Checksum()
        for _ in 0..<2 {
            let t0 = ContinuousClock.now
            let batch = try await officeRules.score(table, now: asOf)
            again.append(seconds(ContinuousClock.now - t0))
            check = Checksum(batch)
        }
        print(String(format: "Tally scorer again on the same table, same states: %@ s (%.0f items/s at best)",
                     again.map { String(format: "%.3f", $0) }.joined(separator: ", "), Double(table.count) / again.min()!))
        print("baseline: the same \(table.count) items through the same rule files (\(set.chain.map(\.id.rawValue).joined(separator: " → ")))")
        try LuaBaseline.run((0..<table.count).map(table.facts(at:)), chain: set.chain.map { "\(rules)/\($0.id)" }, runs: baselineRuns,
                            python: python, tag: "assess")
        print(String(format: "(baseline checksum must equal %d lines / %.2f points)", check.lines, check.points))
    }
}

/// Wall time, CPU and RSS at each phase start, and what the scoring call did.
final class Meter: @unchecked Sendable {
    // Invariant: every field is read and written holding `lock`.
    private let lock = NSLock()
    private var marks: [String: (cpu: Double, rss: Double, anon: Double)] = [:]
    private var items = 0
    private var scored = 0
    private var lines = 0
    private var scoreSeconds = 0.0
    private var phase = ""

    /// The phase last marked.
    var current: String { lock.withLock { phase } }

    func mark(_ phase: String) {
        let cpu = SchedulerBench.cpuSeconds()
        if ProcessInfo.processInfo.environment["TALLY_BENCH_MARKS"] != nil {
            // For `perf record -k CLOCK_MONOTONIC` then `perf report --time A,B` over one phase.
            var ts = timespec()
            clock_gettime(CLOCK_MONOTONIC, &ts)
            FileHandle.standardError.write(Data(String(format: "mark %@ %d.%06d\n", phase, ts.tv_sec, ts.tv_nsec / 1000).utf8))
        }
        let rss = Proc.status("VmRSS"), anon = Proc.status("RssAnon")
        lock.withLock {
            marks[phase] = (cpu, rss, anon)
            self.phase = phase
        }
    }

    func read(items n: Int) { lock.withLock { items = n } }

    func scored(items n: Int, lines l: Int, seconds t: Double) {
        lock.withLock {
            scored += n
            lines += l
            scoreSeconds += t
        }
    }

    struct Snapshot {
        var marks: [String: (cpu: Double, rss: Double, anon: Double)]
        var items, scored, lines: Int
        var scoreSeconds: Double
        func cpu(_ from: String, _ to: String) -> Double { (marks[to]?.cpu ?? .nan) - (marks[from]?.cpu ?? .nan) }
        func rss(_ at: String) -> Double { marks[at]?.rss ?? .nan }
        func anon(_ at: String) -> Double { marks[at]?.anon ?? .nan }
    }

    func snapshot() -> Snapshot {
        lock.withLock { Snapshot(marks: marks, items: items, scored: scored, lines: lines, scoreSeconds: scoreSeconds) }
    }
}

/// The store's inputs, counting the items read.
struct MeteredInputs: AssessmentInputs {
    let inner: RecordInputs
    let meter: Meter

    func itemTable(submittedFrom from: Day, through: Day) async throws -> ItemTable {
        let t = try await inner.itemTable(submittedFrom: from, through: through)
        meter.read(items: t.count)
        return t
    }

    func workRecords() async throws -> WorkRecords { try await inner.workRecords() }
}

/// The office's rules, timing the scoring call alone (the score phase also builds the ledger).
struct MeteredRules: AssessmentRules {
    let inner: OfficeRules
    let meter: Meter

    var version: String { inner.version }
    var files: [String: String] { inner.files }
    var closeAfterWorkdays: Int? { inner.closeAfterWorkdays }
    var tieBreaks: [Ranking.TieBreak] { inner.tieBreaks }

    func score(_ table: ItemTable, now: Instant) async throws -> [ScoreBatch] {
        let t0 = ContinuousClock.now
        let shares = try await inner.score(table, now: now)
        meter.scored(items: table.count, lines: shares.reduce(0) { $0 + $1.lines.count }, seconds: seconds(ContinuousClock.now - t0))
        return shares
    }

    func compliance(_ facts: [ComplianceFact], now: Instant) throws -> [[ScoreLine]] { try inner.compliance(facts, now: now) }
    func assess(_ summary: AssessmentSummary, now: Instant) throws -> AssessmentDecision { try inner.assess(summary, now: now) }
    func deadline(_ event: DeadlineEvent, now: Instant) throws -> DeadlineDecision? { try inner.deadline(event, now: now) }
}

/// The peak of anonymous and of file-backed resident memory, sampled every 10 ms by a
/// thread of its own (the kernel keeps only the peak of their sum, VmHWM): file-backed pages
/// are the SQLite file mapped by `PRAGMA mmap_size`, shared with the page cache.
final class RSSSampler: @unchecked Sendable {
    // Invariant: the fields are read and written holding `lock`.
    private let lock = NSLock()
    private var peakAnon = 0.0
    private var peakFile = 0.0
    /// Peak anonymous memory while each phase ran.
    private var anonByPhase: [String: Double] = [:]
    private var running = true

    init(meter: Meter) {
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                let anon = Proc.status("RssAnon"), file = Proc.status("RssFile")
                let phase = meter.current
                lock.withLock {
                    peakAnon = max(peakAnon, anon)
                    peakFile = max(peakFile, file)
                    anonByPhase[phase] = max(anonByPhase[phase] ?? 0, anon)
                }
                usleep(10_000)
            }
        }
        thread.start()
    }

    /// Stops sampling; the peaks in MiB.
    func stop() -> (anon: Double, file: Double, byPhase: [String: Double]) {
        lock.withLock {
            running = false
            return (peakAnon, peakFile, anonByPhase)
        }
    }
}

/// Fields of /proc/self/status, in MiB.
enum Proc {
    static func status(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kb / 1024
    }
}
