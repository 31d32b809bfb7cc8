package import WorkingDays
import Domain
import LuaHost
import Tagged

/// Decides whether a rule set may go live: it compiles in a fresh state, every required
/// function is defined (by the office or inherited), and — unless skipped — the office's
/// own tests pass.
package enum RuleValidator {
    package struct Outcome {
        /// The compiled candidate, when it compiled.
        package var compiled: CompiledRules?
        package var errors: [RuleError]
        package var tests: RuleTestRunner.Report?
        package var isValid: Bool { errors.isEmpty && compiled != nil }
    }

    package static func validate(_ set: RuleSet, calendar: WorkCalendar, runTests: Bool = true) -> Outcome {
        let compiled: CompiledRules
        do {
            compiled = try CompiledRules(set, calendar: calendar)
        } catch {
            return Outcome(compiled: nil, errors: [error])
        }
        let missing = RuleFunction.required.filter { compiled.functions[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let e = RuleError(kind: .validation, office: set.office, file: set.source.folder, version: set.version,
                              message: "required function\(missing.count > 1 ? "s" : "") \(names) not defined by this office or any ancestor")
            return Outcome(compiled: compiled, errors: [e])
        }
        if let e = checkSkipDeclaration(compiled) { return Outcome(compiled: compiled, errors: [e]) }
        guard runTests else { return Outcome(compiled: compiled, errors: []) }
        let tests = RuleTestRunner.run(set, calendar: calendar)
        let errors = tests.failures.map { f in
            RuleError(kind: .validation, office: set.office, file: f.file, version: set.version,
                      message: "test '\(f.name)' failed: \(f.message ?? "")")
        }
        return Outcome(compiled: compiled, errors: errors, tests: tests)
    }

    /// When the office defining `score` declares `score.skip_items_without_facts`, its `score`
    /// must give nothing to items without adoptions, forwardings or instructions: checked on
    /// such items of every category, single and joint, merged or not, commissioned or not.
    static func checkSkipDeclaration(_ compiled: CompiledRules) -> RuleError? {
        guard compiled.scoreSkipsItemsWithoutFacts, let f = compiled.functions[.score] else { return nil }
        let owner = compiled.ruleSet.chain[f.layer - 1]
        var probes: [ItemFacts] = []
        for (k, category) in ItemCategory.allCases.enumerated() {
            let units: [UnitID] = k % 2 == 0 ? ["probe-unit"] : ["probe-unit", "probe-other"]
            probes.append(ItemFacts(id: ItemID(rawValue: "PROBE-\(k)"), units: units, merged: k % 3 == 0, category: category,
                                    submitted: Day(year: 2026, month: k % 2 == 0 ? 6 : 10, day: k % 2 == 0 ? 15 : 2)!,
                                    authors: ["probe-person"], commission: k % 4 == 0 ? "PROBE-K" : nil))
        }
        let context = RuleContext(now: Instant(iso: "2026-12-31T12:00:00+08:00")!, office: compiled.office)
        let failure: String
        do {
            let batch = try compiled.score(ItemTable(probes), context: context, everyItem: true)
            guard let first = batch.itemIndex.first else { return nil }
            failure = "score returned \(batch.lines.count) line(s) for items without adoptions, forwardings or instructions (first: \(probes[Int(first)].id), \(probes[Int(first)].category.rawValue))"
        } catch {
            failure = "score failed on an item without adoptions, forwardings or instructions: \(error.message)"
        }
        return RuleError(kind: .validation, office: compiled.office, file: "\(owner.folder)/office.yaml", version: compiled.version,
                         message: "score.skip_items_without_facts is declared, but \(failure)")
    }
}
