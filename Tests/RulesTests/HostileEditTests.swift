import Domain
import Foundation
import Testing
@testable import Rules

/// A hostile or broken edit is contained: the engine stays up, reports a clear error of the
/// right kind, and the previous version keeps serving.
@Suite struct HostileEditTests {
    static let caseFile = """
        { "cases": [ { "name": "runs score", "function": "score",
          "input": { "id": "I-1", "units": ["u"], "category": "other", "submitted": "2026-03-02" }, "expect": null } ] }
        """

    @Test(arguments: [
        ("while true do end", "cpu"),
        ("local t = {} for i = 1, 1e9 do t[i] = i end", "memory"),
        ("os.execute('rm -rf /')", "undefined global 'os'"),
        ("io.open('/etc/passwd')", "undefined global 'io'"),
        ("require('socket')", "undefined global 'require'"),
        ("setmetatable(_ENV, nil)", "undefined global 'setmetatable'"),
        ("string.dump(print)", "undefined global 'print'"),
        ("collectgarbage('stop')", "undefined global 'collectgarbage'"),
        ("local s = string.rep('a', 600) string.find(s, '.-.-.-b')", "pattern"),
        ("string.upper = function() end", "read-only"),
        ("local x <close> = {}", "non-closable"),
    ])
    func topLevelHostility(_ code: String, _ expected: String) throws {
        try check(extraFile: "\(code)\n", expected: expected)
    }

    @Test(arguments: [
        ("while true do pcall(function() while true do end end) end", "cpu"),
        ("return xpcall(function() while true do end end, function() while true do end end)", "cpu"),
        ("local s = 'x' while true do s = s .. s end", "memory"),
        ("local function f() return f() + 1 end return f()", "memory"),
        ("return { { code = 'X', points = 1, reason = 'r', extra = item } }", "unknown field"),
        ("error({ message = 'hostile object' })", "hostile object"),
        ("error({})", "(error object is a table value)"),
    ])
    func evaluationHostility(_ body: String, _ expected: String) throws {
        try check(extraFile: "function score(item, ctx)\n\(body)\nend\n", expected: expected, withCase: true)
    }

    func check(extraFile: String, expected: String, withCase: Bool = false) throws {
        let f = try RulesFolder()
        try f.writeMinimalCity(points: 3)
        let engine = RuleEngine(rulesDirectory: f.root, calendar: Shared.calendar)
        #expect(engine.reload().activated[.city] != nil)
        let good = try #require(engine.liveRuleSet(.city)?.version)
        try f.write("city/zz_hostile.lua", extraFile)
        if withCase { try f.write("city/tests/hostile.json", Self.caseFile) }
        let report = engine.reload()
        let errors = try #require(report.rejected[.city], "the hostile edit went live")
        #expect(errors.joined().contains(expected), "\(errors)")
        #expect(engine.liveRuleSet(.city)?.version == good)
        let lines = try engine.withRules(.city) { rules throws(RuleError) in
            try rules.score(Shared.item(adoptions: [Shared.cityBriefing]), context: RuleContext(now: Shared.now, office: .city))
        }
        #expect(lines.map(\.points) == [3])
    }
}
