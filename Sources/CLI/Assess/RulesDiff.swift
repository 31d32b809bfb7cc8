import ArgumentParser
import Assessment
import Domain
import Foundation
import Rules
import WorkingDays

/// `tally rules diff --period P --office ID`: a shadow run. Evaluates the edited rules beside
/// the live ones over the same record and shows how points, ranks and grades would move;
/// nothing is stored.
///
/// The live rules are the office's newest version in the rule archive (what `tally serve`
/// or `tally rules watch` last activated), or `--live VERSION`; without any archived
/// version they are the `--rules` folder. The edited rules are `--edited DIR` (a rules
/// folder holding the draft), else the `--rules` folder.
struct RulesDiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "试运行：用修改中（尚未生效）的规则与生效规则分别考核同一期间，显示得分、名次、等次将如何变化；不保存。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Period: 2026, 2026Q2 or 2026-05.") var period: String
    @Option(name: .long, help: "Office whose rules and units are assessed.") var office = "city"
    @Option(name: .long, help: "Count facts known at this instant (default: now).") var asOf: String?
    @Option(name: .long, help: "Live version (hash or unique prefix) from `tally rules versions`; default: the newest.") var live: String?
    @Option(name: .long, help: "Rules folder holding the edited rules (default: --rules).") var edited: String?

    func validate() throws {
        guard Period(period) != nil else { throw ValidationError("--period: 应为 2026、2026Q2 或 2026-05，实际为 '\(period)'") }
        guard OfficeID(office) != nil else { throw ValidationError("--office: '\(office)' 不是有效的办公室编号") }
        if let asOf, Instant(iso: asOf) == nil { throw ValidationError("--as-of: 时间格式应为 ISO 8601 并带时区，如 2027-01-15T00:00:00+08:00") }
    }

    func run() async throws {
        let period = Period(period)!
        let office = OfficeID(office)!
        let now = try global.currentInstant()
        let asOf = asOf.map { Instant(iso: $0)! } ?? now
        var draft = global
        if let edited { draft.rules = edited }
        let editedSet = try RuleFolder(global: draft).ruleSet(for: office)
        let (liveSet, liveLabel) = try liveRules(office)
        let store = try await StoreFactory.openService(global)
        let progress = ProgressLog(phases: 2)
        func shadow(_ set: RuleSet, _ label: String) async throws -> AssessmentRun {
            progress.phase("按\(label)规则（\(set.version.prefix(12))）考核")
            let engine = try AssessmentSetup.engine(store, rules: set, global: global)
            let id = "shadow-\(label)-\(set.version.prefix(12))"
            return try await engine.run(office: office, period: period, asOf: asOf, id: id, createdAt: now).0
        }
        let before = try await shadow(liveSet, "生效")
        let after = try await shadow(editedSet, "修改")
        progress.finish()
        let diff = RunDiff(before, after)
        if global.json { return printJSON(diff) }
        print("试运行 \(period.description) 办公室 \(office)：生效规则 \(liveLabel) → 修改后的规则（\(draft.rules)）")
        if liveSet.version == editedSet.version { print("  注意：修改后的规则与生效规则相同（版本 \(liveSet.version.prefix(12))）。") }
        diff.print(before, after)
    }

    /// The live rule set and where it came from.
    private func liveRules(_ office: OfficeID) throws -> (RuleSet, String) {
        let archive = RuleArchive(directory: global.dataDirectory.appendingPathComponent("rule-versions"))
        if let live {
            guard let (full, _) = archive.files(of: office, version: live), let set = archive.ruleSet(of: office, version: full) else {
                throw CommandFailure("找不到 \(office) 的规则版本 \(live)（见 tally rules versions --office \(office)）")
            }
            return (set, "版本 \(full.prefix(12))")
        }
        if let newest = archive.history(of: office).last, let set = archive.ruleSet(of: office, version: newest.version) {
            return (set, "版本 \(newest.version.prefix(12))（\(newest.activated.iso) 生效）")
        }
        guard edited != nil else {
            throw CommandFailure("没有 \(office) 已生效的规则版本记录：请用 --edited 指定修改中的规则目录，与 \(global.rules) 比较")
        }
        return (try RuleFolder(global: global).ruleSet(for: office), "目录 \(global.rules)")
    }
}
