package import Domain
package import WorkingDays

/// A scheduled job, as a schedule file defines it.
package struct Job: Sendable, Hashable, Identifiable {
    /// Unique across all schedule files: lower-case letters, digits and `-`.
    package var id: String
    /// The office whose calendar overlay, rules and people the job serves.
    package var office: OfficeID
    /// What people read in lists and explanations.
    package var title: String
    package var trigger: Trigger
    package var action: ActionCall
    package var zone: Zone
    /// Plan uncovered years as Monday–Friday (flagged) instead of stopping at the end of the data.
    package var provisionalCalendar: Bool
    package var missed: MissedPolicy
    package var overlap: OverlapPolicy
    /// Fires before `start` or after `end` are not planned.
    package var start: Instant?
    package var end: Instant?
    /// Where the job is defined, for messages.
    package var source: SourceLocation

    package init(
        id: String, office: OfficeID, title: String, trigger: Trigger, action: ActionCall, zone: Zone = .shanghai,
        provisionalCalendar: Bool = false, missed: MissedPolicy = .default, overlap: OverlapPolicy = .skip,
        start: Instant? = nil, end: Instant? = nil, source: SourceLocation = SourceLocation(file: "", line: 0)
    ) {
        self.id = id
        self.office = office
        self.title = title
        self.trigger = trigger
        self.action = action
        self.zone = zone
        self.provisionalCalendar = provisionalCalendar
        self.missed = missed
        self.overlap = overlap
        self.start = start
        self.end = end
        self.source = source
    }

    /// Whether the job is driven by events of the record rather than by the clock.
    package var isEventDriven: Bool { trigger.isEvent }

    /// A digest of everything that decides when the job fires: when it changes, pending
    /// occurrences are planned again.
    package var timingFingerprint: String {
        var h = StableHasher()
        h.combine("\(trigger.canonical)|\(zone.identifier)|\(provisionalCalendar)|\(start?.seconds ?? 0)|\(end?.seconds ?? 0)")
        return String(UInt64(bitPattern: h.value), radix: 16)
    }

    package static func == (a: Job, b: Job) -> Bool {
        a.id == b.id && a.office == b.office && a.title == b.title && a.trigger == b.trigger && a.action == b.action
            && a.zone == b.zone && a.provisionalCalendar == b.provisionalCalendar && a.missed == b.missed
            && a.overlap == b.overlap && a.start == b.start && a.end == b.end
    }

    package func hash(into h: inout Hasher) { h.combine(id) }
}

/// A file and line, for `FILE:LINE` messages.
package struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    package var file: String
    package var line: Int

    package init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    package var description: String { "\(file):\(line)" }
}

/// An action by name with its parameters.
package struct ActionCall: Sendable, Hashable {
    package var name: String
    package var params: [String: ParamValue]

    package init(_ name: String, params: [String: ParamValue] = [:]) {
        self.name = name
        self.params = params
    }
}

/// A parameter value from a schedule file.
package enum ParamValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([String])

    package var description: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .list(let l): l.joined(separator: ",")
        }
    }
}
