import Tagged
import ArgumentParser
import DemoData
import Domain
import Foundation
import Rules
import WorkingDays

/// `tally demo`: a realistic run on generated data — checks every office's rules, then
/// scores a year of a city's items through the live city rules and prints the leaders of
/// each assessment group.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "在生成的示例数据上演示：校验规则并为一年的示例信息评分。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Seed of the generated data.") var seed: UInt64 = 2026
    @Option(name: .long, help: "city (about 40,000 items) or province (about 1,000,000).") var size: String = "city"

    func validate() throws {
        guard ["city", "province"].contains(size) else { throw ValidationError("--size: 应为 city 或 province") }
    }

    func run() async throws {
        print("== 1. 校验规则（\(global.rules)/）")
        let results = try RuleFolder(global: global).check(office: nil, runTests: true)
        for r in results {
            print(r.humanSummary + (r.tests.isEmpty ? "" : "，测试 \(r.tests.filter(\.passed).count)/\(r.tests.count) 通过"))
        }
        guard results.allSatisfy({ $0.errors.isEmpty }) else { throw CommandFailure("规则有错误，演示停止。") }

        let calendar = try global.calendar(office: "city")
        let units = size == "city"
            ? SampleUnits.make(counties: 12, townships: 8, departments: 80)
            : SampleUnits.make(counties: 100, townships: 14, departments: 500)
        let count = size == "city" ? 40_000 : 1_000_000
        let generator: SampleItems
        do { generator = try SampleItems(units: units, year: 2026, calendar: calendar) } catch { throw CommandFailure(error.description) }
        print("\n== 2. 生成 2026 年示例信息：\(units.count) 个单位，\(count) 条信息（种子 \(seed)）")
        let items = (0..<count).map { generator.item($0, seed: seed) }

        let set = try RuleFolder(global: global).ruleSet(for: .city)
        let rules: CompiledRules
        do { rules = try CompiledRules(set, calendar: calendar) } catch { throw CommandFailure(error.description) }
        let start = Date()
        let context = RuleContext(now: try global.currentInstant(), office: .city)
        let batch: ScoreBatch
        do {
            batch = try rules.score(items, context: context)
        } catch {
            throw CommandFailure(error.description)
        }
        let seconds = Date().timeIntervalSince(start)
        var totals: [UnitID: Double] = [:]
        var adopted: [UnitID: Int] = [:]
        let lineCount = batch.lines.count
        for (k, l) in batch.lines.enumerated() {
            totals[l.unit ?? items[Int(batch.itemIndex[k])].units[0], default: 0] += l.points
        }
        for item in items where !item.adoptions.isEmpty { adopted[item.units[0], default: 0] += 1 }
        print("\n== 3. 用 city 规则（版本 \(set.shortVersion)）评分：\(lineCount) 条得分记录，用时 \(String(format: "%.2f", seconds)) 秒（\(Int(Double(count) / seconds)) 条/秒）")
        let groups = ["county": "县区", "dept-1": "一类部门", "dept-2": "二类部门", "dept-3": "三类部门", "township": "乡镇街道"]
        for group in ["county", "dept-1", "dept-2", "dept-3"] {
            let ranked = units.filter { $0.group == group }.sorted { (totals[$0.id] ?? 0, $1.id.rawValue) > (totals[$1.id] ?? 0, $0.id.rawValue) }
            print("\n【\(groups[group]!)】前五名")
            for (i, u) in ranked.prefix(5).enumerated() {
                print(String(format: "  %d. %@  %.1f 分（采用 %d 条）", i + 1, u.name, totals[u.id] ?? 0, adopted[u.id] ?? 0))
            }
        }
    }
}
