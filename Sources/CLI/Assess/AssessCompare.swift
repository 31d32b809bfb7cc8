import ArgumentParser
import Assessment
import Domain
import Foundation
import Tagged

/// `tally assess compare RUN RUN`: what changed between two runs and why — inputs, rule
/// version, and per unit the points, rank and grade with the reason codes that moved.
struct AssessCompare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compare", abstract: "比较两次考核：输入和规则是否变化，各单位得分、名次、等次的变化及原因。")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The earlier run.") var first: String
    @Argument(help: "The later run.") var second: String

    func run() async throws { try await Self.compare(first, second, global: global) }

    /// Prints (or with `--json` writes) the differences between two stored runs.
    static func compare(_ first: String, _ second: String, global: GlobalOptions) async throws {
        let store = try await StoreFactory.openService(global)
        guard let a = try await store.run(id: first) else { throw CommandFailure("找不到考核 \(first)") }
        guard let b = try await store.run(id: second) else { throw CommandFailure("找不到考核 \(second)") }
        let diff = RunDiff(a, b)
        if global.json { return printJSON(diff) }
        print("比较 \(a.id) → \(b.id)")
        diff.print(a, b)
    }
}

/// The differences between two runs' results, with the ledger codes behind each.
struct RunDiff: Encodable {
    struct Reason: Encodable {
        var code: String
        var reason: String
        var points: Double
        var lines: Int
    }

    struct Change: Encodable {
        var id: String
        var name: String
        var pointsBefore: Double
        var pointsAfter: Double
        var rankBefore: Int
        var rankAfter: Int
        var gradeBefore: String?
        var gradeAfter: String?
        var reasons: [Reason]
    }

    var sameInputs: Bool
    var sameRules: Bool
    var changes: [Change]

    init(_ a: AssessmentRun, _ b: AssessmentRun) {
        sameInputs = a.inputDigest == b.inputDigest
        sameRules = a.ruleVersion == b.ruleVersion
        let before = Dictionary(a.results.map { ("\($0.subject.rawValue):\($0.id)", $0) }, uniquingKeysWith: { x, _ in x })
        let after = Dictionary(b.results.map { ("\($0.subject.rawValue):\($0.id)", $0) }, uniquingKeysWith: { x, _ in x })
        let codesA = Self.bySubjectAndCode(a.ledger)
        let codesB = Self.bySubjectAndCode(b.ledger)
        var out: [Change] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            let x = before[key], y = after[key]
            guard x?.points != y?.points || x?.rank != y?.rank || x?.decision != y?.decision else { continue }
            let id = (y ?? x)!.id
            var reasons: [Reason] = []
            let ca = codesA[key] ?? [:], cb = codesB[key] ?? [:]
            for code in Set(ca.keys).union(cb.keys).sorted() {
                let p = (cb[code]?.points ?? 0) - (ca[code]?.points ?? 0)
                let n = (cb[code]?.lines ?? 0) - (ca[code]?.lines ?? 0)
                if abs(p) > 1e-9 || n != 0 { reasons.append(Reason(code: code, reason: (cb[code] ?? ca[code])!.reason, points: p, lines: n)) }
            }
            out.append(Change(id: id, name: (y ?? x)!.name, pointsBefore: x?.points ?? 0, pointsAfter: y?.points ?? 0, rankBefore: x?.rank ?? 0,
                              rankAfter: y?.rank ?? 0, gradeBefore: x?.decision.grade, gradeAfter: y?.decision.grade, reasons: reasons))
        }
        changes = out
    }

    /// What changed, for people: inputs, rules, then each changed subject with the reason
    /// codes that moved its points.
    func print(_ a: AssessmentRun, _ b: AssessmentRun) {
        Swift.print("  输入：\(sameInputs ? "相同" : "不同（\(a.inputDigest) → \(b.inputDigest)）")")
        Swift.print("  规则：\(sameRules ? "相同（\(a.ruleVersion.prefix(12))）" : "\(a.ruleVersion.prefix(12)) → \(b.ruleVersion.prefix(12))")")
        if changes.isEmpty { return Swift.print("  结果完全相同：\(b.results.count) 个对象的得分、名次和结论都没有变化。") }
        Swift.print("  有变化的对象 \(changes.count) 个：")
        for c in changes {
            var s = String(format: "  %@ %@：%.1f → %.1f（%+.1f），名次 %d → %d", c.name, c.id, c.pointsBefore, c.pointsAfter,
                           c.pointsAfter - c.pointsBefore, c.rankBefore, c.rankAfter)
            if c.gradeBefore != c.gradeAfter { s += "，等次 \(c.gradeBefore ?? "无") → \(c.gradeAfter ?? "无")" }
            Swift.print(s)
            for r in c.reasons { Swift.print(String(format: "      %@ %@：%+.1f 分（%+d 条）", r.code, r.reason, r.points, r.lines)) }
        }
    }

    /// Points and lines per code, for each unit (`unit:ID`) and person (`person:ID`).
    private static func bySubjectAndCode(_ ledger: [LedgerLine]) -> [String: [String: (points: Double, lines: Int, reason: String)]] {
        var out: [String: [String: (points: Double, lines: Int, reason: String)]] = [:]
        func add(_ key: String, _ l: LedgerLine) {
            var e = out[key, default: [:]][l.code] ?? (0, 0, AssessExplain.baseReason(l.reason))
            e.points += l.points
            e.lines += 1
            out[key, default: [:]][l.code] = e
        }
        for l in ledger {
            add("unit:" + l.unit.rawValue, l)
            if let person = l.person { add("person:" + person.rawValue, l) }
        }
        return out
    }
}
