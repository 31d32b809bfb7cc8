import Domain
import Foundation
import Testing
@testable import Rules
import WorkingDays

/// Activation: a candidate goes live only when it compiles, has every required function
/// and passes its own tests; otherwise the last good version keeps serving.
@Suite struct RuleEngineTests {
    func engine(_ f: RulesFolder, archive: RuleArchive? = nil) -> RuleEngine {
        RuleEngine(rulesDirectory: f.root, calendar: Shared.calendar, archive: archive, clock: { Shared.now })
    }

    func points(_ engine: RuleEngine, office: OfficeID = .city) throws -> Double {
        try engine.withRules(office) { rules throws(RuleError) in
            try rules.score(Shared.item(adoptions: [Shared.cityBriefing]), context: RuleContext(now: Shared.now, office: office))
        }.reduce(0) { $0 + $1.points }
    }

    @Test func activatesAndKeepsTheLastGoodVersion() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity(points: 3)
        let e = engine(f)
        let first = e.reload()
        #expect(first.activated.keys.contains(.city))
        #expect(try points(e) == 3)
        let v1 = try #require(e.liveRuleSet(.city)?.version)

        // A syntax error is rejected; 3 points keep coming from v1.
        try f.write("city/rules.lua", "function score(item, ctx)\n  return {\nend\n")
        let broken = e.reload()
        #expect(broken.rejected[.city]?.first?.contains("rules/city/rules.lua:3: load:") == true)
        #expect(try points(e) == 3)
        #expect(e.liveRuleSet(.city)?.version == v1)
        let status = try #require(e.status().offices.first { $0.office == .city })
        #expect(status.liveVersion == v1)
        #expect(status.diskVersion != nil && status.diskVersion != v1)
        #expect(status.errors.first?.contains("load") == true)

