import Tagged
package import Domain
import LuaHost
package import WorkingDays

/// How each rule input becomes a Lua table (documented in `rules/README.md`).
/// Empty lists are the shared read-only empty table; absent optional fields are nil.
extension LuaTape {
    func put(_ key: Field, _ s: String, _ symbols: SymbolCache) {
        self.key(symbol: symbols.key(key))
        append(s)
    }

    func put(_ key: Field, symbol s: String, _ symbols: SymbolCache) {
        self.key(symbol: symbols.key(key))
        append(symbol: symbols.symbol(s))
    }

    func put(_ key: Field, _ d: Day, _ symbols: SymbolCache) {
        self.key(symbol: symbols.key(key))
        append(symbol: symbols.symbol(d))
    }

    func put(_ key: Field, _ t: Instant?, _ symbols: SymbolCache) {
        guard let t else { return }
        self.key(symbol: symbols.key(key))
        append(t.iso)
    }

    func put(_ key: Field, _ b: Bool, _ symbols: SymbolCache) {
        self.key(symbol: symbols.key(key))
        append(b)
    }

    func put(_ key: Field, _ n: Int, _ symbols: SymbolCache) {
        self.key(symbol: symbols.key(key))
        append(Int64(n))
    }

    func put(_ key: Field, _ n: Double, _ symbols: SymbolCache) {
        self.key(symbol: symbols.key(key))
        if n == n.rounded(), abs(n) < 9e15 { append(Int64(n)) } else { append(n) }
    }

    func put(_ key: Field, _ level: Level, _ symbols: SymbolCache) {
        self.key(symbol: symbols.key(key))
        append(symbol: symbols.symbol(level))
    }

    func putCounts(_ key: Field, _ counts: [String: Int], _ symbols: SymbolCache) {
        self.key(symbol: symbols.key(key))
        beginTable(fieldCount: counts.count)
        for (k, v) in counts.sorted(by: { $0.key < $1.key }) {
            self.key(symbol: symbols.symbol(k))
            append(Int64(v))
        }
        endTable()
    }
}

extension ItemTable {
    /// Item `i` as the read-only view `score` receives; `refs` maps string indexes to symbols.
    /// Every field is written, nil included, because the view's record is reused.
    func encode(row i: Int, to t: LuaTape, refs: [Int32], _ s: SymbolCache) {
        t.beginView()
        t.key(symbol: s.key(.id))
        t.append(ids[i].rawValue)
        let u0 = Int(unitStart[i]), u1 = Int(unitStart[i + 1])
        t.key(symbol: s.key(.unit))
        t.append(symbol: refs[Int(unitRefs[u0])])
        t.key(symbol: s.key(.units))
        list(unitRefs, u0, u1, t, refs)
        t.key(symbol: s.key(.merged))
        t.append(merged[i])
        t.key(symbol: s.key(.category))
        t.append(symbol: s.symbol(category[i]))
        t.key(symbol: s.key(.submitted))
        t.append(symbol: s.symbol(submitted[i]))
        t.key(symbol: s.key(.authors))
        list(authorRefs, Int(authorStart[i]), Int(authorStart[i + 1]), t, refs)
        t.key(symbol: s.key(.commission))
        if commission[i] < 0 { t.appendNil() } else { t.append(symbol: refs[Int(commission[i])]) }

        t.key(symbol: s.key(.adoptions))
        let a0 = Int(adoptionStart[i]), a1 = Int(adoptionStart[i + 1])
        if a0 == a1 {
            t.appendEmpty()
        } else {
            t.beginTable(arrayCount: a1 - a0)
            for k in a0..<a1 {
                let a = adoptions[k]
                t.beginTable(fieldCount: 5)
                t.key(symbol: s.key(.level))
                t.append(symbol: s.symbol(a.level))
                t.key(symbol: s.key(.publication))
                t.append(symbol: refs[Int(a.publication)])
                t.key(symbol: s.key(.kind))
                t.append(symbol: s.symbol(a.kind))
                if a.issue >= 0 {
                    t.key(symbol: s.key(.issue))
                    t.append(symbol: refs[Int(a.issue)])
                }
                t.key(symbol: s.key(.date))
                t.append(symbol: s.symbol(a.date))
                t.endTable()
            }
            t.endTable()
        }
        t.key(symbol: s.key(.forwardings))
        let f0 = Int(forwardingStart[i]), f1 = Int(forwardingStart[i + 1])
        if f0 == f1 {
            t.appendEmpty()
        } else {
            t.beginTable(arrayCount: f1 - f0)
            for k in f0..<f1 {
                t.beginTable(fieldCount: 2)
                t.key(symbol: s.key(.to))
                t.append(symbol: s.symbol(forwardings[k].to))
                t.key(symbol: s.key(.date))
                t.append(symbol: s.symbol(forwardings[k].date))
                t.endTable()
            }
            t.endTable()
        }
        t.key(symbol: s.key(.instructions))
        let n0 = Int(instructionStart[i]), n1 = Int(instructionStart[i + 1])
        if n0 == n1 {
            t.appendEmpty()
        } else {
            t.beginTable(arrayCount: n1 - n0)
            for k in n0..<n1 {
                let x = instructions[k]
                t.beginTable(fieldCount: 4)
                t.key(symbol: s.key(.level))
                t.append(symbol: s.symbol(x.level))
                t.key(symbol: s.key(.principal))
                t.append(x.principal)
                t.key(symbol: s.key(.leader))
                t.append(symbol: refs[Int(x.leader)])
                t.key(symbol: s.key(.date))
                t.append(symbol: s.symbol(x.date))
                t.endTable()
            }
            t.endTable()
        }
        t.endTable()
    }

