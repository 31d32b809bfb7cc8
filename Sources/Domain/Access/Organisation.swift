/// The offices, units and people of a deployment, with the lookups access checks need.
package struct Organisation: Sendable, Equatable {
    package var offices: [OfficeID: Office]
    package var units: [UnitID: Unit]
    package var people: [PersonID: Person]

    package init(offices: [Office], units: [Unit], people: [Person]) {
        self.offices = Dictionary(offices.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.units = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.people = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    package func unit(_ id: UnitID) -> Unit? { units[id] }

    /// `office` and every office below it.
    package func subtree(of office: OfficeID) -> Set<OfficeID> {
        var children: [OfficeID: [OfficeID]] = [:]
        for o in offices.values { if let p = o.parent { children[p, default: []].append(o.id) } }
        var out: Set<OfficeID> = [office]
        var stack = [office]
        while let next = stack.popLast() {
            for c in children[next] ?? [] where out.insert(c).inserted { stack.append(c) }
        }
        return out
    }

    /// The office that runs `unit`'s rules.
    package func office(of unit: UnitID) -> OfficeID? { units[unit]?.office }
}
