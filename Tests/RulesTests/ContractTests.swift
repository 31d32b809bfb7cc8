import Tagged
import Domain
import Foundation
import Testing
@testable import Rules
import WorkingDays

/// What a rule returns is checked field by field; violations name the function's file,
/// the bad field, the office, the rule version and the item.
@Suite struct ContractTests {
    func compile(score body: String) throws -> CompiledRules {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        try f.write("city/zz_score.lua", "function score(item, ctx)\n\(body)\nend\n")
        return try CompiledRules(try f.ruleSet("city"), calendar: Shared.calendar)
    }

    func violation(_ body: String) throws -> RuleError {
        let rules = try compile(score: body)
        do {
            _ = try rules.score(Shared.item(adoptions: [Shared.cityBriefing]), context: RuleContext(now: Shared.now, office: .city))
        } catch {
            return error
        }
        throw RuleError(kind: .runtime, office: nil, message: "no violation")
    }

    @Test(arguments: [
        ("return 5", "must be a list of lines or nil"),
        ("return { code = 'C1', points = 1, reason = 'x' }", "must be a list of lines"),
        ("return { { code = 'C1', points = 1 } }", "result[1].reason is required"),
        ("return { { code = 'C1', points = 'many', reason = 'x' } }", "result[1].points must be a finite number"),
        ("return { { code = 'C1', points = 0/0, reason = 'x' } }", "result[1].points must be a finite number"),
        ("return { { code = 'C1', points = 1, reason = 'x', bonus = 2 } }", "result[1].bonus unknown field"),
        ("return { { code = 'C1', points = 1, reason = 'x', date = '2026-02-30' } }", "result[1].date must be a date"),
        ("return { { code = '', points = 1, reason = 'x' } }", "result[1].code must be a non-empty string"),
        ("return { 1, 2 }", "result[1] must be a table"),
    ])
    func violationsAreNamed(_ body: String, _ fragment: String) throws {
        let e = try violation(body)
        #expect(e.kind == .validation)
        #expect(e.description.contains(fragment), "\(e.description)")
        #expect(e.file == "rules/city/zz_score.lua")
        #expect(e.line == 1)
        #expect(e.item == "I-1")
        #expect(e.description.contains("office city, rules "))
    }

    @Test func runtimeErrorNamesOfficeFileLineAndVersion() throws {
        let rules = try compile(score: "  local x = item.nothing.deeper\n  return nil")
        do {
            _ = try rules.score(Shared.item(), context: RuleContext(now: Shared.now, office: .city))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .runtime)
            #expect(error.description.hasPrefix("rules/city/zz_score.lua:2: runtime: attempt to index a nil value (field 'nothing')"))
            #expect(error.description.contains("office city, rules \(rules.version.prefix(12))"))
            #expect(error.item == "I-1")
        }
    }

    @Test func batchErrorNamesTheFailingItem() throws {
        let rules = try compile(score: "  if item.id == 'I-700' then error('bad item') end\n  return nil")
        let items = (1...1500).map { Shared.item("I-\($0)") }
        do {
            _ = try rules.score(items, context: RuleContext(now: Shared.now, office: .city))
            Issue.record("expected an error")
        } catch {
            #expect(error.item == "I-700")
            #expect(error.message == "bad item")
        }
    }

    @Test func scoringFollowsTheRulesAndSeesTheCalendar() throws {
        let rules = try compile(score: """
              return { { code = 'X', points = cal.workdays('2026-02-12', '2026-02-26'), reason = cal.holiday('2026-02-16'), date = cal.add_workdays(item.submitted, 1) } }
            """)
        let lines = try rules.score(Shared.item(), context: RuleContext(now: Shared.now, office: .city))
        #expect(lines == [ScoreLine(code: "X", points: 5, reason: "春节", date: Day(iso: "2026-03-03"))])
    }

    @Test func calendarErrorsReachTheScript() throws {
        let rules = try compile(score: "  return { { code = 'X', points = cal.workdays('2026-12-01', '2027-01-10'), reason = 'x' } }")
        #expect { try rules.score(Shared.item(), context: RuleContext(now: Shared.now, office: .city)) } throws: {
            ($0 as? RuleError)?.message.contains("2027 年没有官方节假日安排数据") == true
        }
    }

    /// A deadline that runs into a year without calendar data fails naming that year, so an
    /// assessment can tell it lies beyond the period; the next call starts clean.
    @Test func aDeadlineBeyondTheCalendarNamesTheYear() throws {
        let rules = try compile(score: "  return nil")
        let context = RuleContext(now: Shared.now, office: .city)
        #expect { try rules.deadline(DeadlineEvent(kind: .instruction, id: "PS-9", unit: "county-a", at: Instant(iso: "2026-12-28T10:00:00+08:00")!),
                                      context: context) } throws: { ($0 as? RuleError)?.uncoveredYear == 2027 }
        let d = try rules.deadline(DeadlineEvent(kind: .instruction, id: "PS-1", unit: "county-a", at: Instant(iso: "2026-12-01T10:00:00+08:00")!),
                                   context: context)
        #expect(d?.due.iso == "2026-12-08T17:30:00+08:00")
    }

    @Test func deadlineAndAssessContracts() throws {
        let rules = try compile(score: "  return nil")
        let d = try rules.deadline(DeadlineEvent(kind: .instruction, id: "PS-1", unit: "county-a", at: Instant(iso: "2026-02-12T10:00:00+08:00")),
                                   context: RuleContext(now: Shared.now, office: .city))
        #expect(d?.due.iso == "2026-02-26T17:30:00+08:00")
        let a = try rules.assess(AssessmentSummary(subject: .unit, id: "county-a", name: "甲县", group: "county", period: "2026", points: 10, rank: 1,
                                                   groupSize: 12, eligibleRank: 1, best: 10, submitted: 5),
                                 context: RuleContext(now: Shared.now, office: .city))
        #expect(a == AssessmentDecision(grade: "先进一等", veto: false, reasons: []))
    }
}

