import Domain
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

/// Interned strings of one sandbox: field names, enum values and dates, so that each
/// crosses into Lua once. Other strings (ids, names) are written as plain strings: Lua
/// interns them itself faster than a Swift dictionary could look them up.
///
/// New strings get symbol numbers right away and are added to the sandbox by `flush`,
/// which must run before a tape using them is evaluated.
final class SymbolCache {
    private let firstField: Int32
    private var strings: [String: Int32] = [:]
    /// Dates by ordinal offset from `dayBase` (0 = not interned yet).
    private var days: [Int32]
    private let dayBase: Int
    private var pending: [String] = []
    private var next: Int32
    /// Symbols of enum cases, by `Ordinals` index.
    let levels: [Int32]
    let kinds: [Int32]
    let categories: [Int32]

    init(sandbox: LuaSandbox) throws(LuaFailure) {
        firstField = try sandbox.intern(Field.allCases.map(\.name))
        let levelFirst = try sandbox.intern(Level.allCases.map(\.rawValue))
        levels = Level.allCases.map { levelFirst + Int32($0.ordinal) }
        let kindFirst = try sandbox.intern(PublicationKind.allCases.map(\.rawValue))
        kinds = PublicationKind.allCases.map { kindFirst + Int32($0.ordinal) }
        let categoryFirst = try sandbox.intern(ItemCategory.allCases.map(\.rawValue))
        categories = ItemCategory.allCases.map { categoryFirst + Int32($0.ordinal) }
        next = sandbox.symbolCount + 1
        dayBase = Day(year: 2000, month: 1, day: 1)!.ordinal
        days = Array(repeating: 0, count: 366 * 60)
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
        let i = d.ordinal - dayBase
        if i >= 0 && i < days.count {
            let n = days[i]
            if n != 0 { return n }
        }
        let n = next
        next += 1
        pending.append(d.iso)
        if i >= 0 && i < days.count { days[i] = n }
        return n
    }

    @inline(__always) func symbol(_ l: Level) -> Int32 { levels[l.ordinal] }
    @inline(__always) func symbol(_ k: PublicationKind) -> Int32 { kinds[k.ordinal] }
    @inline(__always) func symbol(_ c: ItemCategory) -> Int32 { categories[c.ordinal] }

    /// Symbols for every string of an item table (index = string index).
    func symbols(for table: ItemTable) -> [Int32] { table.strings.map { symbol($0) } }

    /// Adds the strings handed out since the last flush to the sandbox.
    func flush(into sandbox: LuaSandbox) throws(LuaFailure) {
        guard !pending.isEmpty else { return }
        try sandbox.intern(pending)
        pending.removeAll(keepingCapacity: true)
    }
}

/// Positions of enum cases in `allCases`, without a dictionary lookup.
extension Level {
    var ordinal: Int {
        switch self {
        case .city: 0
        case .province: 1
        case .state: 2
        }
    }
}

extension PublicationKind {
    var ordinal: Int {
        switch self {
        case .briefing: 0
        case .digest: 1
        case .special: 2
        case .feature: 3
        }
    }
}

extension ItemCategory {
    var ordinal: Int {
        switch self {
        case .policy: 0
        case .instruction: 1
        case .inspection: 2
        case .fieldwork: 3
        case .progress: 4
        case .meeting: 5
        case .emergency: 6
        case .economy: 7
        case .absence: 8
        case .award: 9
        case .other: 10
        }
    }
}
