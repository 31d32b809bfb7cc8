import LuaHost
import WorkingDays

/// Field names every input uses, interned once per sandbox. Case names are the Lua
/// field names (hence the snake case); raw values are their order in the symbol table.
enum Field: Int32, CaseIterable {
    case id, units, unit, merged, category, submitted, authors, commission, adoptions, forwardings, instructions
    case level, publication, kind, issue, date, to, principal, leader
    case now, today, office, version
    case outcome, person, ref, due, done, severity, required
    case subject, name, group, period, points, rank, best, adopted, compliance
    case group_size, eligible_rank
    case at, depart, back, urgency

    var name: String { String(describing: self) }
}

/// Interned strings of one sandbox: field names, and values that repeat across items
/// (unit ids, dates, publication names), so each crosses into Lua once.
///
/// New strings get symbol numbers right away and are added to the sandbox by `flush`,
/// which must run before a tape using them is evaluated.
final class SymbolCache {
    private let firstField: Int32
    private var strings: [String: Int32] = [:]
    private var days: [Int: Int32] = [:]
    private var pending: [String] = []
    private var next: Int32

    init(sandbox: LuaSandbox) throws(LuaFailure) {
        firstField = try sandbox.intern(Field.allCases.map(\.name))
        next = sandbox.symbolCount + 1
    }

    @inline(__always)
    func key(_ f: Field) -> Int32 { firstField + f.rawValue }

    func symbol(_ s: String) -> Int32 {
        if let n = strings[s] { return n }
        let n = next
        next += 1
        pending.append(s)
        strings[s] = n
        return n
    }

    func symbol(_ d: Day) -> Int32 {
        if let n = days[d.ordinal] { return n }
        let n = next
        next += 1
        pending.append(d.iso)
        days[d.ordinal] = n
        return n
    }

    /// Adds the strings handed out since the last flush to the sandbox.
    func flush(into sandbox: LuaSandbox) throws(LuaFailure) {
        guard !pending.isEmpty else { return }
        try sandbox.intern(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
