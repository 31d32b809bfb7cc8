package import Assessment
import Domain

/// Builds the year-end results' view model from a stored year run (`tally assess --period
/// 2026`). Units are ranked per group as in the run; persons appear only as awarded or,
/// when the rules gave them a penalty, as vetoed.
package struct YearEndBuilder: Sendable {
    /// How people name a group id (县区, 一类部门…).
    package var groupLabel: @Sendable (String) -> String

    package init(groupLabel: @escaping @Sendable (String) -> String) { self.groupLabel = groupLabel }

    /// The results of `run`, which should be of a year, issued by `officeName`.
    package func results(of run: AssessmentRun, officeName: String) -> YearEndResults {
        let units = run.results.filter { $0.subject == .unit }.sorted { ($0.group, $0.rank, $0.id) < ($1.group, $1.rank, $1.id) }
        let persons = run.results.filter { $0.subject == .person }.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }
        let groupIDs = units.reduce(into: [String]()) { ids, r in if !ids.contains(r.group) { ids.append(r.group) } }
        let (bonus, deduction) = LedgerTotals.bonusAndDeduction(run.ledger)
        let unitAwards = tiers(units.filter { $0.decision.reward != nil }) { "\($0.name)（\(groupLabel($0.group))）" }
        let personAwards = tiers(persons.filter { $0.decision.reward != nil }) { $0.name }
        let vetoed = units.filter(\.decision.veto) + persons.filter { $0.decision.veto && $0.decision.penalty != nil }
        let year = run.period.description
        return YearEndResults(
            title: "\(officeName)关于\(run.period.label)度全市政务信息工作考核结果的通报",
            officeName: officeName,
            year: year,
            yearLabel: run.period.label,
            summary: YearEndResults.Summary(
                units: units.count, awardedUnits: units.filter { $0.decision.reward != nil }.count,
                vetoedUnits: units.filter(\.decision.veto).count, awardedPersons: persons.filter { $0.decision.reward != nil }.count),
            unitAwards: unitAwards,
            personAwards: personAwards,
            vetoes: vetoed.map { r in
                YearEndResults.Veto(name: r.name, group: r.subject == .unit ? groupLabel(r.group) : r.group,
                                    reasons: r.decision.reasons.joined(separator: "；"), penalty: r.decision.penalty)
            },
            groups: groupIDs.map { id in
                YearEndResults.Group(group: groupLabel(id), rows: units.filter { $0.group == id }.map { row($0, bonus: bonus, deduction: deduction) })
            },
            run: QuarterlyNotice.RunInfo(id: run.id, asOf: ChineseTime.dateTime(run.asOf), ruleVersion: run.ruleVersion,
                                         shortRuleVersion: String(run.ruleVersion.prefix(12)))
        )
    }

    private func row(_ r: SubjectResult, bonus: [String: Double], deduction: [String: Double]) -> YearEndResults.Row {
        let d = r.decision
        return YearEndResults.Row(
            rank: r.rank, name: r.name, submitted: r.submitted, adoptedCity: r.adopted["city"] ?? 0,
            adoptedProvince: r.adopted["province"] ?? 0, adoptedState: r.adopted["state"] ?? 0,
            instructions: r.instructions.values.reduce(0, +), instructionsCity: r.instructions["city"] ?? 0,
            instructionsProvince: r.instructions["province"] ?? 0, instructionsState: r.instructions["state"] ?? 0,
            bonus: PointsText.format(bonus[r.id] ?? 0), deduction: PointsText.format(deduction[r.id] ?? 0), points: PointsText.format(r.points),
            converted: d.converted.map(PointsText.format) ?? "无", grade: d.grade ?? "无", reward: d.reward, penalty: d.penalty,
            veto: d.veto ? "是" : nil, remarks: d.reasons.isEmpty ? nil : d.reasons.joined(separator: "；"))
    }

    /// The awarded results by tier — the grade, else the reward — the tier with the best
    /// rank first (先进一等 before 先进二等), equal best ranks in name order.
    private func tiers(_ awarded: [SubjectResult], name: (SubjectResult) -> String) -> [YearEndResults.AwardTier] {
        let byTier = Dictionary(grouping: awarded) { $0.decision.grade ?? $0.decision.reward! }
        return byTier.sorted { a, b in
            (a.value.map(\.rank).min()!, a.key) < (b.value.map(\.rank).min()!, b.key)
        }.map { tier, rows in
            YearEndResults.AwardTier(tier: tier, count: rows.count, text: rows.map(name).joined(separator: "、"), reward: rows[0].decision.reward!)
        }
    }
}
