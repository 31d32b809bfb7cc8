package import WorkingDays

extension CronExpression {
    /// The first instant strictly after `instant` at which the expression fires in `zone`.
    /// DST: a matching local time inside a gap fires at the end of the gap (once, even if several
    /// matching times fall in the gap); a repeated local time fires once, at its first occurrence.
    /// Results are strictly increasing and never depend on the host TZ.
    package func next(after instant: Instant, in zone: Zone) -> Instant? {
        var local = zone.local(instant)
        // Candidates whose instant is not after `instant` are the second pass of a repeated
        // hour or a gap already fired at its end: skip them and look further.
        while let candidate = schedule.next(after: local) {
            let fire = zone.resolve(candidate).instant
            if fire > instant { return fire }
            local = candidate
        }
        return nil
    }
}
