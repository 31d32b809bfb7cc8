import Domain
import Foundation
import Tagged
import WorkingDays

extension RecordDecoder {
    static func submission(_ f: inout JSONFields) throws(FieldError) -> Item {
        let id = ItemID(rawValue: try f.id("id"))
        let units = try f.ids("units", required: true).map { UnitID(rawValue: $0) }
        let authors = try f.ids("authors").map { PersonID(rawValue: $0) }
        let category = try f.enumeration("category", ItemCategory.self)
        let title = try f.string("title", max: 300)
        let body = try f.optionalString("body", max: 20_000) ?? ""
        let status = try f.enumeration("status", ItemStatus.self)
        let createdAt = try f.instant("created_at")
        let submittedAt = try f.optionalInstant("submitted_at")
        let commission = try f.optionalID("commission")
        let mergedFrom = try f.ids("merged_from").map { ItemID(rawValue: $0) }
        var item = Item(id: id, units: units, authors: authors, category: category, title: title, body: body, status: status,
                        createdAt: createdAt, submittedAt: submittedAt, commission: commission, mergedFrom: mergedFrom)
        if item.mergedFrom.contains(item.id) { throw FieldError("merged_from", "不能包含自身") }
        for var h in try f.objects("history", max: 200) {
            let t = ItemTransition(from: try h.optionalEnumeration("from", ItemStatus.self), to: try h.enumeration("to", ItemStatus.self),
                                   by: try h.optionalID("by").map { PersonID(rawValue: $0) }, at: try h.instant("at"), note: try h.optionalString("note", max: 500))
            try h.finish()
            item.history.append(t)
        }
        try checkWorkflow(item)
        return item
    }

    /// Status, submission time and history must tell one consistent story.
    static func checkWorkflow(_ item: Item) throws(FieldError) {
        if let s = item.submittedAt, s < item.createdAt { throw FieldError("submitted_at", "早于创建时间 created_at") }
        if item.status.wasSubmitted && item.submittedAt == nil { throw FieldError("submitted_at", "状态为“\(item.status.label)”的信息必须有报送时间") }
        if item.isMerged && item.status == .draft { throw FieldError("status", "合编的综合信息不能是草稿") }
        guard !item.history.isEmpty else { return }
        var previous: ItemStatus? = nil
        var time = item.createdAt
        for (i, t) in item.history.enumerated() {
            if t.from != nil && t.from != previous && previous != nil { throw FieldError("history[\(i)].from", "应为上一步的状态 \(previous!.rawValue)") }
            let from = t.from ?? previous
            if let from, !from.next.contains(t.to) {
                throw FieldError("history[\(i)].to", "不能从“\(from.label)”变为“\(t.to.label)”")
            }
            if from == nil && ![.draft, .submitted].contains(t.to) {
                throw FieldError("history[\(i)].to", "第一步只能是草稿或报送")
            }
            if t.at < time { throw FieldError("history[\(i)].at", "早于上一步（或创建时间）") }
            time = t.at
            previous = t.to
        }
        if previous != item.status { throw FieldError("status", "应与最后一步 history 的状态一致（\(previous!.rawValue)）") }
    }

    static func adoption(_ f: inout JSONFields) throws(FieldError) -> Adoption {
        Adoption(id: try f.id("id"), item: ItemID(rawValue: try f.id("item")), level: try f.enumeration("level", Level.self),
                 publication: try f.string("publication", max: 100), kind: try f.enumeration("type", PublicationKind.self),
                 issue: try f.optionalString("issue", max: 40), date: try f.day("date"), recorded: try f.optionalInstant("recorded_at"))
    }

    static func forwarding(_ f: inout JSONFields) throws(FieldError) -> Forwarding {
        let x = Forwarding(id: try f.id("id"), item: ItemID(rawValue: try f.id("item")), to: try f.enumeration("to", Level.self), date: try f.day("date"),
                            recorded: try f.optionalInstant("recorded_at"))
        if x.to == .city { throw FieldError("to", "只能转报省（province）或国办（state）") }
        return x
    }

    static func instruction(_ f: inout JSONFields) throws(FieldError) -> Instruction {
        let x = Instruction(
            id: try f.id("id"), item: try f.optionalID("item").map { ItemID(rawValue: $0) }, leader: try f.string("leader", max: 60),
            level: try f.enumeration("level", Level.self), principal: try f.bool("principal", default: false),
            text: try f.string("text", max: 5000), at: try f.instant("at"), handler: UnitID(rawValue: try f.id("handler")),
            due: try f.optionalInstant("due_at"), urgency: try f.optionalEnumeration("urgency", Instruction.Urgency.self) ?? .ordinary,
            recorded: try f.optionalInstant("recorded_at"))
        if let due = x.due, due <= x.at { throw FieldError("due_at", "办理时限应晚于批示时间") }
        return x
    }

