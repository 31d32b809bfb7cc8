import Domain
import Foundation
import Tagged
import Testing
@testable import Rules
import WorkingDays

/// `score.skip_items_without_facts`: items with no adoption, forwarding or instruction are not
/// handed to Lua, with the same results; a declaration the rule does not keep is refused,
/// naming office.yaml; it applies to the office whose file defines `score`.
struct ScoreSkipTests {
    static let items: [ItemFacts] = (0..<40).map { k in
        var item = Shared.item("I-\(k)", units: k % 5 == 0 ? ["county-a", "county-b"] : ["county-a"],
                               adoptions: k % 3 == 0 ? [Shared.cityBriefing] : [])
        if k % 7 == 0 { item.forwardings = [ForwardingFact(to: .province, date: Day(iso: "2026-03-04")!)] }
        return item
    }

    @Test func theDeclaredSkipGivesTheSameLines() throws {
        let f = try RulesFolder()
        try f.write("city/office.yaml", "name: 市\nscore:\n  skip_items_without_facts: true\n")
        try f.write("city/rules.lua", RulesFolder.minimalRules(points: 3))
        let rules = try CompiledRules(try f.ruleSet("city"), calendar: Shared.calendar)
        #expect(rules.scoreSkipsItemsWithoutFacts)
        #expect(RuleValidator.checkSkipDeclaration(rules) == nil)
        let context = RuleContext(now: Shared.now, office: .city)
        let table = ItemTable(Self.items)
        let skipped = try rules.score(table, context: context)
        let all = try rules.score(table, context: context, everyItem: true)
        #expect(skipped.lines == all.lines && skipped.itemIndex == all.itemIndex)
        #expect(skipped.lines.count == 14)
    }

    @Test func aDeclarationTheRuleBreaksIsRefusedNamingOfficeYaml() throws {
        let f = try RulesFolder()
        try f.write("city/office.yaml", "name: 市\nscore:\n  skip_items_without_facts: true\n")
        try f.write("city/rules.lua", RulesFolder.minimalRules(points: 3))
        // Every submitted item earns a base point: the declaration is false.
        try f.write("city/zz_base.lua", """
            local adoption_score = score
            function score(item, ctx)
              local lines = adoption_score(item, ctx) or {}
              lines[#lines + 1] = { code = "B1", points = 1, reason = "报送" }
              return lines
            end
            """)
        let outcome = RuleValidator.validate(try f.ruleSet("city"), calendar: Shared.calendar, runTests: false)
        #expect(!outcome.isValid)
        let e = try #require(outcome.errors.first)
        #expect(e.kind == .validation)
        #expect(e.file?.hasSuffix("city/office.yaml") == true, "\(e)")
        #expect(e.message.contains("skip_items_without_facts") && e.message.contains("PROBE-0"), "\(e.message)")
    }

    @Test func theDeclarationBelongsToTheOfficeDefiningScore() throws {
        let f = try RulesFolder()
        try f.write("city/office.yaml", "name: 市\nscore:\n  skip_items_without_facts: true\n")
        try f.write("city/rules.lua", RulesFolder.minimalRules(points: 3))
        try f.write("inherits/office.yaml", "name: 甲县\nparent: city\n")
        try f.write("inherits/deadline.lua", "function deadline(event, ctx) return nil end\n")
        try f.write("own/office.yaml", "name: 乙县\nparent: city\n")
        try f.write("own/score.lua", """
            function score(item, ctx)
              return { { code = "B1", points = 1, reason = "报送" } }
            end
            """)
        #expect(try CompiledRules(try f.ruleSet("inherits"), calendar: Shared.calendar).scoreSkipsItemsWithoutFacts)
        let own = try CompiledRules(try f.ruleSet("own"), calendar: Shared.calendar)
        #expect(!own.scoreSkipsItemsWithoutFacts)
        #expect(try own.score(ItemTable(Self.items), context: RuleContext(now: Shared.now, office: OfficeID("own")!)).lines.count == 40)
    }
}
