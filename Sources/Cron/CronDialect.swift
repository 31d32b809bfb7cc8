/// Which cron syntax an expression is written in.
package enum CronDialect: String, Sendable, CaseIterable {
    /// Five fields, `minute hour day-of-month month day-of-week`, as in Vixie cron and croniter.
    case posix
    /// Six or seven fields, `second minute hour day-of-month month day-of-week [year]`, as in
    /// Quartz, with `?`, `L`, `W` and `#`.
    case quartz
}

/// POSIX only: how day-of-month and day-of-week combine when both are restricted.
package enum DayMatch: String, Sendable {
    /// Either field matches (OR): POSIX, Vixie cron and croniter.
    case any
    /// Both fields match (AND): systemd, APScheduler.
    case all
}
