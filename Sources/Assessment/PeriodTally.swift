import Tagged
import Domain
import WorkingDays

/// Per unit and per person: points (the ledger's sum) and the counts rankings and the
/// `assess` rule look at — items submitted, adoptions and instructions by level dated in
/// the period, items adopted (at all, and above city level), compliance outcomes. A joint
/// item counts for each of its units; an item counts for each of its authors.
struct PeriodTally {
    struct Totals {
        var points = 0.0
        var submitted = 0
        var adopted: [String: Int] = [:]
        var instructions: [String: Int] = [:]
        var adoptedItems = 0
        var adoptedAboveCity = 0
        var compliance: [String: Int] = [:]
    }

    private(set) var units: [String: Totals] = [:]
    private(set) var persons: [String: Totals] = [:]

    /// Counts what `window` counts: submissions dated in the period, adoptions and
    /// instructions counted in it (late recordings included).
    init(table: ItemTable, facts: [ComplianceFact], ledger: [LedgerLine], window: RunWindow) throws {
        for i in 0..<table.count {
            var item = Totals()
            if table.submitted[i] >= window.firstDay && table.submitted[i] <= window.lastDay { item.submitted = 1 }
            var above = false
            for k in Int(table.adoptionStart[i])..<Int(table.adoptionStart[i + 1])
            where try window.counts(date: table.adoptions[k].date, recorded: table.adoptions[k].recorded) {
                item.adopted[table.adoptions[k].level.rawValue, default: 0] += 1
                if table.adoptions[k].level != .city { above = true }
            }
            if !item.adopted.isEmpty { item.adoptedItems = 1 }
            if above { item.adoptedAboveCity = 1 }
            for k in Int(table.instructionStart[i])..<Int(table.instructionStart[i + 1])
            where try window.counts(date: table.instructions[k].date, recorded: table.instructions[k].recorded) {
                item.instructions[table.instructions[k].level.rawValue, default: 0] += 1
            }
            guard item.submitted > 0 || item.adoptedItems > 0 || !item.instructions.isEmpty else { continue }
            for k in Int(table.unitStart[i])..<Int(table.unitStart[i + 1]) {
                Self.add(item, to: &units[table.strings[Int(table.unitRefs[k])], default: Totals()])
            }
            for k in Int(table.authorStart[i])..<Int(table.authorStart[i + 1]) {
                Self.add(item, to: &persons[table.strings[Int(table.authorRefs[k])], default: Totals()])
            }
        }
        for f in facts {
            units[f.unit.rawValue, default: Totals()].compliance["\(f.kind.rawValue).\(f.outcome)", default: 0] += 1
            if let p = f.person { persons[p.rawValue, default: Totals()].compliance["\(f.kind.rawValue).\(f.outcome)", default: 0] += 1 }
        }
        for line in ledger {
            units[line.unit.rawValue, default: Totals()].points += line.points
            if let p = line.person { persons[p.rawValue, default: Totals()].points += line.points }
        }
    }

    private static func add(_ item: Totals, to t: inout Totals) {
        t.submitted += item.submitted
        t.adoptedItems += item.adoptedItems
        t.adoptedAboveCity += item.adoptedAboveCity
        for (k, v) in item.adopted { t.adopted[k, default: 0] += v }
        for (k, v) in item.instructions { t.instructions[k, default: 0] += v }
    }
}
