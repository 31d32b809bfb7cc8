package import Assessment
import Domain
import Tagged
import WorkingDays

/// Builds a quarterly notice's view model from a stored run and, when given, the previous
/// quarter's run of the same office (for the 比上季度 changes). Only unit results count;
/// totals are sums over units, so an item submitted jointly counts once for each unit.
package struct NoticeBuilder: Sendable {
    /// Units named per group as outstanding and as lagging.
    package var top: Int
    /// An outstanding unit has at least this many adoptions (any level).
    package var minimumAdopted: Int
    /// How people name a group id (县区, 一类部门…).
    package var groupLabel: @Sendable (String) -> String

    package init(top: Int = 10, minimumAdopted: Int = 1, groupLabel: @escaping @Sendable (String) -> String) {
        self.top = top
        self.minimumAdopted = minimumAdopted
        self.groupLabel = groupLabel
    }

    /// The notice of `run`, issued by `officeName`.
    package func notice(of run: AssessmentRun, previous: AssessmentRun?, officeName: String) -> QuarterlyNotice {
        let units = run.results.filter { $0.subject == .unit }
        let groups = Dictionary(grouping: units, by: \.group).mapValues { $0.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) } }
        let groupIDs = groups.keys.sorted()
        var outstanding: [QuarterlyNotice.UnitList] = []
        var lagging: [QuarterlyNotice.UnitList] = []
        for id in groupIDs {
            let rows = groups[id]!
            let best = Array(rows.filter { $0.adoptedTotal >= minimumAdopted }.prefix(top))
            let named = Set(best.map(\.id))
            let worst = rows.suffix(top).filter { !named.contains($0.id) }
            if !best.isEmpty { outstanding.append(list(groupLabel(id), best)) }
            if !worst.isEmpty { lagging.append(list(groupLabel(id), worst)) }
        }
        let ordered = groupIDs.flatMap { groups[$0]! }
        let lapses = Self.lapses(ordered)
        let adopted = AdoptedItems.list(run.ledger, unitNames: Dictionary(units.map { ($0.id, $0.name) }) { a, _ in a })
        let (bonus, deduction) = LedgerTotals.bonusAndDeduction(run.ledger)
        return QuarterlyNotice(
            title: "\(officeName)关于\(run.period.label)全市政务信息工作情况的通报",
            officeName: officeName,
            period: run.period.description,
            periodLabel: run.period.label,
            overview: overview(units, previous: previous, lapses: lapses),
            outstanding: outstanding,
            praiseMinAdopted: minimumAdopted,
            lagging: lagging,
            zeroSubmitted: Self.names(ordered.filter { $0.submitted == 0 }),
            zeroAdopted: Self.names(ordered.filter { $0.submitted > 0 && $0.adoptedTotal == 0 }),
            lapses: lapses,
            ranking: groupIDs.map { id in
                QuarterlyNotice.RankingGroup(group: groupLabel(id), rows: groups[id]!.map { r in
                    QuarterlyNotice.RankingRow(
                        rank: r.rank, name: r.name, submitted: r.submitted, adoptedCity: r.adopted["city"] ?? 0,
                        adoptedProvince: r.adopted["province"] ?? 0, adoptedState: r.adopted["state"] ?? 0,
                        instructions: r.instructions.values.reduce(0, +), bonus: PointsText.format(bonus[r.id] ?? 0),
                        deduction: PointsText.format(deduction[r.id] ?? 0), points: PointsText.format(r.points))
                })
            },
            adoptedItems: adopted,
            hasAdoptedItems: !adopted.isEmpty,
            run: QuarterlyNotice.RunInfo(id: run.id, asOf: ChineseTime.dateTime(run.asOf), ruleVersion: run.ruleVersion,
                                         shortRuleVersion: String(run.ruleVersion.prefix(12)))
        )
    }

    private func list(_ group: String, _ rows: [SubjectResult]) -> QuarterlyNotice.UnitList {
        let units = rows.map { QuarterlyNotice.NamedUnit(rank: $0.rank, name: $0.name, points: PointsText.format($0.points)) }
        return QuarterlyNotice.UnitList(group: group, units: units, text: units.map { "\($0.name)（\($0.points)分）" }.joined(separator: "、"))
    }

    private func overview(_ units: [SubjectResult], previous: AssessmentRun?, lapses: [QuarterlyNotice.Lapse]) -> QuarterlyNotice.Overview {
        let before = previous?.results.filter { $0.subject == .unit }
        func figure(_ unit: String, _ value: (SubjectResult) -> Int) -> QuarterlyNotice.Figure {
            let now = units.reduce(0) { $0 + value($1) }
            guard let before else { return QuarterlyNotice.Figure(value: now, change: nil) }
            let delta = now - before.reduce(0) { $0 + value($1) }
            let change = delta == 0 ? "与上季度持平" : "比上季度\(delta > 0 ? "增加" : "减少")\(abs(delta))\(unit)"
            return QuarterlyNotice.Figure(value: now, change: change)
        }
        return QuarterlyNotice.Overview(
            submitted: figure("条") { $0.submitted },
            adoptedCity: figure("条") { $0.adopted["city"] ?? 0 },
            adoptedProvince: figure("条") { $0.adopted["province"] ?? 0 },
            adoptedState: figure("条") { $0.adopted["state"] ?? 0 },
            instructions: figure("件次") { $0.instructions.values.reduce(0, +) },
            instructionsCity: figure("件次") { $0.instructions["city"] ?? 0 },
            instructionsProvince: figure("件次") { $0.instructions["province"] ?? 0 },
            instructionsState: figure("件次") { $0.instructions["state"] ?? 0 },
            lapseSummary: lapses.isEmpty ? nil : lapses.map { "\($0.label)\($0.count)次" }.joined(separator: "、"),
            lapseCount: lapses.reduce(0) { $0 + $1.count },
            commissions: commissions(units, figure: figure),
            previousPeriodLabel: previous?.period.label
        )
    }

    /// The 约稿 outcomes summed over the units; nil when the quarter has none.
    private func commissions(_ units: [SubjectResult], figure: (String, (SubjectResult) -> Int) -> QuarterlyNotice.Figure)
        -> QuarterlyNotice.Commissions?
    {
        let outcomes = ["on_time", "late", "missing"]
        func total(_ outcome: String) -> Int { units.reduce(0) { $0 + ($1.compliance["commission.\(outcome)"] ?? 0) } }
        let assigned = figure("件次") { r in outcomes.reduce(0) { $0 + (r.compliance["commission.\($1)"] ?? 0) } }
        guard assigned.value > 0 else { return nil }
        let (onTime, late, missing) = (total("on_time"), total("late"), total("missing"))
        return QuarterlyNotice.Commissions(
            assigned: assigned, onTime: onTime, late: late, missing: missing,
            text: "下达约稿任务\(assigned.value)件次，按时报送\(onTime)件次、逾期报送\(late)件次、未报送\(missing)件次")
    }

    /// The units' names joined with 、; nil when there is none.
    private static func names(_ units: [SubjectResult]) -> String? {
        units.isEmpty ? nil : units.map(\.name).joined(separator: "、")
    }

    /// The compliance outcomes a notice names as problems, in the order it names them.
    static let lapseKinds: [(key: String, label: String)] = [
        ("commission.late", "约稿迟报"), ("commission.missing", "约稿未报送"),
        ("instruction_reply.late", "批示反馈超时"), ("instruction_reply.missing", "批示未反馈"),
        ("emergency.late", "紧急信息迟报"), ("emergency.omitted", "紧急信息漏报"),
        ("emergency.concealed", "紧急信息瞒报"), ("emergency.false", "紧急信息谎报"),
        ("absence.late", "外出报备不及时"), ("absence.missing", "外出未报备"),
        ("quota.missed", "未完成报送任务"),
    ]

    private static func lapses(_ units: [SubjectResult]) -> [QuarterlyNotice.Lapse] {
        lapseKinds.compactMap { kind in
            let hits = units.filter { ($0.compliance[kind.key] ?? 0) > 0 }
            guard !hits.isEmpty else { return nil }
            return QuarterlyNotice.Lapse(label: kind.label, count: hits.reduce(0) { $0 + $1.compliance[kind.key]! },
                                         units: hits.map { "\($0.name)（\($0.compliance[kind.key]!)次）" }.joined(separator: "、"))
        }
    }
}
