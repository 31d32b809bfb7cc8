import Tagged
package import WorkingDays

extension Record {
    /// When an adoption, forwarding or instruction was recorded (nil for other records, and
    /// when not known).
    package var recorded: Instant? {
        switch self {
        case .adoption(let x): x.recorded
        case .forwarding(let x): x.recorded
        case .instruction(let x): x.recorded
        default: nil
        }
    }

    /// The day an adoption, forwarding or instruction happened (nil for other records).
    package var factDay: Day? {
        switch self {
        case .adoption(let x): x.date
        case .forwarding(let x): x.date
        case .instruction(let x): x.at.day
        default: nil
        }
    }

    /// Sets `recorded` on an adoption, forwarding or instruction that has none.
    package mutating func stampRecorded(_ at: Instant) {
        switch self {
        case .adoption(var x) where x.recorded == nil:
            x.recorded = at
            self = .adoption(x)
        case .forwarding(var x) where x.recorded == nil:
            x.recorded = at
            self = .forwarding(x)
        case .instruction(var x) where x.recorded == nil:
            x.recorded = at
            self = .instruction(x)
        default: break
        }
    }

    /// A stable fingerprint of the record's content: importing the same id again with the
    /// same fingerprint changes nothing; a different fingerprint is a conflict. When a fact
    /// was recorded is not content (the first recording stands).
    package var fingerprint: Int64 {
        var h = StableHasher()
        h.combine(kind.rawValue)
        func t(_ i: Instant?) { h.combine(i.map { Int64($0.seconds) } ?? Int64.min) }
        func d(_ x: Day) { h.combine(Int64(x.ordinal)) }
        switch self {
        case .office(let x):
            h.combine(x.id.rawValue); h.combine(x.name); h.combine(x.parent?.rawValue)
        case .unit(let x):
            h.combine(x.id.rawValue); h.combine(x.name); h.combine(x.kind.rawValue); h.combine(x.group)
            h.combine(x.parent?.rawValue); h.combine(x.office.rawValue)
        case .person(let x):
            h.combine(x.id.rawValue); h.combine(x.name); h.combine(x.unit.rawValue)
            for r in x.roles.sorted() { h.combine(r.rawValue) }
            h.combine(x.phone); h.combine(x.email)
        case .publication(let x):
            h.combine(x.id); h.combine(x.name); h.combine(x.level.rawValue); h.combine(x.kind.rawValue); h.combine(x.office?.rawValue)
        case .commission(let x):
            h.combine(x.id); h.combine(x.office.rawValue); h.combine(x.topic)
            for u in x.units { h.combine(u.rawValue) }
            t(x.assignedAt); t(x.due)
        case .submission(let x):
            h.combine(x.id.rawValue)
            for u in x.units { h.combine(u.rawValue) }
            h.combine(Int64(x.authors.count))
            for a in x.authors { h.combine(a.rawValue) }
            h.combine(x.category.rawValue); h.combine(x.title); h.combine(x.body); h.combine(x.status.rawValue)
            t(x.createdAt); t(x.submittedAt); h.combine(x.commission)
            h.combine(Int64(x.mergedFrom.count))
            for m in x.mergedFrom { h.combine(m.rawValue) }
            for s in x.history {
                h.combine(s.from?.rawValue); h.combine(s.to.rawValue); h.combine(s.by?.rawValue); t(s.at); h.combine(s.note)
            }
        case .adoption(let x):
            h.combine(x.id); h.combine(x.item.rawValue); h.combine(x.level.rawValue); h.combine(x.publication)
            h.combine(x.kind.rawValue); h.combine(x.issue); d(x.date)
        case .forwarding(let x):
            h.combine(x.id); h.combine(x.item.rawValue); h.combine(x.to.rawValue); d(x.date)
        case .instruction(let x):
            h.combine(x.id); h.combine(x.item?.rawValue); h.combine(x.leader); h.combine(x.level.rawValue); h.combine(x.principal)
            h.combine(x.text); t(x.at); h.combine(x.handler.rawValue); t(x.due); h.combine(x.urgency.rawValue)
        case .reply(let x):
            h.combine(x.id); h.combine(x.instruction); h.combine(x.unit.rawValue); h.combine(x.text); t(x.at)
        case .answer(let x):
            h.combine(x.id); h.combine(x.commission); h.combine(x.unit.rawValue); h.combine(x.item?.rawValue); t(x.at)
        case .emergency(let x):
            h.combine(x.id); h.combine(x.unit.rawValue); h.combine(x.title); h.combine(x.severity.rawValue)
            t(x.occurredAt); t(x.learnedAt); t(x.phoneAt); t(x.writtenAt); h.combine(x.finding?.rawValue)
            for f in x.followups { t(f) }
        case .absence(let x):
            h.combine(x.id); h.combine(x.unit.rawValue); h.combine(x.leader); h.combine(x.destination); h.combine(x.reason)
            t(x.departAt); t(x.returnAt); h.combine(x.actingLeader); h.combine(x.actingPhone); t(x.filedAt)
        case .quota(let x):
            h.combine(x.id); h.combine(Int64(x.required))
        case .meeting(let x):
            h.combine(x.id); h.combine(x.office.rawValue); h.combine(x.title); t(x.startsAt); h.combine(x.place)
            for a in x.agenda { h.combine(a) }
        }
        return h.value
    }
}
