import Domain
import Foundation
import Tagged
import WorkingDays

/// Plans the reminders of event-driven jobs: for each new, unsettled event of the job's
/// kind in its office, one occurrence per reminder — at the times the office's `deadline`
/// rule gives (`anchor: reminders`), or at offsets from the event's time, an absence's
/// departure or the rule's deadline. Nothing before the job existed (`since`) is planned.
struct EventPlanner: Sendable {
    let calendar: WorkCalendar
    let rules: (any DeadlineRules)?

    /// What planning a batch of events gave.
    struct Plan {
        var occurrences: [Occurrence] = []
        /// Events whose reminders could not be planned, with why.
        var problems: [String] = []
        /// Events waiting for a year's calendar data (year → how many): planned again when
        /// it arrives (the calendar is part of the job's planning fingerprint).
        var waiting: [Int: Int] = [:]
    }

    /// Occurrences for `events` (already of the job's kind).
    func occurrences(for job: Job, events: [RecordedEvent], since: Instant, now: Instant) -> Plan {
        guard case .event(_, let anchor, let offsets, let at) = job.trigger else { return Plan() }
        let cal = job.provisionalCalendar ? calendar.provisional() : calendar
        var plan = Plan()
        for recorded in events where recorded.office == job.office && !recorded.settled {
            let e = recorded.event
            let subject = "\(e.kind.rawValue):\(e.id)"
            var decision: DeadlineDecision?
            if anchor == .reminders || anchor == .due {
                do {
                    decision = try rules?.deadline(for: e, office: job.office, now: max(now, since))
                } catch CalendarError.yearNotCovered(let year) {
                    plan.waiting[year, default: 0] += 1
                    continue
                } catch {
                    plan.problems.append("\(subject)：办理时限规则出错：\(error)")
                    continue
                }
            }
            if anchor == .reminders {
                guard let decision else { continue }
                plan.occurrences += reminders(decision, of: recorded, job: job, subject: subject, since: since, calendar: cal)
                continue
            }
            let anchorTime: Instant? = switch anchor {
            case .at: e.at
            case .depart: e.depart
            case .due, .reminders: decision?.due
            }
            guard let anchorTime else { continue }
            let payload = Self.payload(recorded, fields: ["anchor": anchorTime.iso, "due": decision?.due.iso])
            for o in offsets {
                do {
                    let (t, note) = try OffsetMath.apply(o, to: anchorTime, at: at, zone: job.zone, calendar: cal)
                    guard t > since else { continue }
                    let local = job.zone.local(anchorTime)
                    let text = "\(recorded.summary)：\(anchor.label) \(local.day.iso) \(TimeOfDay(hour: local.hour, minute: local.minute))\(o.label)\(note)"
                    plan.occurrences.append(Occurrence(key: OccurrenceKey(job: job.id, subject: subject, scheduledAt: t), explanation: text,
                                          provisional: cal.isProvisional(job.zone.local(t).day), payload: payload))
                } catch CalendarError.yearNotCovered(let year) {
                    plan.waiting[year, default: 0] += 1
                } catch {
                    plan.problems.append("\(subject)：\(error)")
                }
            }
        }
        return plan
    }

    /// One occurrence per reminder time of the rule's ladder (recipients of reminders at the
    /// same time are merged).
    private func reminders(_ d: DeadlineDecision, of r: RecordedEvent, job: Job, subject: String, since: Instant,
                           calendar: WorkCalendar) -> [Occurrence] {
        var byTime: [Instant: [DeadlineDecision.Reminder]] = [:]
        for reminder in d.reminders where reminder.at > since { byTime[reminder.at, default: []].append(reminder) }
        return byTime.keys.sorted().map { t in
            let group = byTime[t]!
            let to = group.map(\.to).joined(separator: ",")
            let notes = group.map(\.note).joined(separator: "；")
            return Occurrence(key: OccurrenceKey(job: job.id, subject: subject, scheduledAt: t),
                              explanation: "\(r.summary)：\(notes)（提醒：\(to)；时限 \(d.due.iso)）",
                              provisional: calendar.isProvisional(job.zone.local(t).day),
                              payload: Self.payload(r, fields: ["anchor": d.due.iso, "due": d.due.iso, "to": to, "note": notes]))
        }
    }

    /// The event's fields for the action, as JSON.
    static func payload(_ r: RecordedEvent, fields extra: [String: String?]) -> String {
        var fields: [String: String] = ["kind": r.event.kind.rawValue, "id": r.event.id, "unit": r.event.unit.rawValue, "summary": r.summary]
        if let t = r.event.at { fields["at"] = t.iso }
        if let t = r.event.depart { fields["depart"] = t.iso }
        for (k, v) in extra { if let v { fields[k] = v } }
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
