/// The view model of the year-end results (年度考核结果通报) of a year run: every value an
/// office template may use, already formatted for people (docs/notices.md lists them).
/// Grades, awards, vetoes and converted scores are the `assess` rule's decisions, as stored
/// in the run.
package struct YearEndResults: Sendable {
    /// ××关于2026年度全市政务信息工作考核结果的通报.
    package var title: String
    package var officeName: String
    /// 2026.
    package var year: String
    /// 2026年.
    package var yearLabel: String
    /// How many units were assessed, awarded and vetoed.
    package var summary: Summary
    /// Awarded units by tier (the grade, 先进一等…), best tier first; empty when none.
    package var unitAwards: [AwardTier]
    /// Awarded persons by reward (优秀信息员…); empty when none.
    package var personAwards: [AwardTier]
    /// Units (and persons given a penalty) vetoed — 一票否决 — with the reasons; empty when none.
    package var vetoes: [Veto]
    /// The results table, per group in group order.
    package var groups: [Group]
    package var run: QuarterlyNotice.RunInfo

    package struct Summary: Sendable {
        package var units: Int
        package var awardedUnits: Int
        package var vetoedUnits: Int
        package var awardedPersons: Int
    }

    /// One tier: 先进一等 — 市发展改革委（一类部门）、清河县人民政府（县区）.
    package struct AwardTier: Sendable {
        package var tier: String
        package var count: Int
        /// The names as prose, each unit with its group.
        package var text: String
        /// The reward the rules gave (通报表扬，授予…称号), as given to the tier's first one.
        package var reward: String
    }

    /// 临江县人民政府（县区）: 瞒报突发事件信息1次 — 通报批评，取消年度评先评优资格.
    package struct Veto: Sendable {
        package var name: String
        package var group: String
        /// The reasons joined with ；.
        package var reasons: String
        package var penalty: String?
    }

    package struct Group: Sendable {
        package var group: String
        package var rows: [Row]
    }

    /// One row of 考核结果表: 排名 | 单位 | 报送 | 市/省/国办采用 | 批示 | 加分 | 扣分 | 总分 | 折算分 |
    /// 等次 | 否决 | 说明.
    package struct Row: Sendable {
        package var rank: Int
        package var name: String
        package var submitted: Int
        package var adoptedCity: Int
        package var adoptedProvince: Int
        package var adoptedState: Int
        package var instructions: Int
        package var instructionsCity: Int
        package var instructionsProvince: Int
        package var instructionsState: Int
        package var bonus: String
        package var deduction: String
        package var points: String
        /// 折算分; 无 when the rules gave none.
        package var converted: String
        /// 等次; 无 when the rules gave none.
        package var grade: String
        package var reward: String?
        package var penalty: String?
        /// 是 when vetoed; nil otherwise.
        package var veto: String?
        /// The decision's reasons joined with ；; nil when none.
        package var remarks: String?
    }
}
