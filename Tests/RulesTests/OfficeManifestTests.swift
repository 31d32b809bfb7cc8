import Assessment
import Testing
import YAMLFiles
@testable import Rules

/// `office.yaml`'s assessment settings: period close and tie-breaks, checked with file and
/// line, inherited along the chain.
struct OfficeManifestTests {
    @Test func assessmentSettingsParse() throws {
        let m = try OfficeManifest.parse("""
            name: 市
            assessment:
              close_after_workdays: 10
              tie_breaks: [submitted, adopted]
            """, file: "rules/city/office.yaml")
        #expect(m.closeAfterWorkdays == 10)
        #expect(m.tieBreaks == [.submitted, .adopted])
        let plain = try OfficeManifest.parse("name: 县\nparent: city\n", file: "rules/county-a/office.yaml")
        #expect(plain.closeAfterWorkdays == nil && plain.tieBreaks == nil)
    }

    @Test func theNoticePraiseThresholdParsesAndIsNilWhenUnset() throws {
        let m = try OfficeManifest.parse("name: 市\nnotice:\n  praise_min_adopted: 3\n", file: "rules/city/office.yaml")
        #expect(m.noticePraiseMinAdopted == 3)
        #expect(try OfficeManifest.parse("name: 县\n", file: "rules/county-a/office.yaml").noticePraiseMinAdopted == nil)
    }

    @Test(arguments: [
        ("assessment:\n  close_after_workdays: 61\n", "rules/x/office.yaml:3", "应在 0 到 60 之间"),
        ("assessment:\n  tie_breaks: [adopted, seniority]\n", "rules/x/office.yaml:3", "未知的并列比较项 'seniority'"),
        ("assessment:\n  tie_breaks: [adopted, adopted]\n", "rules/x/office.yaml:3", "重复"),
        ("assessment:\n  closes: 10\n", "rules/x/office.yaml:3", "closes"),
        ("notice:\n  praise_min_adopted: 0\n", "rules/x/office.yaml:3", "notice.praise_min_adopted"),
        ("notice:\n  praise_min_adopted: 三\n", "rules/x/office.yaml:3", "notice.praise_min_adopted"),
        ("notice:\n  praise: 3\n", "rules/x/office.yaml:3", "praise"),
    ])
    func badAssessmentSettingsNameFileAndLine(_ yaml: String, _ place: String, _ reason: String) {
        #expect {
            _ = try OfficeManifest.parse("name: 市\n" + yaml, file: "rules/x/office.yaml")
        } throws: { error in
            let text = "\(error)"
            return text.contains(place) && text.contains(reason)
        }
    }
}
