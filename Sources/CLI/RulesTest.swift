import ArgumentParser
import Foundation
import Rules

/// `tally rules test`: runs every office's own tests.
struct RulesTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "运行各办公室 tests/ 下的规则测试。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this office.")
    var office: String?

    struct TestOutput: Encodable {
        var office: String
        var version: String?
        var passed: Int
        var failed: Int
        var results: [RuleTestResult]
        var errors: [String]
    }

    func run() async throws {
        let results = try RuleFolder(global: global).check(office: office, runTests: true)
        var failed = 0
        var outputs: [TestOutput] = []
        for r in results {
            let tests = r.tests
            let bad = tests.filter { !$0.passed }.count
            failed += bad + (tests.isEmpty ? r.errors.count : 0)
            outputs.append(TestOutput(office: r.office, version: r.version, passed: tests.count - bad, failed: bad, results: tests, errors: r.errors))
            guard !global.json else { continue }
            if tests.isEmpty && r.errors.isEmpty {
                print("- \(r.office)：没有规则测试（rules/\(r.office)/tests/）")
                continue
            }
            for t in tests where !t.passed {
                print("✗ \(r.office) \(t.file) — \(t.name)")
                if let m = t.message { print("    " + m.replacingOccurrences(of: "\n", with: "\n    ")) }
            }
            if tests.isEmpty {
                for e in r.errors { print("✗ \(r.office)：\(e)") }
            }
            print("\(bad == 0 && r.errors.isEmpty ? "✓" : "✗") \(r.office)：\(tests.count - bad) 项通过，\(bad) 项失败（规则版本 \(r.version?.prefix(12) ?? "—")）")
        }
        if global.json { printJSON(outputs) }
        if failed > 0 || results.contains(where: { !$0.errors.isEmpty }) { throw CommandFailure("规则测试未全部通过。") }
    }
}
