import ArgumentParser
import Domain
import Foundation
import Logging
import Rules
import WorkingDays

/// `tally rules watch`: keeps the rules live, reloading on every edit, until interrupted.
struct RulesWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "监视规则目录：每次修改后校验并热加载，失败时保留上一个有效版本。")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let calendar = try global.calendar()
        let archive = RuleArchive(directory: global.dataDirectory.appendingPathComponent("rule-versions"))
        let engine = RuleEngine(rulesDirectory: global.rulesURL, calendar: calendar, archive: archive,
                                statusFile: global.dataDirectory.appendingPathComponent("rules-status.json"))
        report(engine.reload())
        print("正在监视 \(global.rules)/ …（Ctrl-C 退出）")
        fflush(nil)
        await RuleWatcher(engine: engine).run { report($0) }
    }

    private func report(_ r: ReloadReport) {
        let time = Instant(seconds: Int64(Date().timeIntervalSince1970)).iso
        for (office, version) in r.activated.sorted(by: { $0.key < $1.key }) {
            print("\(time) ✓ \(office) 已生效：规则版本 \(version.prefix(12))")
        }
        for (office, errors) in r.rejected.sorted(by: { $0.key < $1.key }) {
            print("\(time) ✗ \(office) 未生效，继续使用上一个有效版本：")
            for e in errors { print("    " + e.replacingOccurrences(of: "\n", with: "\n    ")) }
        }
        for g in r.general { print("\(time) ✗ \(g)") }
        fflush(nil)
    }
}
