import Assessment
import Tagged

/// Sums over a run's ledger that the results do not hold.
enum LedgerTotals {
    /// Per unit: the sum of its positive ledger lines (加分) and the size of the sum of its
    /// negative ones (扣分).
    static func bonusAndDeduction(_ ledger: [LedgerLine]) -> (bonus: [String: Double], deduction: [String: Double]) {
        var bonus: [String: Double] = [:], deduction: [String: Double] = [:]
        for l in ledger {
            if l.points > 0 { bonus[l.unit.rawValue, default: 0] += l.points }
            if l.points < 0 { deduction[l.unit.rawValue, default: 0] -= l.points }
        }
        return (bonus, deduction)
    }
}
