package import WorkingDays

/// When a failed delivery is tried again: after `first` seconds, then twice as long each
/// time up to `longest`, until `giveUpAfter` seconds have passed since the message was due —
/// then it is dead (listed by `tally outbox`, put back by `tally outbox retry`). The default
/// keeps trying every 30 minutes for three days, so a channel down for hours loses nothing.
package struct RetryPolicy: Sendable, Equatable {
    package var first: Int64
    package var longest: Int64
    package var giveUpAfter: Int64

    package init(first: Int64 = 60, longest: Int64 = 1800, giveUpAfter: Int64 = 3 * 86400) {
        self.first = first
        self.longest = longest
        self.giveUpAfter = giveUpAfter
    }

    /// The next attempt after attempt number `attempts` (1 for the first) failed at `now`;
    /// nil when it is time to give up on a message due at `due`.
    package func nextAttempt(after attempts: Int, now: Instant, due: Instant) -> Instant? {
        var wait = first
        for _ in 1..<max(1, attempts) where wait < longest { wait *= 2 }
        let next = Instant(seconds: now.seconds + min(wait, longest))
        return next.seconds - due.seconds > giveUpAfter ? nil : next
    }
}
