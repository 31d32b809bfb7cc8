import Domain
import Foundation
import Tagged
import Testing
@testable import Rules
import WorkingDays

/// Scoring on several threads gives the same lines, in the same order, with the same item
/// indices, as one state; the shares follow one another; an error names the first bad item.
struct ParallelScorerTests {
    static func table(_ n: Int, bad: Int? = nil) -> ItemTable {
        ItemTable((0..<n).map { k in
            Shared.item(k == bad ? "BAD" : "I-\(k)", units: ["county-a"], adoptions: k % 3 == 0 ? [Shared.cityBriefing] : [])
        })
    }

    static func rules(_ f: RulesFolder) throws -> RuleSet {
        try f.write("city/office.yaml", "name: 市\n")
        try f.write("city/rules.lua", RulesFolder.minimalRules(points: 3))
        try f.write("city/zz_score.lua", """
            local base = score
            function score(item, ctx)
              if item.id == "BAD" then error("坏信息") end
              return base(item, ctx)
            end
            """)
        return try f.ruleSet("city")
    }

    @Test func threeThreadsAgreeWithOneState() throws {
        let f = try RulesFolder()
        let set = try Self.rules(f)
        let table = Self.table(5_000)
        let context = RuleContext(now: Shared.now, office: .city)
        let one = try CompiledRules(set, calendar: Shared.calendar).score(table, context: context)
        let scorer = try ParallelScorer(set, calendar: Shared.calendar, threads: 3)
        let joined = try scorer.score(table, context: context)
        #expect(joined.lines == one.lines && joined.itemIndex == one.itemIndex && joined.itemCount == 5_000)
        let shares = try scorer.scoreShares(table, context: context)
        #expect(shares.count == 3)
        #expect(shares.flatMap(\.lines) == one.lines && shares.flatMap(\.itemIndex) == one.itemIndex)
    }

    @Test func anErrorNamesTheItem() throws {
        let f = try RulesFolder()
        let scorer = try ParallelScorer(try Self.rules(f), calendar: Shared.calendar, threads: 2)
        #expect {
            _ = try scorer.scoreShares(Self.table(5_000, bad: 4_321), context: RuleContext(now: Shared.now, office: .city))
        } throws: { ($0 as? RuleError)?.item == "BAD" }
    }
}
