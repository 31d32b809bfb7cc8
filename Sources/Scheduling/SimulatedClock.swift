import Foundation
package import WorkingDays

/// Time that starts at `start` and runs `speed` times as fast as the wall clock: a service
/// can live through days of reminders in minutes (`tally serve --simulated-start … 
/// --simulated-speed 3600`, for end-to-end tests and rehearsals; never in production).
package struct SimulatedClock: SchedulerClock {
    let start: Instant
    let speed: Double
    private let origin = ContinuousClock.now

    package init(start: Instant, speed: Double) {
        self.start = start
        self.speed = speed
    }

    package func now() -> Instant {
        let elapsed = ContinuousClock.now - origin
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Instant(seconds: start.seconds + Int64((seconds * speed).rounded(.down)))
    }

    package func sleep(until instant: Instant) async throws {
        let left = Double(instant.seconds - now().seconds) / speed
        if left > 0 { try await Task.sleep(for: .milliseconds(Int64((left * 1000).rounded(.up)))) }
    }
}
