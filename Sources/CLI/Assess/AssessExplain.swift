import ArgumentParser
import Assessment
import Domain
import Foundation
import Tagged
import WorkingDays

/// `tally assess explain --unit ID --period P`: where a unit's (or person's) points come from,
/// grouped by reason code, from the latest stored run (or `--run`).
struct AssessExplain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "解释得分：某单位或个人在一次考核中的全部得分记录，按计分规则汇总。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Unit id.") var unit: String?
    @Option(name: .long, help: "Person id.") var person: String?
    @Option(name: .long, help: "Period of the run (the latest run of it is used).") var period: String?
    @Option(name: .long, help: "Office of the run.") var office = "city"
    @Option(name: .long, help: "A stored run's id (instead of --period).") var run: String?
    @Flag(name: .long, help: "List every ledger line, not only the totals per reason.") var lines = false

    func validate() throws {
        guard (unit == nil) != (person == nil) else { throw ValidationError("请给出 --unit 或 --person 之一") }
        guard run != nil || period.flatMap(Period.init) != nil else { throw ValidationError("请给出 --period（如 2026Q2）或 --run") }
    }

    struct Group: Encodable {
        var code: String
        var reason: String
        var lines: Int
        var points: Double
    }

    struct Explanation: Encodable {
        var run: String
        var subject: String
        var total: Double
        var rank: Int?
        var groups: [Group]
        var lines: [LedgerLine]?
    }

    func run() async throws {
        let store = try await StoreFactory.openService(global)
        let header = try await AssessRuns.pick(store, run: run, office: office, period: period)
        let subject = unit ?? person!
        let ledger = try await store.ledger(run: header.id, unit: unit.map { UnitID(rawValue: $0) }, person: person.map { PersonID(rawValue: $0) })
        guard let full = try await store.run(id: header.id) else { throw CommandFailure("找不到考核 \(header.id)") }
        let result = full.results.first { $0.id == subject && $0.subject == (unit != nil ? .unit : .person) }
        guard result != nil || !ledger.isEmpty else { throw CommandFailure("考核 \(header.id) 中没有 \(subject)") }
        var groups: [String: Group] = [:]
        for l in ledger {
            var g = groups[l.code] ?? Group(code: l.code, reason: Self.baseReason(l.reason), lines: 0, points: 0)
            g.lines += 1
            g.points += l.points
            groups[l.code] = g
        }
        let sorted = groups.values.sorted { abs($0.points) != abs($1.points) ? abs($0.points) > abs($1.points) : $0.code < $1.code }
        let total = Points.round(ledger.reduce(0) { $0 + $1.points })
        if global.json {
            return printJSON(Explanation(run: header.id, subject: subject, total: total, rank: result?.rank, groups: sorted,
                                         lines: lines ? ledger : nil))
        }
        print("\(result?.name ?? subject)（\(subject)）\(header.period.label)得分 \(String(format: "%.1f", total))" +
              (result.map { "，\(GroupLabel.of($0.group))第 \($0.rank) 名（共 \($0.groupSize)）" } ?? "") + "  考核 \(header.id)，规则版本 \(header.ruleVersion.prefix(12))")
        print("  代码  条数    小计  计分依据")
        for g in sorted { print(String(format: "  %-4@  %4d  %7.1f  %@", g.code as NSString, g.lines, g.points, g.reason)) }
        if let d = result?.decision {
            let parts = [d.grade, d.reward, d.penalty].compactMap { $0 } + (d.veto ? ["否决：" + d.reasons.joined(separator: "；")] : [])
            if !parts.isEmpty { print("  结论：" + parts.joined(separator: "，")) }
        }
        if lines {
            print("\n  日期        来源                            分值  说明")
            for l in ledger { print(String(format: "  %@  %-30@  %5.1f  %@", l.date.iso, l.source as NSString, l.points, l.reason)) }
        }
    }

    /// A reason without its details in brackets: `市《政务信息》采用（…）` → `市《政务信息》采用`.
    static func baseReason(_ reason: String) -> String {
        reason.split(separator: "（", maxSplits: 1).first.map(String.init) ?? reason
    }
}

/// `tally assess runs`: the stored runs, newest first.
struct AssessRuns: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "列出已保存的考核。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this office's runs.") var office: String?
    @Option(name: .long, help: "Only runs of this period.") var period: String?

    func run() async throws {
        let store = try await StoreFactory.openService(global)
        let list = try await store.runs(office: office.flatMap(OfficeID.init), period: period.flatMap(Period.init))
        if global.json {
            return printJSON(list.map { ["id": $0.id, "office": $0.office.rawValue, "period": $0.period.description, "as_of": $0.asOf.iso,
                                         "created_at": $0.createdAt.iso, "input_digest": $0.inputDigest, "rule_version": $0.ruleVersion] })
        }
        if list.isEmpty { return print("还没有保存的考核（tally assess --period …）。") }
        for h in list {
            print("\(h.id)  \(h.period.label)  \(h.office)  截至 \(h.asOf.iso)  规则 \(h.ruleVersion.prefix(12))  输入 \(h.inputDigest)  账目 \(h.ledgerLines) 行")
        }
    }

    /// The run `--run` names, else the latest of `office` and `period`.
    static func pick(_ store: any ServiceStore, run: String?, office: String, period: String?) async throws -> AssessmentRunHeader {
        if let run {
            guard let r = try await store.runs(office: nil, period: nil).first(where: { $0.id == run }) else {
                throw CommandFailure("找不到考核 \(run)（tally assess runs 列出全部）")
            }
            return r
        }
        guard let office = OfficeID(office), let p = period.flatMap(Period.init) else { throw CommandFailure("请给出 --period 或 --run") }
        guard let latest = try await store.runs(office: office, period: p).first else {
            throw CommandFailure("\(office) 还没有 \(p.label) 的考核：先运行 tally assess --period \(p) --office \(office)")
        }
        return latest
    }
}
