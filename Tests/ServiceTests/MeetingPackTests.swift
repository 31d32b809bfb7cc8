import Foundation
import Testing

/// `tally notice --kind meeting` on the assessment fixture: the first quarter's figures
/// (assessed at 2026-04-30) and the open events of the record. YG-1 (assigned 2026-04-01,
/// due 04-10 17:30) went to qinghe, which answered it, and pingshan, which never did; every
/// instruction of the fixture has a reply.
@Suite(.serialized) struct MeetingPackTests {
    static let place = "市政府3楼会议室"

    @Test func thePackHasTheTimePlaceAgendaFiguresAndOpenCommissions() throws {
        let s = try NoticeScenario()
        _ = try s.assess("2026Q1")
        let md = try s.ok(["notice", "--kind", "meeting", "--period", "2026Q1", "--meeting-at", "2026-04-22T15:00:00+08:00", "--place", Self.place])
        #expect(md.hasPrefix("# 某市人民政府办公室2026年第一季度政务信息工作例会材料\n\n时间：2026年4月22日 15:00\n\n地点：市政府3楼会议室\n"))
        #expect(md.contains("（一）通报2026年第一季度全市政务信息工作情况\n\n（二）督促未完成的约稿任务和领导批示反馈"))
        #expect(md.contains("2026年第一季度，各单位共报送政务信息2条；被市政府办公室采用2条"))
        #expect(md.contains("- 成绩突出的单位（县区）：清河县人民政府（146分）"))
        #expect(md.contains("| 1 | 平山县人民政府 | 约稿“一季度重点项目进展”（平山县人民政府） | 2026年4月1日 09:00 | 2026年4月10日 17:30 | 已逾期 |"), "\(md)")
        #expect(!md.contains("| 清河县人民政府 | 约稿"))
        #expect(md.contains("目前没有未反馈的领导批示。"))
        #expect(md.contains("| 1 | 清河县人民政府 | 1 | 1 | 1 | 1 | 2 | 146 | 0 | 146 |"))

        let early = try s.ok(["notice", "--kind", "meeting", "--period", "2026Q1", "--meeting-at", "2026-04-08T15:00:00+08:00", "--place", Self.place,
                              "--agenda", "听取各单位汇报", "--agenda", "研究约稿选题", "--format", "html"])
        #expect(early.contains("<p class=\"agenda\">（一）听取各单位汇报</p>\n<p class=\"agenda\">（二）研究约稿选题</p>\n\n"))
        #expect(early.contains("<td>2026年4月10日 17:30</td><td>未到期</td>"))
    }

    @Test func badMeetingFlagsAreBadUsageNamingTheFlag() throws {
        let s = try NoticeScenario()
        let cases: [([String], String)] = [
            (["--kind", "meeting", "--period", "2026Q1", "--place", Self.place], "--meeting-at"),
            (["--kind", "meeting", "--period", "2026Q1", "--meeting-at", "2026-04-22T15:00:00+08:00"], "--place"),
            (["--kind", "meeting", "--period", "2026Q1", "--meeting-at", "2026-04-22 15:00", "--place", Self.place], "--meeting-at"),
            (["--kind", "meeting", "--period", "2026Q1", "--meeting-at", "2026-04-22T15:00:00+08:00", "--place", Self.place, "--format", "csv"], "--format"),
            (["--kind", "meeting", "--period", "2026", "--meeting-at", "2026-04-22T15:00:00+08:00", "--place", Self.place], "--period"),
            (["--period", "2026Q1", "--place", Self.place], "--place"),
            (["--kind", "year-end", "--period", "2026", "--agenda", "议程"], "--agenda"),
        ]
        for (arguments, flag) in cases {
            let r = try s.h.runSeparately(["notice"] + arguments + s.templates)
            #expect(r.status == 2 && r.stderr.contains(flag), "\(arguments): \(r.stderr)")
        }
    }
}
