/// What a signed-in person may see and change, from their role and where they work.
///
/// - admin (信息科): every unit of their office and of the offices under it; reviews and
///   adopts items, changes rules and schedules, reads the audit log;
/// - clerk (信息员): their own unit — drafts, edits and submits its items;
/// - unit leader (单位领导): reads their own unit;
/// - city leader (市领导): reads every unit of their office's subtree.
package struct AccessScope: Sendable, Equatable {
    package var person: PersonID
    package var role: Role
    /// The units the person may read.
    package var units: Set<UnitID>
    /// The offices whose rules, schedules, runs and notices the person may read.
    package var offices: Set<OfficeID>

    package init(person: PersonID, role: Role, units: Set<UnitID>, offices: Set<OfficeID>) {
        self.person = person
        self.role = role
        self.units = units
        self.offices = offices
    }

    /// The scope of `person` acting as `role`, over `organisation`.
    package init(person: Person, role: Role, organisation: Organisation) {
        self.person = person.id
        self.role = role
        let home = organisation.unit(person.unit)
        switch role {
        case .admin, .cityLeader:
            let office = home?.office ?? .city
            let covered = organisation.subtree(of: office)
            offices = covered
            units = Set(organisation.units.values.filter { covered.contains($0.office) }.map(\.id))
        case .clerk, .unitLeader:
            offices = home.map { [$0.office] } ?? []
            units = [person.unit]
        }
    }

    package var isAdmin: Bool { role == .admin }
    package func canRead(unit: UnitID) -> Bool { units.contains(unit) }
    /// Drafts, edits and submits the unit's items (clerks of the unit, and admins over it).
    package func canDraft(for unit: UnitID) -> Bool { (role == .clerk || role == .admin) && units.contains(unit) }
    /// Reviews (returns, edits, adopts, reserves, rejects, merges) items of the unit.
    package func canReview(unit: UnitID) -> Bool { role == .admin && units.contains(unit) }
    /// Changes an office's rules and schedules, runs assessments, reads its audit log.
    package func canAdminister(office: OfficeID) -> Bool { role == .admin && offices.contains(office) }
}