    static func reply(_ f: inout JSONFields) throws(FieldError) -> Reply {
        Reply(id: try f.id("id"), instruction: try f.id("instruction"), unit: UnitID(rawValue: try f.id("unit")),
              text: try f.string("text", max: 20_000), at: try f.instant("at"))
    }

    static func answer(_ f: inout JSONFields) throws(FieldError) -> CommissionAnswer {
        CommissionAnswer(id: try f.id("id"), commission: try f.id("commission"), unit: UnitID(rawValue: try f.id("unit")),
                         item: try f.optionalID("item").map { ItemID(rawValue: $0) }, at: try f.instant("at"))
    }

    static func emergency(_ f: inout JSONFields) throws(FieldError) -> Emergency {
        let e = Emergency(
            id: try f.id("id"), unit: UnitID(rawValue: try f.id("unit")), title: try f.string("title", max: 300),
            severity: try f.enumeration("severity", Emergency.Severity.self), occurredAt: try f.instant("occurred_at"),
            learnedAt: try f.optionalInstant("learned_at"), phoneAt: try f.optionalInstant("phone_at"),
            writtenAt: try f.optionalInstant("written_at"), finding: try f.optionalEnumeration("finding", Emergency.Finding.self),
            followups: try f.list("followups", max: 100).enumerated().map { (i, v) throws(FieldError) in
                guard case .string(let s) = v, let t = Instant(iso: s) else { throw FieldError("followups[\(i)]", "应为带时区的时间") }
                return t
            })
        for (field, t) in [("learned_at", e.learnedAt), ("phone_at", e.phoneAt), ("written_at", e.writtenAt)] {
            if let t, t < e.occurredAt { throw FieldError(field, "早于事发时间 occurred_at") }
        }
        return e
    }

    static func absence(_ f: inout JSONFields) throws(FieldError) -> Absence {
        let a = Absence(
            id: try f.id("id"), unit: UnitID(rawValue: try f.id("unit")), leader: try f.string("leader", max: 60),
            destination: try f.string("destination", max: 200), reason: try f.string("reason", max: 500),
            departAt: try f.instant("depart_at"), returnAt: try f.instant("return_at"), actingLeader: try f.string("acting_leader", max: 60),
            actingPhone: try f.optionalString("acting_phone", max: 40), filedAt: try f.optionalInstant("filed_at"))
        if a.returnAt <= a.departAt { throw FieldError("return_at", "返回时间应晚于出发时间") }
        if a.actingLeader == a.leader { throw FieldError("acting_leader", "代为主持工作的人不能是外出领导本人") }
        return a
    }

    static func quota(_ f: inout JSONFields) throws(FieldError) -> Quota {
        let unit = try f.optionalID("unit")
        let person = try f.optionalID("person")
        let subject: Quota.Subject
        switch (unit, person) {
        case (let u?, nil): subject = .unit(UnitID(rawValue: u))
        case (nil, let p?): subject = .person(PersonID(rawValue: p))
        default: throw FieldError("unit", "应在 unit 和 person 中恰好给出一个")
        }
        let text = try f.string("period", max: 7)
        guard let period = Period(text) else { throw FieldError("period", "应为 2026、2026Q2 或 2026-05，实际为 '\(text)'") }
        let q = Quota(subject: subject, period: period, required: try f.int("required", range: 0...10_000))
        if let id = try f.optionalString("id", max: 200), id != q.id {
            throw FieldError("id", "任务数的编号由对象和期间决定，应为 '\(q.id)'")
        }
        return q
    }

    static func meeting(_ f: inout JSONFields) throws(FieldError) -> Meeting {
        Meeting(id: try f.id("id"), office: try required(officeID(&f, "office"), "office"), title: try f.string("title", max: 300),
                startsAt: try f.instant("starts_at"), place: try f.string("place", max: 200),
                agenda: try f.list("agenda", max: 100).enumerated().map { (i, v) throws(FieldError) in
                    guard case .string(let s) = v, !s.isEmpty else { throw FieldError("agenda[\(i)]", "应为文本") }
                    return s
                })
    }
}
