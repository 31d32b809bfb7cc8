import Assessment
import Domain
import Foundation
import Notices
import WorkingDays

/// The rankings of a run as people read them: per group, the top and bottom units with
/// points, submissions, adoptions by level and the `assess` decision; the units with no
/// submission or no adoption; the leading writers.
struct RunReport {
    let run: AssessmentRun
    let top: Int

    func print() {
        let units = run.results.filter { $0.subject == .unit }
        Swift.print("== \(run.period.label)考核  办公室 \(run.office)  规则版本 \(run.ruleVersion.prefix(12))  截至 \(run.asOf.iso)")
        Swift.print("   运行编号 \(run.id)  输入摘要 \(run.inputDigest)  账目 \(run.ledger.count) 行  尚未到期的时限 \(run.pending) 项")
        for group in Set(units.map(\.group)).sorted() {
            let rows = units.filter { $0.group == group }.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }
            Swift.print("\n【\(GroupLabel.of(group))】\(rows.count) 个单位")
            Swift.print("  排名  单位                     得分    报送  采用(市/省/国)  批示  等次/奖惩")
            let shown = rows.count <= 2 * top ? rows : Array(rows.prefix(top)) + Array(rows.suffix(top))
            for (k, r) in shown.enumerated() {
                if rows.count > 2 * top, k == top { Swift.print("  …") }
                Swift.print("  " + line(r))
            }
            let zeroSubmitted = rows.filter { $0.submitted == 0 }.map(\.name)
            let zeroAdopted = rows.filter { $0.adoptedTotal == 0 }.map(\.name)
            if !zeroSubmitted.isEmpty { Swift.print("  零报送：\(zeroSubmitted.joined(separator: "、"))") }
            if !zeroAdopted.isEmpty { Swift.print("  零采用：\(zeroAdopted.joined(separator: "、"))") }
        }
        let persons = run.results.filter { $0.subject == .person }.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }
        if !persons.isEmpty {
            Swift.print("\n【\(AssessmentEngine.personGroup)】前 \(min(top, persons.count)) 名（共 \(persons.count) 人）")
            for r in persons.prefix(top) { Swift.print("  " + line(r)) }
        }
    }

    /// How people name the interchange format's usual group ids; other groups as written.
    private func line(_ r: SubjectResult) -> String {
        let a = r.adopted
        let adopted = "\(a["city"] ?? 0)/\(a["province"] ?? 0)/\(a["state"] ?? 0)"
        var decision = [r.decision.grade, r.decision.reward, r.decision.penalty].compactMap { $0 }.joined(separator: "，")
        if r.decision.veto { decision += (decision.isEmpty ? "" : "，") + "否决：" + r.decision.reasons.joined(separator: "；") }
        return String(format: "%4d  %@  %8.1f  %4d  %-14@  %4d  %@", r.rank, pad(r.name, 22), r.points, r.submitted, adopted as NSString,
                      r.instructions.values.reduce(0, +), decision)
    }

    /// Pads to `width` display columns (a Chinese character takes two).
    private func pad(_ s: String, _ width: Int) -> String {
        let w = s.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
        return s + String(repeating: " ", count: max(0, width - w))
    }
}

/// A run for machines: the header and the results (the ledger is in the database and in
/// `tally assess explain`).
struct RunJSON: Encodable {
    var id: String
    var office: String
    var period: String
    var asOf: String
    var createdAt: String
    var inputDigest: String
    var ruleVersion: String
    var ruleFiles: [String: String]
    var ledgerLines: Int
    var pending: Int
    var results: [SubjectResult]

    init(_ run: AssessmentRun) {
        id = run.id
        office = run.office.rawValue
        period = run.period.description
        asOf = run.asOf.iso
        createdAt = run.createdAt.iso
        inputDigest = run.inputDigest
        ruleVersion = run.ruleVersion
        ruleFiles = run.ruleFiles
        ledgerLines = run.ledger.count
        pending = run.pending
        results = run.results
    }
}

/// The results table as CSV (UTF-8 with a byte-order mark, which spreadsheet programs need
/// to read Chinese).
enum ResultsCSV {
    static func write(_ run: AssessmentRun, to url: URL) throws {
        let header = ["类别", "排名", "编号", "名称", "得分", "报送", "市采用", "省采用", "国采用", "批示", "等次", "奖励", "处罚", "否决", "否决原因", "折算分"]
        let rows = run.results.map { r in
            [
                GroupLabel.of(r.group), String(r.rank), r.id, r.name, String(format: "%.4f", r.points), String(r.submitted),
                String(r.adopted["city"] ?? 0), String(r.adopted["province"] ?? 0), String(r.adopted["state"] ?? 0),
                String(r.instructions.values.reduce(0, +)), r.decision.grade ?? "", r.decision.reward ?? "", r.decision.penalty ?? "",
                r.decision.veto ? "是" : "", r.decision.reasons.joined(separator: "；"), r.decision.converted.map { String(format: "%.2f", $0) } ?? "",
            ]
        }
        do {
            try SpreadsheetCSV.text(header: header, rows: rows).write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure("无法写入 \(url.path)：\(error.localizedDescription)")
        }
    }
}
