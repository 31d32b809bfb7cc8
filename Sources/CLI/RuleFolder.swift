import Domain
import Foundation
import Rules
import WorkingDays

/// The rules folder as the CLI commands read it.
struct RuleFolder {
    let global: GlobalOptions
    let offices: [OfficeID: OfficeSource]
    let sets: [OfficeID: RuleSet]
    let problems: [RuleError]

    init(global: GlobalOptions) throws {
        self.global = global
        guard FileManager.default.fileExists(atPath: global.rules) else {
            throw CommandFailure("规则目录不存在：\(global.rules)（用 --rules 指定）")
        }
        let (offices, readProblems) = RuleSourceReader(root: global.rulesURL).read()
        let (sets, chainProblems) = RuleSet.resolve(offices)
        self.offices = offices
        self.sets = sets
        problems = readProblems + chainProblems
    }

    func ruleSet(for office: OfficeID) throws -> RuleSet {
        if let set = sets[office] { return set }
        if let p = problems.first(where: { $0.office == office }) { throw CommandFailure(p.description) }
        throw CommandFailure("没有办公室 '\(office)' 的规则（\(global.rules)/\(office)/ 不存在）")
    }

    struct Result {
        var office: String
        var version: String?
        var functions: [String: String] = [:]
        var errors: [String] = []
        var tests: [RuleTestResult] = []

        var humanSummary: String {
            guard errors.isEmpty else {
                return "✗ \(office)\n" + errors.map { "    " + $0.replacingOccurrences(of: "\n", with: "\n    ") }.joined(separator: "\n")
            }
            let own = functions.filter { $0.value == office }.keys.sorted()
            let inherited = functions.filter { $0.value != office }.sorted { $0.key < $1.key }.map { "\($0.key)←\($0.value)" }
            var s = "✓ \(office)  规则版本 \(version?.prefix(12) ?? "—")  自有：\(own.isEmpty ? "无" : own.joined(separator: " "))"
            if !inherited.isEmpty { s += "  继承：\(inherited.joined(separator: " "))" }
            return s
        }
    }

    /// Validates offices (all, or one and its ancestors); problems of unrelated offices are
    /// reported only when checking everything.
    func check(office: String?, runTests: Bool) throws -> [Result] {
        var targets = sets.keys.sorted()
        var results: [Result] = []
        if let office {
            guard let id = OfficeID(office) else { throw CommandFailure("'\(office)' 不是有效的办公室编号") }
            targets = [id]
            if sets[id] == nil {
                let ps = problems.filter { $0.office == id }
                guard !ps.isEmpty else { throw CommandFailure("没有办公室 '\(office)' 的规则（\(global.rules)/\(office)/ 不存在）") }
                return [Result(office: office, errors: ps.map(\.description))]
            }
        } else {
            for p in problems {
                results.append(Result(office: p.office?.rawValue ?? "(rules)", errors: [p.description]))
            }
        }
        for id in targets {
            let set = sets[id]!
            let outcome = RuleValidator.validate(set, calendar: try global.calendar(office: id.rawValue), runTests: runTests)
            var r = Result(office: id.rawValue, version: set.version)
            r.errors = outcome.errors.map(\.description)
            r.tests = outcome.tests?.results ?? []
            r.functions = outcome.compiled?.functionOwners ?? [:]
            results.append(r)
        }
        return results.sorted { $0.office < $1.office }
    }
}