    private func list(_ column: [Int32], _ from: Int, _ to: Int, _ t: LuaTape, _ refs: [Int32]) {
        switch to - from {
        case 0: t.appendEmpty()
        case 1: t.appendList(symbol: refs[Int(column[from])])
        default:
            t.beginTable(arrayCount: to - from)
            for k in from..<to { t.append(symbol: refs[Int(column[k])]) }
            t.endTable()
        }
    }
}

extension ComplianceFact {
    func encode(to t: LuaTape, _ s: SymbolCache) {
        t.beginTable(fieldCount: 12)
        t.put(.kind, symbol: kind.rawValue, s)
        t.put(.outcome, symbol: outcome, s)
        t.put(.unit, symbol: unit.rawValue, s)
        if let person { t.put(.person, symbol: person.rawValue, s) }
        t.put(.date, date, s)
        t.put(.ref, ref, s)
        t.put(.due, due, s)
        t.put(.done, done, s)
        if let severity { t.put(.severity, symbol: severity, s) }
        if let required { t.put(.required, required, s) }
        if let submitted { t.put(.submitted, submitted, s) }
        t.endTable()
    }
}

extension AssessmentSummary {
    func encode(to t: LuaTape, _ s: SymbolCache) {
        t.beginTable(fieldCount: 16)
        t.put(.subject, symbol: subject.rawValue, s)
        t.put(.id, symbol: id, s)
        t.put(.name, symbol: name, s)
        t.put(.group, symbol: group, s)
        t.put(.period, symbol: period, s)
        t.put(.points, points, s)
        t.put(.rank, rank, s)
        t.put(.group_size, groupSize, s)
        t.put(.eligible_rank, eligibleRank, s)
        t.put(.best, best, s)
        t.put(.submitted, submitted, s)
        t.putCounts(.adopted, adopted, s)
        t.putCounts(.instructions, instructions, s)
        t.putCounts(.compliance, compliance, s)
        t.endTable()
    }
}

extension DeadlineEvent {
    func encode(to t: LuaTape, _ s: SymbolCache) {
        t.beginTable(fieldCount: 11)
        t.put(.kind, symbol: kind.rawValue, s)
        t.put(.id, id, s)
        t.put(.unit, symbol: unit.rawValue, s)
        t.put(.at, at, s)
        t.put(.depart, depart, s)
        t.put(.back, back, s)
        t.put(.due, due, s)
        if let urgency { t.put(.urgency, symbol: urgency, s) }
        if let severity { t.put(.severity, symbol: severity, s) }
        if let period { t.put(.period, symbol: period, s) }
        if let level { t.put(.level, symbol: level.rawValue, s) }
        t.endTable()
    }
}

/// What `ctx` holds for every call: the frozen "now" and who is asking.
package struct RuleContext: Sendable, Equatable {
    package var now: Instant
    package var office: OfficeID

    package init(now: Instant, office: OfficeID) {
        self.now = now
        self.office = office
    }

    func encode(to t: LuaTape, version: String, _ s: SymbolCache) {
        t.beginTable(fieldCount: 4)
        t.put(.now, now.iso, s)
        t.put(.today, now.day, s)
        t.put(.office, symbol: office.rawValue, s)
        t.put(.version, symbol: String(version.prefix(12)), s)
        t.endTable()
    }
}
