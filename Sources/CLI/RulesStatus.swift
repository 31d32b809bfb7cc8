import ArgumentParser
import Foundation
import Rules
import WorkingDays

/// `tally rules status`: what the running watcher (or service) has live, and why an edit
/// was rejected — read from the status file it writes after every reload.
struct RulesStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "显示正在运行的规则监视（tally rules watch / serve）中各办公室的生效版本和最近的错误。")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let file = global.dataDirectory.appendingPathComponent("rules-status.json")
        guard let data = try? Data(contentsOf: file) else {
            throw CommandFailure("没有规则状态文件 \(file.path)：tally rules watch 或 tally serve 运行时才会写入。用 tally rules check 校验磁盘上的规则。")
        }
        let snapshot = try JSONDecoder().decode(RuleEngine.StatusSnapshot.self, from: data)
        if global.json { return printJSON(snapshot) }
        print("规则状态（更新于 \(snapshot.updated.iso)）")
        for s in snapshot.offices {
            let live = s.liveVersion.map { "生效版本 \($0.prefix(12))（自 \(s.liveSince?.iso ?? "—")）" } ?? "没有有效版本"
            let tests = s.tests.isEmpty ? "" : "，测试 \(s.tests.filter(\.passed).count)/\(s.tests.count) 通过"
            print("\(s.errors.isEmpty ? "✓" : "✗") \(s.office)  \(live)\(tests)")
            if let disk = s.diskVersion { print("    磁盘上的版本 \(disk.prefix(12)) 未生效：") }
            for e in s.errors { print("    " + e.replacingOccurrences(of: "\n", with: "\n    ")) }
        }
        for g in snapshot.general { print("✗ \(g)") }
    }
}
