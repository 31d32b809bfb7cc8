import Dispatch
package import Domain
import Foundation
package import WorkingDays

/// Scores a table on several cores: one compiled rule state per thread (a Lua state is
/// never shared), each taking a contiguous share of the items in batches, the results
/// joined in item order — the same lines, in the same order, as one state would give.
package final class ParallelScorer: @unchecked Sendable {
    // Invariant: `states[i]` is only used by worker thread `i` while `score` runs, and
    // `score` calls do not overlap (guarded by `lock`).
    private let states: [CompiledRules]
    private let lock = NSLock()

    /// Compiles `set` once per thread (`threads` defaults to the number of cores).
    package init(_ set: RuleSet, calendar: WorkCalendar, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(RuleError) {
        var states: [CompiledRules] = []
        for _ in 0..<max(1, threads) { states.append(try CompiledRules(set, calendar: calendar)) }
        self.states = states
    }

    package var threads: Int { states.count }
    package var version: String { states[0].version }

    /// Where each function is defined (for the ledger).
    package func definitionFile(of name: String) -> String? { states[0].definitionFile(of: name) }

    /// Scores every item of `table`; the first error (in item order) is thrown.
    package func score(_ table: ItemTable, context: RuleContext) throws(RuleError) -> ScoreBatch {
        var shares = try scoreShares(table, context: context)
        guard shares.count > 1 else { return shares[0] }
        var merged = ScoreBatch()
        merged.version = version
        merged.itemCount = table.count
        merged.lines.reserveCapacity(shares.reduce(0) { $0 + $1.lines.count })
        merged.itemIndex.reserveCapacity(merged.lines.capacity)
        for k in shares.indices {
            merged.lines += shares[k].lines
            merged.itemIndex += shares[k].itemIndex
            shares[k] = ScoreBatch()
        }
        return merged
    }

    /// Scores every item of `table` as consecutive shares, one per thread, in item order;
    /// each share's `itemIndex` counts from the table's first item. Callers that walk the
    /// lines once can release each share after it, instead of holding a joined copy.
    package func scoreShares(_ table: ItemTable, context: RuleContext) throws(RuleError) -> [ScoreBatch] {
        lock.lock()
        defer { lock.unlock() }
        let n = states.count
        guard n > 1, table.count >= 2 * CompiledRules.batchSize else { return [try states[0].score(table, context: context)] }
        let shares = (0..<n).map { i in (table.count * i / n)..<(table.count * (i + 1) / n) }
        let results = Slots(count: n)
        let group = DispatchGroup()
        for i in 0..<n {
            group.enter()
            let state = HandedOver(states[i])
            let thread = Thread {
                results.set(i, Result { () throws(RuleError) -> ScoreBatch in
                    var batch = try state.value.score(table, range: shares[i], context: context)
                    let offset = Int32(shares[i].lowerBound)
                    for k in batch.itemIndex.indices { batch.itemIndex[k] += offset }
                    return batch
                })
                group.leave()
            }
            thread.stackSize = 16 << 20  // deep Lua recursion stays inside the C stack limit
            thread.start()
        }
        group.wait()
        var out: [ScoreBatch] = []
        for r in results.take() {
            switch r {
            case .success(let batch): out.append(batch)
            case .failure(let error): throw error
            }
        }
        return out
    }
}

/// A rule state given to exactly one worker thread for the length of a `score` call.
private struct HandedOver: @unchecked Sendable {
    let value: CompiledRules
    init(_ value: CompiledRules) { self.value = value }
}

/// Results written by worker threads, read after all have finished.
private final class Slots: @unchecked Sendable {
    // Invariant: slot `i` is written once, by thread `i`, before the group is left.
    private var slots: [Result<ScoreBatch, RuleError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<ScoreBatch, RuleError>) { lock.withLock { slots[i] = r } }

    /// The results, leaving the slots empty (so that the caller holds the only copy).
    func take() -> [Result<ScoreBatch, RuleError>] {
        lock.withLock {
            defer { slots = [] }
            return slots.compactMap { $0 }
        }
    }
}
