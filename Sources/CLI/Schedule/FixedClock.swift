import Scheduling
import WorkingDays

/// "Now" frozen by `--now`: the scheduler sees that instant and never sleeps.
struct FixedClock: SchedulerClock {
    let instant: Instant

    func now() -> Instant { instant }

    func sleep(until instant: Instant) async throws {}
}
