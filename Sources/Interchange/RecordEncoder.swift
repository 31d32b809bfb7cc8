package import Domain
import Foundation
import Tagged
import WorkingDays

/// Writes records in the JSON Lines interchange format: one object per line, keys sorted,
/// absent optional fields omitted, times in Asia/Shanghai with their offset. What it writes,
/// `RecordDecoder` reads back to the same record.
package enum RecordEncoder {
    package static func line(_ record: Record) -> String {
        var o = JSONObjectWriter()
        o.put("kind", record.kind.rawValue)
        func put(_ key: String, _ value: String?) { o.put(key, value) }
        func put(_ key: String, _ value: [String]) { o.put(key, value) }
        func put(_ key: String, _ value: Int) { o.put(key, value) }
        func put(_ key: String, _ value: Bool) { o.put(key, value) }
        func ids<T>(_ xs: [Tagged<T, String>]) -> [String] { xs.map(\.rawValue) }
        switch record {
        case .office(let x):
            put("id", x.id.rawValue); put("name", x.name); put("parent", x.parent?.rawValue)
        case .unit(let x):
            put("id", x.id.rawValue); put("name", x.name); put("type", x.kind.rawValue); put("group", x.group)
            put("parent", x.parent?.rawValue); put("office", x.office.rawValue)
        case .person(let x):
            put("id", x.id.rawValue); put("name", x.name); put("unit", x.unit.rawValue)
            put("roles", x.roles.sorted().map(\.rawValue)); put("phone", x.phone); put("email", x.email)
        case .publication(let x):
            put("id", x.id); put("name", x.name); put("level", x.level.rawValue); put("type", x.kind.rawValue); put("office", x.office?.rawValue)
        case .commission(let x):
            put("id", x.id); put("office", x.office.rawValue); put("topic", x.topic); put("units", ids(x.units))
            put("assigned_at", x.assignedAt.iso); put("due_at", x.due.iso)
        case .submission(let x):
            put("id", x.id.rawValue); put("units", ids(x.units)); put("category", x.category.rawValue); put("title", x.title)
            put("status", x.status.rawValue); put("created_at", x.createdAt.iso); put("submitted_at", x.submittedAt?.iso)
            put("commission", x.commission)
            if !x.authors.isEmpty { put("authors", ids(x.authors)) }
            if !x.body.isEmpty { put("body", x.body) }
            if !x.mergedFrom.isEmpty { put("merged_from", ids(x.mergedFrom)) }
            if !x.history.isEmpty {
                o.put("history", objects: x.history.map { t in
                    var h = JSONObjectWriter()
                    h.put("to", t.to.rawValue)
                    h.put("at", t.at.iso)
                    h.put("from", t.from?.rawValue)
                    h.put("by", t.by?.rawValue)
                    h.put("note", t.note)
                    return h
                })
            }
        case .adoption(let x):
            put("id", x.id); put("item", x.item.rawValue); put("level", x.level.rawValue); put("publication", x.publication)
            put("type", x.kind.rawValue); put("issue", x.issue); put("date", x.date.iso); put("recorded_at", x.recorded?.iso)
        case .forwarding(let x):
            put("id", x.id); put("item", x.item.rawValue); put("to", x.to.rawValue); put("date", x.date.iso); put("recorded_at", x.recorded?.iso)
        case .instruction(let x):
            put("id", x.id); put("item", x.item?.rawValue); put("leader", x.leader); put("level", x.level.rawValue)
            put("principal", x.principal); put("text", x.text); put("at", x.at.iso); put("handler", x.handler.rawValue)
            put("due_at", x.due?.iso); put("urgency", x.urgency.rawValue); put("recorded_at", x.recorded?.iso)
        case .reply(let x):
            put("id", x.id); put("instruction", x.instruction); put("unit", x.unit.rawValue); put("text", x.text); put("at", x.at.iso)
        case .answer(let x):
            put("id", x.id); put("commission", x.commission); put("unit", x.unit.rawValue); put("item", x.item?.rawValue); put("at", x.at.iso)
        case .emergency(let x):
            put("id", x.id); put("unit", x.unit.rawValue); put("title", x.title); put("severity", x.severity.rawValue)
            put("occurred_at", x.occurredAt.iso); put("learned_at", x.learnedAt?.iso); put("phone_at", x.phoneAt?.iso)
            put("written_at", x.writtenAt?.iso); put("finding", x.finding?.rawValue)
            if !x.followups.isEmpty { put("followups", x.followups.map(\.iso)) }
        case .absence(let x):
            put("id", x.id); put("unit", x.unit.rawValue); put("leader", x.leader); put("destination", x.destination)
            put("reason", x.reason); put("depart_at", x.departAt.iso); put("return_at", x.returnAt.iso)
            put("acting_leader", x.actingLeader); put("acting_phone", x.actingPhone); put("filed_at", x.filedAt?.iso)
        case .quota(let x):
            switch x.subject {
            case .unit(let u): put("unit", u.rawValue)
            case .person(let p): put("person", p.rawValue)
            }
            put("period", x.period.description); put("required", x.required)
        case .meeting(let x):
            put("id", x.id); put("office", x.office.rawValue); put("title", x.title); put("starts_at", x.startsAt.iso)
            put("place", x.place)
            if !x.agenda.isEmpty { put("agenda", x.agenda) }
        }
        return o.text
    }
}
