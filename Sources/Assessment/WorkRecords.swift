import Tagged
package import Domain

/// The records an assessment reads besides the items: the organisation, and the work whose
/// deadlines are judged (commissions, instructions, emergencies, absences) and quotas.
package struct WorkRecords: Sendable {
    package var offices: [Office] = []
    package var publications: [Publication] = []
    package var units: [Unit] = []
    package var people: [Person] = []
    package var commissions: [Commission] = []
    package var answers: [CommissionAnswer] = []
    package var instructions: [Instruction] = []
    package var replies: [Reply] = []
    package var emergencies: [Emergency] = []
    package var absences: [Absence] = []
    package var quotas: [Quota] = []

    package init() {}

    /// The kinds `add` keeps (what a store's filtered export should send).
    package static let kinds: Set<RecordKind> = [
        .office, .unit, .person, .publication, .commission, .answer, .instruction, .reply, .emergency, .absence, .quota,
    ]

    /// Keeps `record` if it is of one of `kinds`.
    package mutating func add(_ record: Record) {
        switch record {
        case .office(let o): offices.append(o)
        case .publication(let p): publications.append(p)
        case .unit(let u): units.append(u)
        case .person(let p): people.append(p)
        case .commission(let c): commissions.append(c)
        case .answer(let a): answers.append(a)
        case .instruction(let i): instructions.append(i)
        case .reply(let r): replies.append(r)
        case .emergency(let e): emergencies.append(e)
        case .absence(let a): absences.append(a)
        case .quota(let q): quotas.append(q)
        default: break
        }
    }

    /// The offices of `office`'s subtree (itself and every office below it).
    package func subtree(of office: OfficeID) -> Set<OfficeID> {
        var out: Set<OfficeID> = [office]
        var grew = true
        while grew {
            grew = false
            for o in offices where !out.contains(o.id) {
                if let p = o.parent, out.contains(p) {
                    out.insert(o.id)
                    grew = true
                }
            }
        }
        return out
    }
}
