import Assessment
import Domain
import Tagged
import WorkingDays

/// Runs to store: one with a bit of everything a result can hold, and large ones.
enum RunFixture {
    static let t0 = Instant(iso: "2026-07-01T09:00:00+08:00")!
    static let city = OfficeID("city")!
    static let county = OfficeID("county-a")!

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// A run whose ledger and results exercise every column: persons and none, NULLs and
    /// empty values, unicode, quotes and control characters, doubles without a short
    /// decimal form.
    static func sample(id: String = "r1", office: OfficeID = city, period: Period = .quarter(2026, 2),
                       createdAt: Instant = t0) -> AssessmentRun {
        let ledger = [
            LedgerLine(unit: "u-county", person: "p-li", source: "item:I-1", function: "score", code: "C2", points: 0.1 + 0.2,
                       reason: "市级采用（简报）", date: day("2026-04-03")),
            LedgerLine(unit: "u-county", source: "commission:K-7", function: "compliance", code: "D3", points: -1.0 / 3,
                       reason: "约稿迟报 2 天 ⏰", date: day("2026-04-10")),
            LedgerLine(unit: "u-dept", person: "p-wang", source: "item:I-2", function: "score", code: "P1", points: 5e-324,
                       reason: "含 \"引号\"、反斜杠 \\ 与\t制表符\n换行", date: day("2026-05-31")),
            LedgerLine(unit: "u-county", person: "p-wang", source: "item:I-3", function: "score", code: "S1",
                       points: 1.2345e300, reason: "", date: day("2026-06-30")),
            LedgerLine(unit: "u-dept", source: "quota:u-dept:2026Q2", function: "compliance", code: "Q1", points: -0.0,
                       reason: "配额完成", date: day("2026-06-30")),
            LedgerLine(unit: "u-county", person: "p-li", source: "item:I-4", function: "score", code: "C2", points: 12.345678901234567,
                       reason: "省级采用 😀", date: day("2026-04-01")),
        ]
        let results = [
            SubjectResult(subject: .unit, id: "u-county", name: "甲县", group: "县区", points: 12.6457, rank: 1, groupSize: 2, submitted: 14,
                          adopted: ["city": 3, "province": 1], instructions: ["city": 2], compliance: ["commission.late": 1],
                          decision: AssessmentDecision(grade: "先进一等", reward: "通报表扬", converted: 97.5)),
            SubjectResult(subject: .unit, id: "u-dept", name: "乙局", group: "县区", points: 0, rank: 2, groupSize: 2, submitted: 0,
                          adopted: [:], instructions: [:], compliance: [:],
                          decision: AssessmentDecision(veto: true, reasons: ["瞒报突发事件", "迟报 \"两次\"\n（第二行）"],
                                                       penalty: "约谈", converted: 0)),
            SubjectResult(subject: .person, id: "p-li", name: "李明", group: "信息员", points: 12.6457, rank: 1, groupSize: 2, submitted: 9,
                          adopted: ["city": 2], instructions: [:], compliance: ["quota.missed": 0],
                          decision: AssessmentDecision(grade: "优秀信息员", converted: .greatestFiniteMagnitude)),
            SubjectResult(subject: .person, id: "p-wang", name: "王芳", group: "信息员", points: 1.0 / 7, rank: 2, groupSize: 2, submitted: 3,
                          adopted: [:], instructions: ["省级": 1], compliance: [:], decision: AssessmentDecision(reasons: [])),
        ]
        return AssessmentRun(id: id, office: office, period: period, asOf: t0.adding(seconds: -3600), createdAt: createdAt,
                             inputDigest: "sha256:" + String(repeating: "ab", count: 32), ruleVersion: "v-1f2e3d",
                             ruleFiles: ["score": "rules/city/10_score.lua", "assess": "rules/city/90_assess.lua", "compliance": "rules/共同.lua"],
                             ledger: ledger, results: results, pending: 3)
    }

    /// A run of `lines` ledger lines spread over 40 units and 200 persons (every third line
    /// without one), with varied codes, reasons, points and days.
    static func large(id: String = "big", lines: Int) -> AssessmentRun {
        var run = sample(id: id, period: .year(2026))
        let first = day("2026-01-01")
        run.ledger = (0..<lines).map { k in line(k, first: first) }
        return run
    }

    private static let codes = ["C1", "C2", "P1", "D3"]

    private static func line(_ k: Int, first: Day) -> LedgerLine {
        let unit = UnitID(rawValue: "u-\(k % 40)")
        let person: PersonID? = k % 3 == 0 ? nil : PersonID(rawValue: "p-\(k % 200)")
        let function = k % 5 == 0 ? "compliance" : "score"
        let points = Double(k % 17) / 3 - 2
        let reason = k % 7 == 0 ? "约稿迟报 \(k % 5) 天" : "市级采用（第 \(k) 条）"
        return LedgerLine(unit: unit, person: person, source: "item:I-\(k / 2)", function: function, code: codes[k % 4],
                          points: points, reason: reason, date: first.adding(days: k % 365))
    }

    /// The header `runs` lists for `run`.
    static func header(_ run: AssessmentRun) -> AssessmentRunHeader {
        AssessmentRunHeader(id: run.id, office: run.office, period: run.period, asOf: run.asOf, createdAt: run.createdAt,
                            inputDigest: run.inputDigest, ruleVersion: run.ruleVersion, ledgerLines: run.ledger.count,
                            points: Points.round(run.ledger.reduce(0) { $0 + $1.points }))
    }
}
