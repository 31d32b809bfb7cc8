import Synchronization

/// The last value a store computed, with the version of the data it was computed from: for
/// reads that are costly to compute and cheap to check (the version grows with every change
/// of their inputs).
package final class VersionCache<Value: Sendable>: Sendable {
    private let last = Mutex<(version: Int64, value: Value)?>(nil)

    package init() {}

    /// The value for `version` if it is the one last stored.
    package func value(at version: Int64) -> Value? {
        last.withLock { $0?.version == version ? $0?.value : nil }
    }

    package func store(_ value: Value, at version: Int64) {
        last.withLock { $0 = (version, value) }
    }
}
