import ArgumentParser
import Assessment
import Domain
import Foundation
import Rules
import WorkingDays

/// `tally assess --period 2026|2026Q2|2026-05 [--office ID] [--as-of T]`: runs the office's
/// assessment, stores it, and prints the rankings.
struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "考核：按办公室的规则为期间内的每条信息和每项时限计分，汇总排名，给出等次、奖惩和否决，并保存本次考核。",
        subcommands: [AssessExplain.self, AssessRuns.self, AssessCompare.self]
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Period: 2026, 2026Q2 or 2026-05.") var period: String?
    @Option(name: .long, help: "Office whose rules and units are assessed.") var office = "city"
    @Option(name: .long, help: "Count facts known at this instant (default: now).") var asOf: String?
    @Option(name: .long, help: "Also write the results table as CSV to this file.") var csv: String?
    @Option(name: .long, help: "Rows shown per group at the top and at the bottom.") var top = 10

    func validate() throws {
        guard let period else { throw ValidationError("缺少 --period（如 2026、2026Q2 或 2026-05）") }
        guard Period(period) != nil else { throw ValidationError("--period: 应为 2026、2026Q2 或 2026-05，实际为 '\(period)'") }
        guard OfficeID(office) != nil else { throw ValidationError("--office: '\(office)' 不是有效的办公室编号") }
        if let asOf, Instant(iso: asOf) == nil { throw ValidationError("--as-of: 时间格式应为 ISO 8601 并带时区，如 2027-01-15T00:00:00+08:00") }
        guard (1...1000).contains(top) else { throw ValidationError("--top: 应在 1–1000 之间") }
    }

    func run() async throws {
        let period = Period(self.period!)!
        let office = OfficeID(self.office)!
        let now = try global.currentInstant()
        let asOf = asOf.map { Instant(iso: $0)! } ?? now
        let store = try await StoreFactory.openService(global)
        let calendar = try global.calendar(office: office.rawValue)
        let rules = try OfficeRules(try RuleFolder(global: global).ruleSet(for: office), calendar: calendar)
        let engine = AssessmentEngine(inputs: RecordInputs(store), rules: rules, calendarFingerprint: calendar.fingerprint)
        let progress = ProgressLog()
        let id = RunID.make(office: office, period: period, at: now)
        let outcome = try await CancelOnInterrupt.run {
            let started = ContinuousClock.now
            let (run, timings) = try await engine.run(office: office, period: period, asOf: asOf, id: id, createdAt: now) { progress.phase($0) }
            try Task.checkCancellation()
            progress.phase("保存")
            let saveStart = ContinuousClock.now
            try await store.save(run)
            return (run, timings, Self.seconds(ContinuousClock.now - saveStart), Self.seconds(ContinuousClock.now - started))
        }
        guard let (run, timings, save, total) = outcome else {
            throw CommandFailure("已取消：本次考核没有保存（数据库未改变）")
        }
        progress.done()
        if let csv { try ResultsCSV.write(run, to: URL(fileURLWithPath: csv)) }
        if global.json { return printJSON(RunJSON(run)) }
        RunReport(run: run, top: top).print()
        print(String(format: "用时：读取 %.2f 秒，评分 %.2f 秒，时限与配额 %.2f 秒，汇总排名 %.2f 秒，保存 %.2f 秒，共 %.2f 秒",
                     timings.read, timings.score, timings.compliance, timings.rank, save, total))
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}

/// Run ids: `<period>-<office>-<yyyymmddhhmmss>-<4 random hex>`.
enum RunID {
    static func make(office: OfficeID, period: Period, at: Instant) -> String {
        let stamp = at.iso.prefix(19).filter(\.isNumber)
        return "\(period)-\(office)-\(stamp)-\(String(UInt16.random(in: 0...UInt16.max), radix: 16))"
    }
}

/// Phase lines on standard error, each with the time since the start.
final class ProgressLog: @unchecked Sendable {
    private let start = Date()
    private let lock = NSLock()

    func phase(_ name: String) {
        lock.withLock {
            FileHandle.standardError.write(Data(String(format: "[%6.2f 秒] %@…\n", Date().timeIntervalSince(start), name).utf8))
        }
    }

    func done() { phase("完成") }
}