/// Inputs reach scripts as read-only views: a rule cannot leave anything behind in them for
/// the next item, yet reads them like ordinary tables.
@Suite struct InputViewTests {
    func run(_ body: String, item: ItemFacts = Shared.item(units: ["a", "b"], adoptions: [Shared.cityBriefing])) throws -> [ScoreLine] {
        let f = try RulesFolder()
        try f.writeMinimalCity()
        try f.write("city/zz_score.lua", "function score(item, ctx)\n\(body)\nend\n")
        let rules = try CompiledRules(try f.ruleSet("city"), calendar: Shared.calendar)
        return try rules.score(item, context: RuleContext(now: Shared.now, office: .city))
    }

    @Test func inputsReadLikeTables() throws {
        let lines = try run("""
              local keys = {}
              for k in pairs(item) do keys[#keys + 1] = k end
              local units = {}
              for i, u in ipairs(item.units) do units[i] = u end
              return { { code = "K", points = #item.units + #item.adoptions, reason = table.concat(keys, ",") .. "|" .. table.concat(units, ","), date = ctx.today } }
            """)
        #expect(lines == [ScoreLine(code: "K", points: 3, reason: "adoptions,authors,category,forwardings,id,instructions,merged,submitted,unit,units|a,b", date: Day(iso: "2026-04-01"))])
    }

    @Test(arguments: ["item.note = 1", "item.unit = 'x'", "item.adoptions[2] = {}", "ctx.extra = 1", "ctx.now = 'x'", "table.insert(item.authors, 'p')"])
    func inputsAreReadOnly(_ statement: String) throws {
        #expect {
            try run("  \(statement)\n  return nil", item: Shared.item(units: ["a"]))
        } throws: { ($0 as? RuleError)?.message.contains("read-only") == true }
    }

    @Test func nothingLeaksFromOneItemToTheNext() throws {
        // Items differ in optional fields: the reused record must not keep the previous values.
        var first = Shared.item("I-1", adoptions: [Shared.cityBriefing])
        first.commission = "YG-1"
        let second = Shared.item("I-2")
        let f = try RulesFolder()
        try f.writeMinimalCity()
        try f.write("city/zz_score.lua", """
            function score(item, ctx)
              return { { code = "C", points = #item.adoptions, reason = item.id .. ":" .. tostring(item.commission) } }
            end
            """)
        let rules = try CompiledRules(try f.ruleSet("city"), calendar: Shared.calendar)
        let batch = try rules.score([first, second], context: RuleContext(now: Shared.now, office: .city))
        #expect(batch.lines.map(\.reason) == ["I-1:YG-1", "I-2:nil"])
        #expect(batch.lines.map(\.points) == [1, 0])
        #expect(batch.itemIndex == [0, 1])
        #expect(batch.version == rules.version)
    }
}
