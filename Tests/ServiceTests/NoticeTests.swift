import Foundation
import Testing

/// `tally notice` end to end: the built executable on the assessment fixture
/// (`Fixtures/assessment-2026.jsonl`) after `tally assess --period 2026Q1 --as-of
/// 2026-04-30T12:00:00+08:00`. The golden files were checked by hand against the fixture:
/// in Q1 only qinghe (I-climb: 3 + 3 + 40 + 10 + 50 + 30 + 10 = 146, adopted by city,
/// province and 国办, a city and a province 批示) and fgw (I-spring: C3 10 + L1 10 = 20,
/// adopted by the city, one city 批示) submitted; the 约稿 and the May quota fall in Q2.
/// 附件2 lists the four adoption lines of the ledger by date: I-spring 市《政务信息专报》
/// 2026-02-12 (C3 10), I-climb 市《每日要情》2026-041期 03-03 (C2 3), 省《省政府专报》 03-10
/// (P2 40), 国办《国办信息综合》 03-20 (N1 50).
@Suite(.serialized) struct NoticeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let asOf = "2026-04-30T12:00:00+08:00"

    @Test func theMarkdownAndCSVNoticesOfTheFirstQuarterMatchTheGoldenFiles() throws {
        let s = try NoticeScenario()
        let run = try s.assess("2026Q1")
        let md = try s.ok(["notice", "--period", "2026Q1"])
        let golden = try String(contentsOf: Self.fixtures.appendingPathComponent("notice-2026Q1.md"), encoding: .utf8)
        // The run id (a timestamp and random digits) and the rule version (a hash of the
        // repository's rules) are the only lines that differ from one run to the next.
        #expect(md.replacingOccurrences(of: run.id, with: "RUN-ID").replacingOccurrences(of: String(run.ruleVersion.prefix(12)), with: "RULE-VERSION")
            == golden)
        let csv = try s.h.runSeparately(["notice", "--period", "2026Q1", "--format", "csv"] + s.templates)
        #expect(csv.status == 0)
        #expect(Data(csv.stdout.utf8) == (try Data(contentsOf: Self.fixtures.appendingPathComponent("notice-2026Q1.csv"))))

        let out = s.h.dir.appendingPathComponent("notice.md")
        #expect(try s.ok(["notice", "--period", "2026Q1", "--out", out.path]).isEmpty)
        #expect(try String(contentsOf: out, encoding: .utf8) == md)
    }

    @Test func theHTMLNoticeHasTheRankingTableRows() throws {
        let s = try NoticeScenario()
        _ = try s.assess("2026Q1")
        let html = try s.ok(["notice", "--period", "2026Q1", "--format", "html"])
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<title>某市人民政府办公室关于2026年第一季度全市政务信息工作情况的通报</title>"))
        #expect(html.contains("<tr><td>1</td><td class=\"name\">清河县人民政府</td><td>1</td><td>1</td><td>1</td><td>1</td><td>2</td><td>146</td><td>0</td><td>146</td></tr>"))
        #expect(html.contains("<tr><td>1</td><td class=\"name\">市发展改革委</td><td>1</td><td>1</td><td>0</td><td>0</td><td>1</td><td>20</td><td>0</td><td>20</td></tr>"))
        // 7 ranking rows (附件1) and 4 adoption rows (附件2: I-spring in the city, I-climb in
        // the city, the province and 国办).
        #expect(html.components(separatedBy: "<tr><td>").count - 1 == 11)
        #expect(html.contains("<tr><td>4</td><td class=\"name\">I-climb</td><td class=\"name\">清河县人民政府</td><td>国办</td><td class=\"name\">国办《国办信息综合》采用</td><td>2026年3月20日</td><td>50</td></tr>"))
    }

    @Test func theSecondQuarterComparesWithTheFirstAndNamesTheLapses() throws {
        let s = try NoticeScenario()
        _ = try s.assess("2026Q1")
        _ = try s.assess("2026Q2", asOf: "2026-07-31T12:00:00+08:00")
        let md = try s.ok(["notice", "--period", "2026Q2"])
        // Q2: I-ans-qh, I-may-qh, I-may-ps and I-lj submitted (4, Q1 had 2); qinghe answered the
        // 约稿 late, pingshan never, and missed its May quota.
        #expect(md.contains("各单位共报送政务信息4条（比上季度增加2条）"))
        #expect(md.contains("获领导批示1件次（比上季度减少2件次）"))
        #expect(md.contains("- 约稿迟报：清河县人民政府（1次）\n- 约稿未报送：平山县人民政府（1次）\n- 未完成报送任务：平山县人民政府（1次）"))
        #expect(md.contains("- 有报送但零采用的单位：清河县人民政府"))
        // YG-1 was assigned to qinghe (answered late) and pingshan (never answered).
        #expect(md.contains("本季度下达约稿任务2件次，按时报送0件次、逾期报送1件次、未报送1件次（比上季度增加2件次）。"))
    }

    @Test func theOfficePraiseThresholdLeavesOutUnitsWithFewerAdoptions() throws {
        let s = try NoticeScenario()
        _ = try s.assess("2026Q1")
        let rules = s.h.dir.appendingPathComponent("rules")
        try FileManager.default.copyItem(at: Harness.root.appendingPathComponent("rules"), to: rules)
        let manifest = rules.appendingPathComponent("city/office.yaml")
        try (String(contentsOf: manifest, encoding: .utf8) + "notice:\n  praise_min_adopted: 2\n").write(to: manifest, atomically: true, encoding: .utf8)
        s.h.rules = rules
        // qinghe had 3 adoptions in Q1 (city, province, 国办), fgw only 1.
        let md = try s.ok(["notice", "--period", "2026Q1"])
        #expect(md.contains("## 二、成绩突出的单位\n\n- 县区：清河县人民政府（146分）\n\n## 三、"), "\(md)")
        try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "praise_min_adopted: 2", with: "praise_min_adopted: 0")
            .write(to: manifest, atomically: true, encoding: .utf8)
        let bad = try s.h.runSeparately(["notice", "--period", "2026Q1"] + s.templates)
        #expect(bad.status != 0 && bad.stderr.contains("office.yaml") && bad.stderr.contains("notice.praise_min_adopted"), "\(bad.stderr)")
    }

    @Test func anOfficeTemplateInTheRulesFolderReplacesTheDefault() throws {
        let s = try NoticeScenario()
        _ = try s.assess("2026Q1")
        let rules = s.h.dir.appendingPathComponent("rules")
        try FileManager.default.copyItem(at: Harness.root.appendingPathComponent("rules"), to: rules)
        let folder = rules.appendingPathComponent("city/templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "{{% CONTENT_TYPE: TEXT}}\n定制通报：{{title}}\n{{#ranking}}{{#rows}}{{name}}={{points}}&\n{{/rows}}{{/ranking}}"
            .write(to: folder.appendingPathComponent("quarterly-notice.md.mustache"), atomically: true, encoding: .utf8)
        s.h.rules = rules
        let md = try s.ok(["notice", "--period", "2026Q1"])
        #expect(md.hasPrefix("定制通报：某市人民政府办公室关于2026年第一季度全市政务信息工作情况的通报\n"))
        #expect(md.contains("清河县人民政府=146&\n") && md.contains("市发展改革委=20&\n"))
        // Formats the office has no template for still come from the defaults.
        #expect(try s.ok(["notice", "--period", "2026Q1", "--format", "html"]).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func withoutARunTheNoticeFailsNamingTheAssessCommandAndABadFormatIsBadUsage() throws {
        let s = try NoticeScenario()
        let none = try s.h.runSeparately(["notice", "--period", "2026Q1"] + s.templates)
        #expect(none.status == 1 && none.stdout.isEmpty)
        #expect(none.stderr.contains("还没有 2026年第一季度 的考核：请先运行 tally assess --period 2026Q1"), "\(none.stderr)")
        let pdf = try s.h.runSeparately(["notice", "--period", "2026Q1", "--format", "pdf"] + s.templates)
        #expect(pdf.status == 2 && pdf.stderr.contains("--format"), "\(pdf.stderr)")
        let year = try s.h.runSeparately(["notice", "--period", "2026"] + s.templates)
        #expect(year.status == 2, "\(year.stderr)")
    }
}

/// A scratch folder and database with the assessment fixture imported.
final class NoticeScenario {
    let h: Harness
    /// The repository's default templates (commands run in the scratch folder).
    let templates = ["--templates", Harness.root.appendingPathComponent("templates").path]

    struct Run: Decodable {
        var id: String
        var ruleVersion: String
    }

    init() throws {
        try #require(Harness.builtExecutable, "build the tally executable first (swift build)")
        h = try Harness(jobs: [:])
        try ok(["import", AssessScenarioTests.fixture.path, "--recorded-at", "none"])
    }

    /// Runs a command that must succeed (`notice` with the default templates): its output.
    @discardableResult
    func ok(_ arguments: [String]) throws -> String {
        let r = try h.runSeparately(arguments + (arguments.first == "notice" ? templates : []))
        try #require(r.status == 0, "tally \(arguments.joined(separator: " ")) exited \(r.status): \(r.stderr)\(r.stdout)")
        return r.stdout
    }

    func assess(_ period: String, asOf: String = NoticeTests.asOf) throws -> Run {
        try JSONDecoder().decode(Run.self, from: Data(try ok(["assess", "--period", period, "--as-of", asOf, "--json"]).utf8))
    }
}
