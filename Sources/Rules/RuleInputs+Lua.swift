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
        append(symbol: symbols.levels[level]!)
    }

    func putList(_ key: Field, _ values: [UnitID], _ symbols: SymbolCache) {
        self.key(symbol: symbols.key(key))
        if values.isEmpty { return appendEmpty() }
        beginTable(arrayCount: values.count)
        for v in values { append(v.rawValue) }
        endTable()
    }

    func putList(_ key: Field, _ values: [PersonID], _ symbols: SymbolCache) {
        self.key(symbol: symbols.key(key))
        if values.isEmpty { return appendEmpty() }
        beginTable(arrayCount: values.count)
        for v in values { append(v.rawValue) }
        endTable()
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

extension ItemFacts {
    func encode(to t: LuaTape, _ s: SymbolCache) {
        t.beginTable(fieldCount: 11)
        t.put(.id, id.rawValue, s)
        t.put(.unit, units[0].rawValue, s)
        t.putList(.units, units, s)
        t.put(.merged, merged, s)
        t.key(symbol: s.key(.category))
        t.append(symbol: s.categories[category]!)
        t.put(.submitted, submitted, s)
        t.putList(.authors, authors, s)
        if let commission { t.put(.commission, commission, s) }
        t.key(symbol: s.key(.adoptions))
        if adoptions.isEmpty {
            t.appendEmpty()
        } else {
            t.beginTable(arrayCount: adoptions.count)
            for a in adoptions {
                t.beginTable(fieldCount: 5)
                t.put(.level, a.level, s)
                t.put(.publication, a.publication, s)
                t.key(symbol: s.key(.kind))
                t.append(symbol: s.kinds[a.kind]!)
                if let issue = a.issue { t.put(.issue, issue, s) }
                t.put(.date, a.date, s)
                t.endTable()
            }
            t.endTable()
        }
        t.key(symbol: s.key(.forwardings))
        if forwardings.isEmpty {
            t.appendEmpty()
        } else {
            t.beginTable(arrayCount: forwardings.count)
            for f in forwardings {
                t.beginTable(fieldCount: 2)
                t.put(.to, f.to, s)
                t.put(.date, f.date, s)
                t.endTable()
            }
            t.endTable()
        }
        t.key(symbol: s.key(.instructions))
        if instructions.isEmpty {
            t.appendEmpty()
        } else {
            t.beginTable(arrayCount: instructions.count)
            for i in instructions {
                t.beginTable(fieldCount: 4)
                t.put(.level, i.level, s)
                t.put(.principal, i.principal, s)
                t.put(.leader, i.leader, s)
                t.put(.date, i.date, s)
                t.endTable()
            }
            t.endTable()
        }
        t.endTable()
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
