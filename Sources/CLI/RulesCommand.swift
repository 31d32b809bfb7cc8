import ArgumentParser

/// `tally rules …`: check, test, evaluate, watch and inspect office rules.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "检查、测试和试算各办公室的 Lua 规则。",
        subcommands: [RulesCheck.self, RulesTest.self, RulesEval.self, RulesWatch.self, RulesStatus.self, RulesVersions.self, RulesShow.self, RulesDiff.self]
    )
}
