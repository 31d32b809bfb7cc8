import Testing
@testable import WorkingDays
import YAMLFiles

/// Bad calendar files are refused with FILE:LINE: field: reason.
@Suite struct CalendarFileTests {
    static let header = """
        year: 2026
        source:
          title: 测试通知
          published: 2025-11-04
        holidays:

        """

    @Test func unknownFieldIsNamed() {
        #expect(throws: YAMLError(file: "x.yaml", line: 4, field: "source.publishd", reason: "未知字段（允许的字段：number, published, title, url）")) {
            try CalendarFile.parseYear("year: 2026\nsource:\n  title: t\n  publishd: 2025-11-04\nholidays: []\n", file: "x.yaml")
        }
    }

    @Test func badDateNamesLineAndField() {
        let text = Self.header + "  - name: 元旦\n    off: 2026-13-01\n    work: []\n"
        #expect(throws: YAMLError(file: "x.yaml", line: 7, field: "holidays[0].off", reason: "日期格式应为 YYYY-MM-DD，实际为 '2026-13-01'")) {
            try CalendarFile.parseYear(text, file: "x.yaml")
        }
    }

    @Test func adjustedWorkdayMustBeAWeekend() {
        let text = Self.header + "  - name: 元旦\n    off: 2026-01-01..2026-01-03\n    work: [2026-01-05]\n"
        #expect(throws: YAMLError.self) { try CalendarFile.parseYear(text, file: "x.yaml") }
    }

    @Test func missingFieldIsNamed() {
        #expect(throws: YAMLError(file: "x.yaml", line: 1, field: "source", reason: "缺少必填字段")) {
            try CalendarFile.parseYear("year: 2026\nholidays: []\n", file: "x.yaml")
        }
    }

    @Test func syntaxErrorNamesTheLine() {
        #expect {
            try CalendarFile.parseYear("year: 2026\nsource: [\n", file: "x.yaml")
        } throws: { ($0 as? YAMLError)?.file == "x.yaml" && ($0 as? YAMLError)?.reason.contains("YAML") == true }
    }

    @Test func overlappingHolidaysAreRefused() {
        let text = Self.header + "  - name: 甲\n    off: 2026-01-01\n  - name: 乙\n    off: 2026-01-01\n"
        #expect(throws: YAMLError.self) { try CalendarFile.parseYear(text, file: "x.yaml") }
    }
}
