import ArgumentParser
import Domain
import Foundation
import Rules
import WorkingDays

/// `tally rules eval`: evaluates one call and prints the JSON result.
struct RulesEval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "用一个 JSON 输入试算一个规则函数，输出 JSON 结果（result，以及规则版本 version、now 和日志 logs）。",
        discussion: "Example: tally rules eval --office county-a --function score --input item.json --now 2026-04-01T09:00:00+08:00")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Office id, e.g. city or county-a.")
    var office: String
    @Option(name: .long, help: "score, compliance, assess or deadline.")
    var function: String
    @Option(name: .long, help: "JSON file with the function's input (- for standard input).")
    var input: String

    func validate() throws {
        guard OfficeID(office) != nil else { throw ValidationError("--office: '\(office)' 不是有效的办公室编号") }
        guard RuleFunction(rawValue: function) != nil else {
            throw ValidationError("--function: 应为 \(RuleFunction.allCases.map(\.rawValue).joined(separator: "、")) 之一，实际为 '\(function)'")
        }
        if input != "-" && !FileManager.default.fileExists(atPath: input) {
            throw ValidationError("--input: 文件不存在：\(input)")
        }
    }

    func run() async throws {
        let data = input == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: input))
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw CommandFailure("\(input): 不是有效的 JSON")
        }
        let folder = try RuleFolder(global: global)
        let set = try folder.ruleSet(for: OfficeID(office)!)
        let calendar = try global.calendar(office: office)
        let now = try global.currentInstant()
        let rules: CompiledRules
        do {
            rules = try CompiledRules(set, calendar: calendar)
        } catch {
            throw CommandFailure(error.description)
        }
        do {
            let result = try RuleEvaluation.evaluate(RuleFunction(rawValue: function)!, input: value, now: now, rules: rules)
            // The result with what produced it: the rule version, the frozen "now", the logs.
            let output: JSONValue = .object([
                "office": .string(office), "function": .string(function), "version": .string(rules.version),
                "now": .string(now.iso), "result": result, "logs": .array(rules.logLines.map { .string($0) }),
            ])
            print(output.prettyText)
        } catch {
            for line in rules.logLines { FileHandle.standardError.write(Data("log \(line)\n".utf8)) }
            throw CommandFailure(error.description)
        }
    }
}
