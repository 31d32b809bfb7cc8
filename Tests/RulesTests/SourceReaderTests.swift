import Domain
import Foundation
import Testing
@testable import Rules

/// Files the sandbox must never see are refused at read time, naming office and file.
@Suite struct SourceReaderTests {
    @Test func readsAnOffice() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        let city = try #require(f.sources[.city])
        #expect(city.manifest.name == "测试市政府办公室")
        #expect(city.files.map(\.path) == ["rules/city/rules.lua"])
        #expect(f.problems.isEmpty)
    }

    @Test func oversizedFileIsRefused() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        try f.write("city/huge.lua", String(repeating: "-- padding\n", count: 30_000))
        #expect(f.sources[.city] == nil)
        #expect(f.problems.first?.description.contains("rules/city/huge.lua: load: 文件过大") == true)
    }

    @Test func tooManyFilesAreRefused() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        for i in 0..<51 { try f.write("city/f\(i).lua", "-- \(i)\n") }
        #expect(f.problems.first?.message.contains("文件过多") == true)
    }

    @Test func bytecodeIsRefused() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        try f.write("city/evil.lua", Data([0x1B, 0x4C, 0x75, 0x61, 0x54, 0x00]))
        #expect(f.problems.first?.message.contains("字节码") == true)
    }

    @Test func invalidUTF8AndNULAreRefused() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        try f.write("city/bad.lua", Data([0x2D, 0x2D, 0xFF, 0xFE, 0x0A]))
        #expect(f.problems.first?.message.contains("UTF-8") == true)
        try f.remove("city/bad.lua")
        try f.write("city/nul.lua", Data([0x78, 0x00, 0x0A]))
        #expect(f.problems.first?.message.contains("NUL") == true)
    }

    @Test func badManifestNamesLineAndField() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        try f.write("city/office.yaml", "name: 市\nlimits:\n  memory_mb: 16\n")
        let p = try #require(f.problems.first)
        #expect(p.file == "rules/city/office.yaml")
        #expect(p.line == 3)
        #expect(p.message.contains("limits.memory_mb: 未知字段"))
    }

    @Test func missingParentAndCyclesAreReported() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        try f.write("county-a/office.yaml", "name: 甲县\nparent: county-x\n")
        try f.write("b1/office.yaml", "name: 乙\nparent: b2\n")
        try f.write("b2/office.yaml", "name: 丙\nparent: b1\n")
        let (sets, problems) = RuleSet.resolve(f.sources)
        #expect(sets[.city] != nil)
        #expect(problems.contains { $0.office?.rawValue == "county-a" && $0.message.contains("county-x") })
        #expect(problems.contains { $0.office?.rawValue == "b1" && $0.message.contains("循环") })
    }

    @Test func versionChangesWithContentOnly() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        let v1 = try f.ruleSet("city").version
        try f.writeMinimalCity()
        #expect(try f.ruleSet("city").version == v1)
        try f.writeMinimalCity(points: 4)
        #expect(try f.ruleSet("city").version != v1)
    }

    @Test func childVersionFollowsItsAncestors() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        try f.write("county-a/office.yaml", "name: 甲县\nparent: city\n")
        let before = try f.ruleSet("county-a").version
        try f.writeMinimalCity(points: 9)
        #expect(try f.ruleSet("county-a").version != before)
    }
}
