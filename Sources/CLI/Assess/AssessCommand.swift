import ArgumentParser
import Assessment
import Domain
import Foundation
import Rules
import WorkingDays

/// `tally assess --period 2026|2026Q2|2026-05 [--office ID] [--as-of T]`: runs the office's
/// assessment, stores it, and prints the rankings. `tally assess --compare RUN RUN` is
/// `tally assess compare RUN RUN`.
///
/// The options live in the default subcommand `run` (so `tally assess --period …` runs it):
/// ArgumentParser parses a parent command's options out of the whole command line and
/// validates the parent first, so options on `assess` itself would demand `--period` from
/// `assess runs`/`explain`/`compare` and swallow their own `--period` and `--office`.
struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "考核：按办公室的规则为期间内的每条信息和每项时限计分，汇总排名，给出等次、奖惩和否决，并保存本次考核。",
        subcommands: [AssessRun.self, AssessExplain.self, AssessRuns.self, AssessCompare.self],
        defaultSubcommand: AssessRun.self
    )
}

/// `tally assess [run] --period …`: the assessment run itself (the default subcommand).
struct AssessRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "考核：按办公室的规则为期间内的每条信息和每项时限计分，汇总排名，给出等次、奖惩和否决，并保存本次考核。"
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Period: 2026, 2026Q2 or 2026-05.") var period: String?
    @Option(name: .long, help: "Office whose rules and units are assessed.") var office = "city"
    @Option(name: .long, help: "Count facts known at this instant (default: now).") var asOf: String?
    @Option(name: .long, help: "Also write the results table as CSV to this file.") var csv: String?
    @Option(name: .long, help: "Rows shown per group at the top and at the bottom.") var top = 10
    @Option(name: .long, parsing: .upToNextOption, help: "Compare two stored runs (RUN RUN) instead of running.") var compare: [String] = []

    func validate() throws {
        if !compare.isEmpty {
            guard compare.count == 2 else { throw ValidationError("--compare: 需要两个考核编号（较早的、较晚的）") }
            guard period == nil else { throw ValidationError("--compare 与 --period 不能同时使用") }
            return
        }
        guard let period else { throw ValidationError("缺少 --period（如 2026、2026Q2 或 2026-05）") }
        guard Period(period) != nil else { throw ValidationError("--period: 应为 2026、2026Q2 或 2026-05，实际为 '\(period)'") }
        guard OfficeID(office) != nil else { throw ValidationError("--office: '\(office)' 不是有效的办公室编号") }
        if let asOf, Instant(iso: asOf) == nil { throw ValidationError("--as-of: 时间格式应为 ISO 8601 并带时区，如 2027-01-15T00:00:00+08:00") }
        guard (1...1000).contains(top) else { throw ValidationError("--top: 应在 1–1000 之间") }
    }

    func run() async throws {
        if !compare.isEmpty { return try await AssessCompare.compare(compare[0], compare[1], global: global) }
        let period = Period(self.period!)!
        let office = OfficeID(self.office)!
        let now = try global.currentInstant()
        let asOf = asOf.map { Instant(iso: $0)! } ?? now
        let store = try await StoreFactory.openService(global)
        let engine = try AssessmentSetup.engine(store, rules: try RuleFolder(global: global).ruleSet(for: office), global: global)
        let progress = ProgressLog(phases: AssessmentEngine.phaseCount + 1)
        let id = RunID.make(office: office, period: period, at: now)
        let outcome: (AssessmentRun, AssessmentEngine.Timings, Double, Double)?
        do {
            outcome = try await CancelOnInterrupt.run {
                let started = ContinuousClock.now
                let (run, timings) = try await engine.run(office: office, period: period, asOf: asOf, id: id, createdAt: now) { progress.phase($0) }
                try Task.checkCancellation()
                progress.phase("保存")
                let saveStart = ContinuousClock.now
                try await store.save(run)
                return (run, timings, Self.seconds(ContinuousClock.now - saveStart), Self.seconds(ContinuousClock.now - started))
            }
        } catch {
            progress.abandon()
            throw error
        }
        guard let (run, timings, save, total) = outcome else {
            progress.abandon()
            throw CommandFailure("已取消：本次考核没有保存（数据库未改变）")
        }
        progress.finish()
        if let csv { try ResultsCSV.write(run, to: URL(fileURLWithPath: csv)) }
        if global.json { return printJSON(RunJSON(run)) }
        RunReport(run: run, top: top).print()
        print(String(format: "用时：读取 %.2f 秒，评分 %.2f 秒，时限与配额 %.2f 秒，汇总排名 %.2f 秒，保存 %.2f 秒，共 %.2f 秒",
                     timings.read, timings.score, timings.compliance, timings.rank, save, total))
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}

/// The engine for an office's rule set over a store, on the office's calendar.
enum AssessmentSetup {
    static func engine(_ store: any ServiceStore, rules set: RuleSet, global: GlobalOptions) throws -> AssessmentEngine {
        let calendar = try global.calendar(office: set.office.rawValue)
        let rules: OfficeRules
        do { rules = try OfficeRules(set, calendar: calendar) } catch { throw CommandFailure(error.description) }
        return AssessmentEngine(inputs: RecordInputs(store), rules: rules, calendar: calendar)
    }
}

/// Run ids: `<period>-<office>-<yyyymmddhhmmss>-<up to 8 random hex digits>`.
enum RunID {
    static func make(office: OfficeID, period: Period, at: Instant) -> String {
        let stamp = at.iso.prefix(19).filter(\.isNumber)
        return "\(period)-\(office)-\(stamp)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }
}
