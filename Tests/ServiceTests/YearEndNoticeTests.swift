import Foundation
import Testing

/// `tally notice --kind year-end` on the assessment fixture after `tally assess --period
/// 2026 --as-of 2027-01-31T12:00:00+08:00`: the year closes at the end of the 10th working
/// day after 2026-12-31 (`assessment.close_after_workdays: 10` in rules/city/office.yaml),
/// mid-January 2027, so the as-of time is after the close and the run is final.
///
/// The golden files were checked by hand against the fixture and rules/city:
/// - 县区: linjiang 160 = N2 80 × 2 (I-lj, I-lj2 in 国办专报) + L3 100 − D6 100 (the
///   concealed chemical leak E-concealed), so 加分 260, 扣分 100; vetoed for 瞒报 (通报批评，
///   取消年度评先评优资格) and graded 合格. qinghe 143 = the 146 of Q1 (I-climb) + M1 2 (May
///   quota met) − D1 5 (YG-1 answered late): 加分 148, 扣分 5. pingshan −9 = C2 3 − D2 10
///   (YG-1 never answered) − M2 2 (May quota missed). With linjiang vetoed, qinghe is first
///   among the eligible; 25 % of 3 units rounds to 1 award slot, so qinghe is 先进一等.
/// - 一类部门: fgw 20 (C3 10 + L1 10) is the one 先进一等 (25 % of 4 = 1 slot); jyj and wlj 3
///   (C2) share rank 2; yjj −10 = C3 10 − D4 20 (the holiday emergency written up 70
///   minutes after it happened) is fourth.
/// - 折算分 = 3 × points / the group's best, to 0.01: 县区 best 160 → 3, 2.68 (143), −0.17
///   (−9); 一类部门 best 20 → 3, 0.45, 0.45, −1.5.
/// - No person has 5 adopted items, so there is no 优秀信息员, and the persons' vetoes (not
///   enough adoptions, no penalty) are not listed as 一票否决.
@Suite(.serialized) struct YearEndNoticeTests {
    static let asOf = "2027-01-31T12:00:00+08:00"

    @Test func theMarkdownAndCSVResultsOfTheYearMatchTheGoldenFiles() throws {
        let s = try NoticeScenario()
        let run = try s.assess("2026", asOf: Self.asOf)
        let md = try s.ok(["notice", "--kind", "year-end", "--period", "2026"])
        let golden = try String(contentsOf: NoticeTests.fixtures.appendingPathComponent("year-end-2026.md"), encoding: .utf8)
        #expect(md.replacingOccurrences(of: run.id, with: "RUN-ID").replacingOccurrences(of: String(run.ruleVersion.prefix(12)), with: "RULE-VERSION")
            == golden)
        let csv = try s.ok(["notice", "--kind", "year-end", "--period", "2026", "--format", "csv"])
        #expect(Data(csv.utf8) == (try Data(contentsOf: NoticeTests.fixtures.appendingPathComponent("year-end-2026.csv"))))
    }

    @Test func theHTMLResultsShowGradesVetoesAndConvertedScores() throws {
        let s = try NoticeScenario()
        _ = try s.assess("2026", asOf: Self.asOf)
        let html = try s.ok(["notice", "--kind", "year-end", "--period", "2026", "--format", "html"])
        #expect(html.contains("<title>某市人民政府办公室关于2026年度全市政务信息工作考核结果的通报</title>"))
        #expect(html.contains("<p>先进一等（2个）：市发展改革委（一类部门）、清河县人民政府（县区）。</p>"))
        #expect(html.contains("<p>临江县人民政府（县区）：瞒报突发事件信息1次。通报批评，取消年度评先评优资格。</p>"))
        #expect(html.contains("<td>160</td><td>3</td><td class=\"name\">合格</td><td>是</td><td class=\"name\">瞒报突发事件信息1次</td>"))
    }

    @Test func aYearEndOfAQuarterOrAQuarterlyNoticeOfAYearIsBadUsage() throws {
        let s = try NoticeScenario()
        let quarter = try s.h.runSeparately(["notice", "--kind", "year-end", "--period", "2026Q4"] + s.templates)
        #expect(quarter.status == 2 && quarter.stderr.contains("--period"), "\(quarter.stderr)")
        let kind = try s.h.runSeparately(["notice", "--kind", "yearly", "--period", "2026"] + s.templates)
        #expect(kind.status == 2 && kind.stderr.contains("--kind"), "\(kind.stderr)")
        let none = try s.h.runSeparately(["notice", "--kind", "year-end", "--period", "2026"] + s.templates)
        #expect(none.status == 1 && none.stderr.contains("还没有 2026年 的考核：请先运行 tally assess --period 2026"), "\(none.stderr)")
    }
}
