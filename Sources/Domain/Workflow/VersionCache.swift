import Synchronization

/// The last value a store computed, with the version of the data it was computed from: for
/// reads that are costly to compute and cheap to check (the version grows with every change
/// of their inputs). Callers that find it out of date at the same time share one load: after
/// a change, the requests of that moment wait for one computation instead of each running it.
package final class VersionCache<Value: Sendable>: Sendable {
    private typealias Loaded = (version: Int64, value: Value)

    private struct State {
        var last: Loaded?
        /// The load under way, and the version its callers found.
        var loading: (version: Int64, task: Task<Loaded, any Error>)?
    }

    private enum Step {
        case ready(Value)
        case wait(Task<Loaded, any Error>)
    }

    private let state = Mutex(State())

    package init() {}

    /// The value for `version` (the inputs' version the caller just read): the kept one if it
    /// was computed at that version, else what `load` returns — the value and the version it
    /// was computed at, read together — shared with every caller that found the same version
    /// meanwhile.
    package func value(at version: Int64, load: @escaping @Sendable () async throws -> (version: Int64, value: Value)) async throws -> Value {
        let step = state.withLock { s -> Step in
            if let last = s.last, last.version == version { return .ready(last.value) }
            if let loading = s.loading, loading.version == version { return .wait(loading.task) }
            let task = Task { try await load() }
            s.loading = (version, task)
            return .wait(task)
        }
        switch step {
        case .ready(let value):
            return value
        case .wait(let task):
            let result = await task.result
            state.withLock { s in
                if s.loading?.task == task { s.loading = nil }
                if case .success(let loaded) = result, loaded.version >= (s.last?.version ?? .min) { s.last = loaded }
            }
            return try result.get().value
        }
    }
}
