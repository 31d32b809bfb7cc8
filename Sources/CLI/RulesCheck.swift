import ArgumentParser
import Domain
import Rules

/// `tally rules check`: validates every office (compile, required functions) without tests.
struct RulesCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "校验所有办公室的规则（编译、必需函数），不运行测试。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this office (and what it inherits).")
    var office: String?

    struct OfficeResult: Encodable {
        var office: String
        var ok: Bool
        var version: String?
        var functions: [String: String]
        var errors: [String]
    }

    func run() async throws {
        let results = try RuleFolder(global: global).check(office: office, runTests: false)
        if global.json {
            printJSON(results.map { OfficeResult(office: $0.office, ok: $0.errors.isEmpty, version: $0.version, functions: $0.functions, errors: $0.errors) })
        } else {
            for r in results { print(r.humanSummary) }
        }
        if results.contains(where: { !$0.errors.isEmpty }) { throw CommandFailure("规则校验未通过。") }
    }
}
