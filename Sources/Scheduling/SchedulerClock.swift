import Foundation
package import WorkingDays

/// The scheduler's time: the system clock in service, a fixed or hand-moved one in tests.
package protocol SchedulerClock: Sendable {
    func now() -> Instant
    /// Sleeps until `instant` (returns at once if it has passed); throws when cancelled.
    func sleep(until instant: Instant) async throws
}

/// Wall-clock time.
package struct SystemClock: SchedulerClock {
    package init() {}

    package func now() -> Instant { Instant(seconds: Int64(Date().timeIntervalSince1970.rounded(.down))) }

    package func sleep(until instant: Instant) async throws {
        let left = Double(instant.seconds) - Date().timeIntervalSince1970
        if left > 0 { try await Task.sleep(for: .milliseconds(Int64((left * 1000).rounded(.up)))) }
    }
}
