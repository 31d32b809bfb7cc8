import Domain
import HTTPTypes
import Logging
import Tagged
import Foundation

/// Slows down password guessing: after `limit` failed sign-ins for one login (or from one
/// address) within `window`, further attempts are refused until the window has passed.
package actor LoginLimiter {
    private let limit: Int
    private let window: Duration
    private var failures: [String: [ContinuousClock.Instant]] = [:]

    package init(limit: Int = 5, window: Duration = .seconds(300)) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait before `keys` may try again (0: go ahead).
    package func wait(_ keys: [String]) -> Int {
        let now = ContinuousClock.now
        var longest: Duration = .zero
        for key in keys {
            let recent = (failures[key] ?? []).filter { now - $0 < window }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= limit, let first = recent.first { longest = max(longest, window - (now - first)) }
        }
        return longest == .zero ? 0 : Int(longest.components.seconds) + 1
    }

    package func failed(_ keys: [String]) {
        let now = ContinuousClock.now
        for key in keys { failures[key, default: []].append(now) }
        if failures.count > 100_000 { failures = failures.filter { now - ($0.value.last ?? now) < window } }
    }

    package func succeeded(_ login: String) { failures[login] = nil }
}
