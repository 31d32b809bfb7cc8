import ArgumentParser
import Assessment
import DemoData
import Domain
import Foundation
import Interchange
import Rules
import Tagged
import WebService
import WorkingDays

/// `tally demo`: a realistic year of the work in the database — checks the rules, generates
/// the data set (or reuses it), imports it (idempotent), runs and stores the year's
/// assessment through the live city rules, and shows the city's schedule.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "生成并导入一年的示例数据（city：约4万条信息；province：约100万条），校验规则，开展年度考核并显示日程。")

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
        let store = try await StoreFactory.openService(global)
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

        let year = Period.year(set.year)
        let asOf = Instant(day: year.last, minute: 23 * 60 + 59)
        let now = try global.currentInstant()
        print("\n== 4. \(year.label)考核（city 规则，截至 \(asOf.iso)，保存到数据库）")
        let engine = try AssessmentSetup.engine(store, rules: try RuleFolder(global: global).ruleSet(for: .city), global: global)
        let progress = ProgressLog(phases: AssessmentEngine.phaseCount + 1)
        let (run, _) = try await engine.run(office: .city, period: year, asOf: asOf, id: RunID.make(office: .city, period: year, at: now),
                                            createdAt: now) { progress.phase($0) }
        progress.phase("保存")
        try await store.save(run)
        progress.finish()
        RunReport(run: run, top: 3).print()
        print("\n   查看某单位得分明细：tally assess explain --unit \(run.results.first { $0.subject == .unit }?.id ?? "ID") --period \(year)")
        try await DemoSchedule.show(global)
        try await DemoAccounts.ensure(store, global: global)
    }
}

/// The demo's sign-in accounts, one per role, all with the password `DemoAccounts.password`
/// (made once: a password changed later is kept).
enum DemoAccounts {
    static let password = "tally-demo-2026"
    static let accounts: [(person: String, role: Role, what: String)] = [
        ("city-admin-1", .admin, "市政府办公室信息科（管理员：审核、采用、考核、规则）"),
        ("city-leader-1", .cityLeader, "市领导（查看排名与通报）"),
        ("dept-001-p1", .clerk, "市直部门信息员（起草、报送）"),
        ("dept-001-leader", .unitLeader, "市直部门分管领导"),
        ("county-a-admin-1", .admin, "清河县政府办公室（县级管理员，只管本县乡镇）"),
    ]

    static func ensure(_ store: any ServiceStore, global: GlobalOptions) async throws {
        print("\n== 5. 控制台账号（tally serve 后登录 http://127.0.0.1:8080/，密码均为 \(password)）")
        let people = try await store.organisation().people
        let passwords = Passwords()
        for a in accounts where people[PersonID(rawValue: a.person)] != nil {
            if try await store.account(PersonID(rawValue: a.person)) == nil {
                try await store.saveAccount(Account(person: PersonID(rawValue: a.person), role: a.role), passwordHash: passwords.hash(password))
            }
            print("   \(a.person)  \(a.what)")
        }
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
