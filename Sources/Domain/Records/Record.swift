import Tagged

/// The kinds of records in the interchange format, in the order they may reference each
/// other (a record may reference records of earlier kinds, or of its own kind earlier in a file).
package enum RecordKind: String, Sendable, Codable, CaseIterable, Comparable {
    case office
    case unit
    case person
    case publication
    case commission
    /// An information item, with its workflow history.
    case submission
    case adoption
    case forwarding
    case instruction
    case reply
    case answer
    case emergency
    case absence
    case quota
    case meeting

    package var label: String {
        switch self {
        case .office: "办公室"
        case .unit: "单位"
        case .person: "人员"
        case .publication: "载体"
        case .commission: "约稿"
        case .submission: "信息"
        case .adoption: "采用"
        case .forwarding: "转报"
        case .instruction: "批示"
        case .reply: "批示反馈"
        case .answer: "约稿答复"
        case .emergency: "突发事件"
        case .absence: "外出报备"
        case .quota: "任务数"
        case .meeting: "例会"
        }
    }

    package static func < (a: RecordKind, b: RecordKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One fact the office recorded, as it travels through import, storage and export.
package enum Record: Sendable, Equatable {
    case office(Office)
    case unit(Unit)
    case person(Person)
    case publication(Publication)
    case commission(Commission)
    case submission(Item)
    case adoption(Adoption)
    case forwarding(Forwarding)
    case instruction(Instruction)
    case reply(Reply)
    case answer(CommissionAnswer)
    case emergency(Emergency)
    case absence(Absence)
    case quota(Quota)
    case meeting(Meeting)

    package var kind: RecordKind {
        switch self {
        case .office: .office
        case .unit: .unit
        case .person: .person
        case .publication: .publication
        case .commission: .commission
        case .submission: .submission
        case .adoption: .adoption
        case .forwarding: .forwarding
        case .instruction: .instruction
        case .reply: .reply
        case .answer: .answer
        case .emergency: .emergency
        case .absence: .absence
        case .quota: .quota
        case .meeting: .meeting
        }
    }

    /// The record's stable id within its kind.
    package var id: String {
        switch self {
        case .office(let r): r.id.rawValue
        case .unit(let r): r.id.rawValue
        case .person(let r): r.id.rawValue
        case .publication(let r): r.id
        case .commission(let r): r.id
        case .submission(let r): r.id.rawValue
        case .adoption(let r): r.id
        case .forwarding(let r): r.id
        case .instruction(let r): r.id
        case .reply(let r): r.id
        case .answer(let r): r.id
        case .emergency(let r): r.id
        case .absence(let r): r.id
        case .quota(let r): r.id
        case .meeting(let r): r.id
        }
    }

    /// A reference from a field of this record to another record.
    package struct Reference: Sendable, Equatable {
        package var field: String
        package var kind: RecordKind
        package var id: String
    }

    /// Every record this one points to (which must exist before it).
    package var references: [Reference] {
        func r(_ field: String, _ kind: RecordKind, _ id: String) -> Reference { Reference(field: field, kind: kind, id: id) }
        switch self {
        case .office(let o):
            return o.parent.map { [r("parent", .office, $0.rawValue)] } ?? []
        case .unit(let u):
            return [r("office", .office, u.office.rawValue)] + (u.parent.map { [r("parent", .unit, $0.rawValue)] } ?? [])
        case .person(let p):
            return [r("unit", .unit, p.unit.rawValue)]
        case .publication(let p):
            return p.office.map { [r("office", .office, $0.rawValue)] } ?? []
        case .commission(let c):
            return [r("office", .office, c.office.rawValue)] + c.units.enumerated().map { r("units[\($0)]", .unit, $1.rawValue) }
        case .submission(let i):
            var refs = i.units.enumerated().map { r("units[\($0)]", .unit, $1.rawValue) }
            refs += i.authors.enumerated().map { r("authors[\($0)]", .person, $1.rawValue) }
            if let c = i.commission { refs.append(r("commission", .commission, c)) }
            refs += i.mergedFrom.enumerated().map { r("merged_from[\($0)]", .submission, $1.rawValue) }
            refs += i.history.enumerated().compactMap { k, t in t.by.map { r("history[\(k)].by", .person, $0.rawValue) } }
            return refs
        case .adoption(let a):
            return [r("item", .submission, a.item.rawValue)]
        case .forwarding(let f):
            return [r("item", .submission, f.item.rawValue)]
        case .instruction(let i):
            return (i.item.map { [r("item", .submission, $0.rawValue)] } ?? []) + [r("handler", .unit, i.handler.rawValue)]
        case .reply(let x):
            return [r("instruction", .instruction, x.instruction), r("unit", .unit, x.unit.rawValue)]
        case .answer(let a):
            return [r("commission", .commission, a.commission), r("unit", .unit, a.unit.rawValue)]
                + (a.item.map { [r("item", .submission, $0.rawValue)] } ?? [])
        case .emergency(let e):
            return [r("unit", .unit, e.unit.rawValue)]
        case .absence(let a):
            return [r("unit", .unit, a.unit.rawValue)]
        case .quota(let q):
            switch q.subject {
            case .unit(let u): return [r("unit", .unit, u.rawValue)]
            case .person(let p): return [r("person", .person, p.rawValue)]
            }
        case .meeting(let m):
            return [r("office", .office, m.office.rawValue)]
        }
    }
}
