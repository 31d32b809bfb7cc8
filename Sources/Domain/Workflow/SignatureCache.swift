import Synchronization

/// The last value a store computed, with the signature of the tables it was computed from:
/// for reads that are costly to compute and cheap to check, over tables that are only ever
/// added to (so the signature, e.g. their row counts, changes whenever their content does).
package final class SignatureCache<Value: Sendable>: Sendable {
    private let last = Mutex<(signature: [Int64], value: Value)?>(nil)

    package init() {}

    /// The value for `signature` if it is the one last stored.
    package func value(for signature: [Int64]) -> Value? {
        last.withLock { $0?.signature == signature ? $0?.value : nil }
    }

    package func store(_ value: Value, for signature: [Int64]) {
        last.withLock { $0 = (signature, value) }
    }
}