        // A good edit goes live.
        try f.writeMinimalCity(points: 7)
        #expect(e.reload().activated[.city] != nil)
        #expect(try points(e) == 7)
        #expect(e.status().offices.first { $0.office == .city }?.errors.isEmpty == true)
    }

    @Test func missingRequiredFunctionIsRejected() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        let e = engine(f)
        e.reload()
        try f.write("city/rules.lua", "function score(item, ctx) return nil end\n")
        let r = e.reload()
        #expect(r.rejected[.city]?.first?.contains("'compliance', 'assess', 'deadline' not defined") == true)
        #expect(try points(e) == 3)
    }

    @Test func failingOwnTestIsRejected() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity(points: 3)
        try f.write("city/tests/score.json", """
            { "cases": [ { "name": "briefing gives 3", "function": "score",
              "input": { "id": "I-1", "units": ["county-a"], "category": "economy", "submitted": "2026-03-02",
                         "adoptions": [ { "level": "city", "publication": "每日要情", "kind": "briefing", "date": "2026-03-03" } ] },
              "expect": [ { "code": "C2", "points": 3, "reason": "采用", "date": "2026-03-03" } ] } ] }
            """)
        let e = engine(f)
        #expect(e.reload().activated[.city] != nil)
        try f.writeMinimalCity(points: 4)
        let r = e.reload()
        #expect(r.rejected[.city]?.first?.contains("briefing gives 3") == true)
        #expect(try points(e) == 3)
    }

    @Test func failingLuaTestIsRejected() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity(points: 3)
        try f.write("city/tests/score_test.lua", """
            function test_briefing()
              local lines = score(fixtures.item{ adoptions = { { level = "city", publication = "每日要情", kind = "briefing", date = "2026-03-03" } } }, fixtures.ctx())
              expect.total(lines, 3)
            end
            """)
        let e = engine(f)
        #expect(e.reload().activated[.city] != nil)
        #expect(e.status().offices.first?.tests.map(\.name) == ["test_briefing"])
        try f.writeMinimalCity(points: 5)
        let r = e.reload()
        #expect(r.rejected[.city]?.first?.contains("expected 3") == true)
    }

    @Test func statefulRuleIsCaughtAsNonDeterministic() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        try f.write("city/zz.lua", """
            local calls = { n = 0 }
            function score(item, ctx)
              calls.n = calls.n + 1
              return { { code = "C2", points = calls.n, reason = "采用" } }
            end
            """)
        try f.write("city/tests/s.json", """
            { "cases": [
              { "name": "a", "function": "score", "input": { "id": "I-1", "units": ["u"], "category": "other", "submitted": "2026-03-02" },
                "expect": [ { "code": "C2", "points": 1, "reason": "采用" } ] },
              { "name": "b", "function": "score", "input": { "id": "I-2", "units": ["u"], "category": "other", "submitted": "2026-03-02" },
                "expect": [ { "code": "C2", "points": 2, "reason": "采用" } ] } ] }
            """)
        let r = engine(f).reload()
        #expect(r.rejected[.city]?.contains { $0.contains("non-deterministic") } == true)
    }

    @Test func childInheritsAndParentEditsReachIt() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity(points: 3)
        try f.write("county-a/office.yaml", "name: 甲县\nparent: city\n")
        try f.write("county-a/score.lua", """
            function score(item, ctx)
              local lines = parent.score(item, ctx)
              if lines == nil then return nil end
              for _, l in ipairs(lines) do l.points = l.points * 2 end
              return lines
            end
            """)
        let e = engine(f)
        let r = e.reload()
        #expect(Set(r.activated.keys) == [.city, OfficeID("county-a")!])
        #expect(try points(e, office: OfficeID("county-a")!) == 6)
        #expect(e.status().offices.first { $0.office.rawValue == "county-a" }?.functions == [
            "score": "county-a", "compliance": "city", "assess": "city", "deadline": "city",
        ])
        try f.writeMinimalCity(points: 5)
        let again = e.reload()
        #expect(Set(again.activated.keys) == [.city, OfficeID("county-a")!])
        #expect(try points(e, office: OfficeID("county-a")!) == 10)
    }

    @Test func brokenParentKeepsChildOnItsLastGoodVersion() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity(points: 3)
        try f.write("county-a/office.yaml", "name: 甲县\nparent: city\n")
        let e = engine(f)
        e.reload()
        try f.write("city/rules.lua", "this is not lua")
        let r = e.reload()
        #expect(r.rejected[.city] != nil)
        #expect(r.rejected[OfficeID("county-a")!] != nil)
        #expect(try points(e, office: OfficeID("county-a")!) == 3)
    }

    @Test func archiveKeepsEveryLiveVersion() throws {
        let f = try RulesFolder()
        let archive = RuleArchive(directory: f.root.deletingLastPathComponent().appendingPathComponent("versions"))
        try f.writeMinimalCity(points: 3)
        let e = engine(f, archive: archive)
        e.reload()
        let v1 = try #require(e.liveRuleSet(.city)?.version)
        try f.writeMinimalCity(points: 4)
        e.reload()
        let history = archive.history(of: .city)
        #expect(history.map(\.version) == [v1, e.liveRuleSet(.city)!.version])
        // A restart loading the version already live adds no activation; going back does.
        engine(f, archive: archive).reload()
        #expect(archive.history(of: .city).count == 2)
        try f.writeMinimalCity(points: 3)
        e.reload()
        #expect(archive.history(of: .city).map(\.version).last == v1)
        #expect(archive.history(of: .city).count == 3)
        let old = try #require(archive.files(of: .city, version: String(v1.prefix(8))))
        #expect(String(decoding: old.files["rules.lua"] ?? Data(), as: UTF8.self).contains("local POINTS = 3"))
    }

    @Test func restartAfterABadEditServesTheLastGoodVersion() throws {
        let f = try RulesFolder()
        let archive = RuleArchive(directory: f.root.deletingLastPathComponent().appendingPathComponent("versions"))
        try f.writeMinimalCity(points: 3)
        try f.write("county-a/office.yaml", "name: 甲县\nparent: city\n")
        try f.write("county-a/score.lua", "function score(item, ctx) local l = parent.score(item, ctx) if l then l[1].points = 100 end return l end\n")
        engine(f, archive: archive).reload()
        // A bad edit, then the service restarts: nothing valid on disk, nothing live in memory.
        try f.write("city/rules.lua", "function score(\n")
        let restarted = engine(f, archive: archive)
        let report = restarted.reload()
        #expect(report.rejected[.city] != nil)
        #expect(try points(restarted) == 3)
        #expect(try points(restarted, office: OfficeID("county-a")!) == 100)
        let status = try #require(restarted.status().offices.first { $0.office == .city })
        #expect(status.restoredFromArchive)
        #expect(status.errors.first?.contains("load") == true)
        // Fixing the file replaces the restored version.
        try f.writeMinimalCity(points: 5)
        #expect(restarted.reload().activated[.city] != nil)
        #expect(try points(restarted) == 5)
        #expect(restarted.status().offices.first { $0.office == .city }?.restoredFromArchive == false)
    }

    @Test func unknownOfficeIsAClearError() throws {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        let e = engine(f)
        e.reload()
        #expect { try e.withRules(OfficeID("nowhere")!) { _ throws(RuleError) in 0 } } throws: {
            ($0 as? RuleError)?.message.contains("no rules for office 'nowhere'") == true
        }
    }
}
