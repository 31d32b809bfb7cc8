import Tagged
package import Domain
package import WorkingDays

/// Generates a year of realistic item facts: submissions on working days, adoptions at
/// roughly 30 % city, 5 % province and 0.5 % state, forwardings, leaders' instructions,
/// joint and merged items, answers to commissions.
package struct SampleItems {
    package let units: [SampleUnit]
    package let year: Int
    private let workdays: [Day]
    private let cumulative: [Double]

    static let categoryWeights: [(ItemCategory, Double)] = [
        (.progress, 30), (.policy, 16), (.economy, 12), (.meeting, 9), (.fieldwork, 8), (.instruction, 6),
        (.emergency, 5), (.inspection, 4), (.absence, 2), (.award, 2), (.other, 6),
    ]
    static let cityPublications: [(String, PublicationKind, Double)] = [
        ("每日要情", .briefing, 70), ("政务信息", .digest, 15), ("政务信息专报", .special, 12), ("政务信息特刊", .feature, 3),
    ]
    static let provincePublications: [(String, PublicationKind, Double)] = [
        ("省政府办公厅每日要情", .briefing, 60), ("省政务信息综合", .digest, 20), ("省政府办公厅专报", .special, 20),
    ]
    static let statePublications: [(String, PublicationKind, Double)] = [
        ("国务院办公厅信息综合", .digest, 70), ("国务院办公厅专报", .special, 30),
    ]
    static let cityLeaders = ["王建国", "李明", "张伟", "刘芳", "陈静", "杨帆", "赵强", "黄磊"]
    static let provinceLeaders = ["周省长", "吴副省长", "郑副省长"]

    /// - Parameter calendar: the working days of `year` come from it (submissions happen on them).
    package init(units: [SampleUnit], year: Int, calendar: WorkCalendar) throws(CalendarError) {
        self.units = units
        self.year = year
        workdays = try calendar.workdays(in: Day(year: year, month: 1, day: 1)!, Day(year: year, month: 12, day: 31)!)
        var sum = 0.0
        cumulative = units.map { sum += $0.activity; return sum }
    }

    /// Item number `index` of the data set (deterministic in `seed` and `index`, so any
    /// slice can be generated independently).
    package func item(_ index: Int, seed: UInt64) -> ItemFacts {
        var r = SeededRandom(seed: seed &* 1_000_003 &+ UInt64(index))
        let unit = pickUnit(&r)
        var unitIDs = [unit.id]
        let joint = r.chance(0.03)
        let merged = !joint && r.chance(0.02)
        if joint || merged {
            for _ in 0..<(1 + r.below(2)) {
                let other = pickUnit(&r).id
                if !unitIDs.contains(other) { unitIDs.append(other) }
            }
        }
        let category = Self.categoryWeights[r.weighted(Self.categoryWeights.map(\.1))].0
        let dayIndex = r.below(workdays.count)
        let submitted = workdays[dayIndex]
        let authors = [PersonID(rawValue: "\(unit.id.rawValue)-p\(r.below(3) + 1)")]
        var facts = ItemFacts(id: ItemID(rawValue: "I\(year)-\(SampleUnits.pad(index + 1, 7))"), units: unitIDs, merged: merged,
                              category: category, submitted: submitted, authors: authors)
        if r.chance(0.04) { facts.commission = "YG-\(year)-\(SampleUnits.pad(1 + r.below(24), 2))" }
        let adoptedByCity = r.chance(merged ? 0.9 : 0.3)
        guard adoptedByCity else { return facts }
        let later = { (r: inout SeededRandom, base: Day, span: Int) -> Day in
            let i = min(self.workdays.count - 1, self.index(of: base) + 1 + r.below(span))
            return self.workdays[i]
        }
        let cityDay = later(&r, submitted, 3)
        let cp = merged ? ("政务信息", PublicationKind.digest) : pick(Self.cityPublications, &r)
        facts.adoptions.append(AdoptionFact(level: .city, publication: cp.0, kind: cp.1, issue: "\(year)-\(SampleUnits.pad(cityDay.ordinal % 300 + 1, 3))", date: cityDay))
        if r.chance(0.27) {
            let fwd = later(&r, cityDay, 2)
            facts.forwardings.append(ForwardingFact(to: .province, date: fwd))
            if r.chance(0.6) {
                let pDay = later(&r, fwd, 10)
                let pp = pick(Self.provincePublications, &r)
                facts.adoptions.append(AdoptionFact(level: .province, publication: pp.0, kind: pp.1, issue: "\(year)-\(SampleUnits.pad(pDay.ordinal % 200 + 1, 3))", date: pDay))
                if r.chance(0.2) {
                    let sf = later(&r, pDay, 3)
                    facts.forwardings.append(ForwardingFact(to: .state, date: sf))
                    if r.chance(0.5) {
                        let sDay = later(&r, sf, 10)
                        let sp = pick(Self.statePublications, &r)
                        facts.adoptions.append(AdoptionFact(level: .state, publication: sp.0, kind: sp.1, issue: nil, date: sDay))
                    }
                }
            }
        }
        if r.chance(0.07) {
            let provincial = facts.adoptions.contains { $0.level != .city } && r.chance(0.4)
            let leaders = provincial ? Self.provinceLeaders : Self.cityLeaders
            let count = r.chance(0.2) ? 2 : 1
            for k in 0..<count {
                let leader = leaders[(r.below(leaders.count) + k) % leaders.count]
                // The first name of each list is the principal leader (mayor, governor).
                facts.instructions.append(InstructionFact(level: provincial ? .province : .city, principal: leader == leaders[0],
                                                          leader: leader, date: later(&r, cityDay, 5)))
            }
        }
        return facts
    }

    /// Position of a working day in the year's list (binary search).
    private func index(of day: Day) -> Int {
        var lo = 0
        var hi = workdays.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if workdays[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return min(lo, workdays.count - 1)
    }

    private func pickUnit(_ r: inout SeededRandom) -> SampleUnit {
        let x = Double(r.next() >> 11) / Double(1 << 53) * (cumulative.last ?? 1)
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return units[lo]
    }

    private func pick(_ options: [(String, PublicationKind, Double)], _ r: inout SeededRandom) -> (String, PublicationKind) {
        let o = options[r.weighted(options.map(\.2))]
        return (o.0, o.1)
    }
}
