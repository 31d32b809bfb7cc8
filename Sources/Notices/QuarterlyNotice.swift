/// The view model of a quarterly notice (季度通报): every value an office template may use,
/// already formatted for people. Templates see the property names (docs/notices.md lists
/// them); points are strings, and what may be absent is nil (a false Mustache section)
/// rather than empty.
package struct QuarterlyNotice: Sendable {
    /// ××关于2026年第一季度全市政务信息工作情况的通报.
    package var title: String
    package var officeName: String
    /// 2026Q1.
    package var period: String
    /// 2026年第一季度.
    package var periodLabel: String
    package var overview: Overview
    /// 成绩突出的单位, per group in group order: units with at least `praiseMinAdopted`
    /// adoptions.
    package var outstanding: [UnitList]
    /// The office's `notice.praise_min_adopted` (default 1).
    package var praiseMinAdopted: Int
    /// Lagging units, per group in group order.
    package var lagging: [UnitList]
    /// 零报送 units (all groups), joined with 、; nil when none.
    package var zeroSubmitted: String?
    /// Units that submitted but had nothing adopted, joined with 、; nil when none.
    package var zeroAdopted: String?
    /// Compliance lapses by kind, each naming its units; empty when none.
    package var lapses: [Lapse]
    /// 附件1 得分排名表, per group in group order.
    package var ranking: [RankingGroup]
    /// 附件2 采用信息目录: the quarter's adoptions from the ledger; empty when none.
    package var adoptedItems: [AdoptedItem]
    /// Whether `adoptedItems` has rows (a template shows 附件2's heading once).
    package var hasAdoptedItems: Bool
    package var run: RunInfo

    /// 总体情况: totals over the office's units, with the change since the previous quarter
    /// when a run of it exists.
    package struct Overview: Sendable {
        package var submitted: Figure
        package var adoptedCity: Figure
        package var adoptedProvince: Figure
        package var adoptedState: Figure
        package var instructions: Figure
        package var instructionsCity: Figure
        package var instructionsProvince: Figure
        package var instructionsState: Figure
        /// Compliance lapses in total, by kind: 约稿迟报1次、紧急信息瞒报1次; nil when none.
        package var lapseSummary: String?
        package var lapseCount: Int
        /// 约稿 whose deadline fell due in the quarter; nil when none did.
        package var commissions: Commissions?
        /// 2026年第四季度 when the previous quarter's run was compared; nil otherwise.
        package var previousPeriodLabel: String?
    }

    /// 约稿 by outcome, counted per assigned unit from the units' compliance outcomes
    /// (`commission.on_time`, `.late`, `.missing`); 约稿 not yet due are not counted.
    package struct Commissions: Sendable {
        package var assigned: Figure
        package var onTime: Int
        package var late: Int
        package var missing: Int
        /// 下达约稿任务2件次，按时报送0件次、逾期报送1件次、未报送1件次.
        package var text: String
    }

    /// A count and, when the previous quarter is known, how it moved: 比上季度增加2条.
    package struct Figure: Sendable {
        package var value: Int
        package var change: String?
    }

    /// A group's named units: 县区 — 清河县人民政府（146分）、….
    package struct UnitList: Sendable {
        package var group: String
        package var units: [NamedUnit]
        /// The units as prose: 清河县人民政府（146分）、平山县人民政府（0分）.
        package var text: String
    }

    package struct NamedUnit: Sendable {
        package var rank: Int
        package var name: String
        package var points: String
    }

    /// One kind of lapse: 约稿迟报 — 清河县人民政府（1次）.
    package struct Lapse: Sendable {
        package var label: String
        package var count: Int
        package var units: String
    }

    package struct RankingGroup: Sendable {
        package var group: String
        package var rows: [RankingRow]
    }

    /// One row of 附件1: 排名 | 单位 | 报送 | 市采用 | 省采用 | 国办采用 | 批示 | 加分 | 扣分 | 本季得分.
    package struct RankingRow: Sendable {
        package var rank: Int
        package var name: String
        package var submitted: Int
        package var adoptedCity: Int
        package var adoptedProvince: Int
        package var adoptedState: Int
        package var instructions: Int
        package var bonus: String
        package var deduction: String
        package var points: String
    }

    /// One row of 附件2: 序号 | 信息编号 | 单位 | 采用层级 | 采用情况 | 采用日期 | 得分.
    package struct AdoptedItem: Sendable {
        package var number: Int
        /// The item's id in the record (`I-climb`).
        package var item: String
        package var unit: String
        /// 市, 省 or 国办.
        package var level: String
        /// The ledger's reason: 国办《国办信息综合》采用.
        package var publication: String
        /// 2026年3月20日.
        package var date: String
        package var points: String
    }

    /// Which run the notice was made from.
    package struct RunInfo: Sendable {
        package var id: String
        /// 2026年4月30日 12:00 (Asia/Shanghai).
        package var asOf: String
        package var ruleVersion: String
        /// The rule version's first 12 hex digits.
        package var shortRuleVersion: String
    }
}
