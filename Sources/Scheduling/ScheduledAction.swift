package import WorkingDays

/// Something a job does when it fires, registered by name (`inbox.post`, `test.echo`…).
/// Later parts of Tally plug in notices, meeting packs, reminders and assessment runs.
///
/// A run may be repeated: when a process dies mid-run its lease expires and another
/// instance runs the occurrence again with the same `idempotencyKey`. Actions with effects
/// must use that key so that a repeat changes nothing (e.g. a unique key on what they write).
package protocol ScheduledAction: Sendable {
    /// The name schedule files use.
    var name: String { get }
    /// What it does, in Chinese, for `tally schedule actions`.
    var summary: String { get }
    /// The parameters it takes (checked when schedule files are loaded).
    var parameters: [ParameterSpec] { get }
    /// Checks parameter values beyond their types when schedule files load: the parameter
    /// at fault and why, or nil when they are fine.
    func check(_ params: [String: ParamValue]) -> (parameter: String, reason: String)?
    /// Does the work; returns a one-line outcome in Chinese for the history. Throwing
    /// records the run as failed with the error's description.
    func run(_ run: ActionRun) async throws -> String
}

extension ScheduledAction {
    package func check(_ params: [String: ParamValue]) -> (parameter: String, reason: String)? { nil }
}

/// One parameter an action takes.
package struct ParameterSpec: Sendable {
    package enum Kind: String, Sendable {
        case string, int, bool, list

        var label: String {
            switch self {
            case .string: "文本"
            case .int: "整数"
            case .bool: "true/false"
            case .list: "列表"
            }
        }
    }

    package var name: String
    package var kind: Kind
    package var required: Bool
    package var summary: String

    package init(_ name: String, _ kind: Kind, required: Bool = false, _ summary: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.summary = summary
    }

    func accepts(_ v: ParamValue) -> Bool {
        switch (kind, v) {
        case (.string, .string), (.int, .int), (.bool, .bool), (.list, .list), (.list, .string): true
        default: false
        }
    }
}

/// What an action is told about the fire it runs for.
package struct ActionRun: Sendable {
    package var job: Job
    package var occurrence: OccurrenceKey
    /// `job@subject@time`: the same for every attempt of this occurrence.
    package var idempotencyKey: String
    package var origin: OccurrenceOrigin
    package var attempt: Int
    /// When the run started (the scheduler's clock).
    package var now: Instant
    /// The fire's explanation, and for event reminders the event's details.
    package var explanation: String
    package var payload: String?

    package init(job: Job, occurrence: OccurrenceKey, origin: OccurrenceOrigin, attempt: Int, now: Instant, explanation: String, payload: String?) {
        self.job = job
        self.occurrence = occurrence
        idempotencyKey = occurrence.idempotencyKey
        self.origin = origin
        self.attempt = attempt
        self.now = now
        self.explanation = explanation
        self.payload = payload
    }

    package var params: [String: ParamValue] { job.action.params }
}

/// The actions a deployment knows, by name.
package struct ActionRegistry: Sendable {
    private var actions: [String: any ScheduledAction] = [:]

    package init(_ actions: [any ScheduledAction] = []) {
        for a in actions { register(a) }
    }

    package mutating func register(_ action: any ScheduledAction) {
        actions[action.name] = action
    }

    package subscript(name: String) -> (any ScheduledAction)? { actions[name] }

    package var all: [any ScheduledAction] { actions.values.sorted { $0.name < $1.name } }

    package var names: [String] { actions.keys.sorted() }
}
