import ArgumentParser
import DemoData
import Domain
import Foundation
import Interchange
import Rules
import Tagged
import WorkingDays

/// `tally demo`: a realistic year of the work in the database — checks the rules, generates
/// the data set (or reuses it), imports it (idempotent), and scores the year's items through
/// the live city rules.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "生成并导入一年的示例数据（city：约4万条信息；province：约100万条），校验规则并评分。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Seed of the generated data.") var seed: UInt64 = 2026
    @Option(name: .long, help: "city or province.") var size: String = "city"

    func validate() throws {
        guard DemoDataSet.Size(rawValue: size) != nil else { throw ValidationError("--size: 应为 city 或 province") }
    }

    func run() async throws {
        print("== 1. 校验规则（\(global.rules)/）")
        let results = try RuleFolder(global: global).check(office: nil, runTests: true)
        for r in results {
            print(r.humanSummary + (r.tests.isEmpty ? "" : "，测试 \(r.tests.filter(\.passed).count)/\(r.tests.count) 通过"))
        }
        guard results.allSatisfy({ $0.errors.isEmpty }) else { throw CommandFailure("规则有错误，演示停止。") }

        let calendar = try global.calendar(office: "city")
        let set = DemoDataSet(size: DemoDataSet.Size(rawValue: size)!, seed: seed, calendar: calendar)
        let file = global.dataDirectory.appendingPathComponent("demo-\(size)-\(seed).jsonl")
        if !FileManager.default.fileExists(atPath: file.path) {
            print("\n== 2. 生成 \(set.year) 年示例数据 → \(file.path)")
            let started = Date()
            let count = try DemoFile.write(set, to: file)
            print("   \(count) 条记录，\(String(format: "%.1f", Date().timeIntervalSince(started))) 秒")
        } else {
            print("\n== 2. 使用已生成的示例数据 \(file.path)")
        }

        print("\n== 3. 导入数据库 \(global.database)")
        let store = try await StoreFactory.open(global)
        let started = Date()
        do {
            let r = try await Importer(store: store).importFile(file, displayName: file.lastPathComponent) { lines in
                FileHandle.standardError.write(Data("   已读 \(lines) 行…\n".utf8))
            }
            let seconds = Date().timeIntervalSince(started)
            print("   \(r.records) 条记录（新增 \(r.inserted)，已存在 \(r.unchanged)），\(String(format: "%.1f", seconds)) 秒，\(Int(Double(r.records) / max(seconds, 0.001))) 条/秒")
        } catch let e as ImportFailure {
            throw CommandFailure(e.description)
        }

        let table = try await store.itemTable(submittedFrom: Period.year(set.year).first, through: Period.year(set.year).last)
        let ruleSet = try RuleFolder(global: global).ruleSet(for: .city)
        let rules: CompiledRules
        do { rules = try CompiledRules(ruleSet, calendar: calendar) } catch { throw CommandFailure(error.description) }
        let context = RuleContext(now: try global.currentInstant(), office: .city)
        let scoring = Date()
        let batch: ScoreBatch
        do { batch = try rules.score(table, context: context) } catch { throw CommandFailure(error.description) }
        let seconds = Date().timeIntervalSince(scoring)
        print("\n== 4. 用 city 规则（版本 \(ruleSet.shortVersion)）为 \(table.count) 条信息评分：\(batch.lines.count) 条得分记录，\(String(format: "%.2f", seconds)) 秒")
        var totals: [String: Double] = [:]
        var adopted: [String: Int] = [:]
        for (k, line) in batch.lines.enumerated() {
            totals[line.unit?.rawValue ?? table.leadUnit(Int(batch.itemIndex[k])).rawValue, default: 0] += line.points
        }
        for i in 0..<table.count where table.adoptionStart[i + 1] > table.adoptionStart[i] {
            adopted[table.leadUnit(i).rawValue, default: 0] += 1
        }
        let units = SampleUnits.make(counties: size == "city" ? 12 : 100, townships: size == "city" ? 8 : 14, departments: size == "city" ? 80 : 500)
        for (group, label) in [("county", "县区"), ("dept-1", "一类部门"), ("dept-2", "二类部门"), ("dept-3", "三类部门")] {
            let ranked = units.filter { $0.group == group }.sorted {
                (totals[$0.id.rawValue] ?? 0, $1.id.rawValue) > (totals[$1.id.rawValue] ?? 0, $0.id.rawValue)
            }
            print("\n【\(label)】前五名")
            for (i, u) in ranked.prefix(5).enumerated() {
                print(String(format: "  %d. %@  %.1f 分（采用 %d 条）", i + 1, u.name, totals[u.id.rawValue] ?? 0, adopted[u.id.rawValue] ?? 0))
            }
        }
        try await DemoSchedule.show(global)
    }
}

/// Writes a generated data set as an interchange file (atomically).
enum DemoFile {
    static func write(_ set: DemoDataSet, to url: URL) throws -> Int {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        FileManager.default.createFile(atPath: tmp.path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: tmp.path) else { throw CommandFailure("无法写入 \(tmp.path)") }
        var buffer = Data()
        var count = 0
        try set.generate { record in
            buffer.append(contentsOf: RecordEncoder.line(record).utf8)
            buffer.append(0x0A)
            count += 1
            if buffer.count > 4 << 20 {
                handle.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(buffer)
        try handle.close()
        guard rename(tmp.path, url.path) == 0 else { throw CommandFailure("无法写入 \(url.path)") }
        return count
    }
}
