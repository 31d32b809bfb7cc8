import ArgumentParser
import DemoData
import Domain
import Foundation
import LuaHost
import Rules
import WorkingDays

/// Scores generated items through an office's live `score` rule, with every limit armed:
/// on one core, then on two cores (one Lua state per core), then the same items through
/// the same rule files in the standalone `lua5.4` interpreter as the baseline.
struct ScoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score", abstract: "Rule scoring throughput.")

    @Option(help: "Items to score.") var items = 1_000_000
    @Option(help: "Office whose rules score.") var office = "city"
    @Option(help: "Rules folder.") var rules = "rules"
    @Option(help: "Schedules folder (calendar data).") var schedules = "schedules"
    @Option(help: "Seed of the generated items.") var seed: UInt64 = 2026
    @Option(help: "Timed repetitions; the median is reported.") var runs = 3
    @Flag(help: "Skip the lua5.4 baseline.") var noBaseline = false
    @Flag(help: "Skip the one-core measurement (for profiling the two-core run).") var skipOneCore = false

    func run() async throws {
        let calendar = try CalendarFile.load(schedules: URL(fileURLWithPath: schedules))
        let (sources, problems) = RuleSourceReader(root: URL(fileURLWithPath: rules)).read()
        let (sets, chainProblems) = RuleSet.resolve(sources)
        guard let set = sets[OfficeID(office)!] else {
            throw ValidationError("no rules for \(office): \((problems + chainProblems).map(\.description))")
        }
        let units = SampleUnits.make(counties: 100, townships: 14, departments: 500)
        let generator = try SampleItems(units: units, year: 2026, calendar: calendar)
        print("generating \(items) items from \(units.count) units…")
        let data = (0..<items).map { generator.item($0, seed: seed) }
        let adopted = data.filter { !$0.adoptions.isEmpty }.count
        print("  adopted \(adopted) (\(percent(adopted, items))), province \(data.filter { $0.adoptions.contains { $0.level == .province } }.count), state \(data.filter { $0.adoptions.contains { $0.level == .state } }.count), instructions \(data.filter { !$0.instructions.isEmpty }.count)")
        let context = RuleContext(now: Instant(iso: "2026-12-31T18:00:00+08:00")!, office: set.office)
        let limits = set.source.manifest.limits
        print("rules \(set.office) \(set.shortVersion); limits armed: \(limits.instructions) instructions, \(limits.wallMilliseconds) ms, \(limits.memoryBytes >> 20) MiB per state, hook every \(limits.hookInterval)")

        // The columnar form the store hands to an assessment (built untimed, like a read).
        let table = {
            var t = ItemTable()
            t.reserveCapacity(items)
            for item in data { t.append(item) }
            return t
        }()

        // One core.
        let single = try CompiledRules(set, calendar: calendar)
        _ = try single.score(table, range: 0..<20_000, context: context)
        var oneCore: [Double] = []
        var checksum = Checksum()
        for _ in 0..<(skipOneCore ? 1 : runs) {
            let start = ContinuousClock.now
            let lines = try single.score(table, context: context)
            oneCore.append(seconds(ContinuousClock.now - start))
            checksum = Checksum([lines])
        }
        let t1 = median(oneCore)
        print(String(format: "Tally, 1 core:  %.3f s  %10.0f items/s  (%d lines, checksum %.2f, peak Lua heap %d KiB)",
                     t1, Double(items) / t1, checksum.lines, checksum.points, single.memoryPeak / 1024))

        // Two cores: one state per thread, half the items each, batches inside.
        let scorer = try ParallelScorer(set, calendar: calendar, threads: 2)
        _ = try scorer.score(table, context: context)  // warm up both states
        var twoCores: [Double] = []
        var cpuUsed = 0.0
        for _ in 0..<runs {
            let cpu0 = SchedulerBench.cpuSeconds()
            let start = ContinuousClock.now
            let batch = try scorer.score(table, context: context)
            twoCores.append(seconds(ContinuousClock.now - start))
            cpuUsed = SchedulerBench.cpuSeconds() - cpu0
            guard Checksum([batch]) == checksum else { throw ValidationError("two-core results differ from one-core results") }
        }
        let t2 = median(twoCores)
        print(String(format: "Tally, 2 cores: %.3f s  %10.0f items/s  (speed-up %.2f×, same checksum; process CPU %.2f s in the last run)",
                     t2, Double(items) / t2, t1 / t2, cpuUsed))

        guard !noBaseline else { return }
        try LuaBaseline.run(data, chain: set.chain.map { "\(rules)/\($0.id)" }, runs: runs, tag: String(seed))
        print("(baseline checksum must equal \(checksum.lines) lines / \(String(format: "%.2f", checksum.points)) points)")
    }

    func percent(_ a: Int, _ b: Int) -> String { String(format: "%.1f%%", 100 * Double(a) / Double(b)) }
}

/// Lines and points summed over a whole result, to show two runs did the same work.
struct Checksum: Equatable {
    var lines = 0
    var points = 0.0

    init() {}

    init(_ batches: [ScoreBatch]) {
        for b in batches {
            lines += b.lines.count
            for l in b.lines { points += l.points }
        }
        points = (points * 100).rounded() / 100
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
