import Testing
@testable import Cron
import WorkingDays

/// Fire instants in IANA zones: daylight-saving gaps and repeats in New York, fixed
/// Shanghai. Expected instants are written in UTC; the code never reads the host's TZ.
@Suite struct CronZoneTests {
    let newYork = Zone(identifier: "America/New_York")!

    func instant(_ iso: String) -> Instant { Instant(iso: iso)! }

    func fires(_ e: CronExpression, in zone: Zone, after start: String, _ count: Int) -> [Instant] {
        var out: [Instant] = []
        var t = instant(start)
        while out.count < count, let n = e.next(after: t, in: zone) {
            out.append(n)
            t = n
        }
        return out
    }

    func utc(_ times: [Instant]) -> [String] {
        times.map { Zone(identifier: "UTC")!.local($0).description }
    }

    @Test func aTimeInTheSpringGapFiresOnceAtTheEndOfTheGap() throws {
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z); 02:30 does not exist.
        let e = try posix("30 2 * * *")
        #expect(utc(fires(e, in: newYork, after: "2026-03-07T12:00:00Z", 3)) == ["2026-03-08 07:00", "2026-03-09 06:30", "2026-03-10 06:30"])
        #expect(e.next(after: instant("2026-03-08T06:59:59Z"), in: newYork) == instant("2026-03-08T07:00:00Z"))
        #expect(e.next(after: instant("2026-03-08T07:00:00Z"), in: newYork) == instant("2026-03-09T06:30:00Z"))
    }

    @Test func aRepeatedTimeFiresOnceAtItsFirstOccurrence() throws {
        // 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
        let e = try posix("30 1 * * *")
        #expect(utc(fires(e, in: newYork, after: "2026-10-31T12:00:00Z", 3)) == ["2026-11-01 05:30", "2026-11-02 06:30", "2026-11-03 06:30"])
        // Asked during the second pass, it does not fire again that day.
        #expect(e.next(after: instant("2026-11-01T06:10:00Z"), in: newYork) == instant("2026-11-02T06:30:00Z"))
    }

    @Test func hourlyAcrossTheSpringGap() throws {
        // 02:00 local does not exist: it fires at 03:00 EDT, which is also 03:00's own time.
        let e = try posix("0 * * * *")
        #expect(utc(fires(e, in: newYork, after: "2026-03-08T04:00:00Z", 5)) == ["2026-03-08 05:00", "2026-03-08 06:00", "2026-03-08 07:00", "2026-03-08 08:00", "2026-03-08 09:00"])
    }

    @Test func hourlyAcrossTheAutumnRepeat() throws {
        // 01:00 happens twice (05:00Z, 06:00Z) and fires once.
        let e = try posix("0 * * * *")
        #expect(utc(fires(e, in: newYork, after: "2026-11-01T03:00:00Z", 4)) == ["2026-11-01 04:00", "2026-11-01 05:00", "2026-11-01 07:00", "2026-11-01 08:00"])
    }

    @Test(arguments: [("2026-03-08", 92), ("2026-11-01", 96), ("2026-07-01", 96)])
    func quarterHoursOnTransitionDaysAreStrictlyIncreasing(_ day: String, _ expected: Int) throws {
        // The spring day's four gap times (02:00–02:45) all fire at 03:00 EDT, with 03:00 itself.
        let e = try posix("*/15 * * * *")
        let d = Day(iso: day)!
        let start = newYork.instant(LocalTime(day: d, second: 0))
        let end = newYork.instant(LocalTime(day: d.adding(days: 1), second: 0))
        var t = Instant(seconds: start.seconds - 1)
        var times: [Instant] = []
        while let n = e.next(after: t, in: newYork), n < end {
            #expect(n > t)
            times.append(n)
            t = n
        }
        #expect(times.count == expected)
        #expect(Set(times).count == times.count)
    }

    @Test func everySecondThroughTheRepeatedHour() throws {
        // Asked during the second 01:xx pass, a per-second Quartz job waits for 02:00 EST.
        let e = try quartz("* * * * * ?")
        #expect(e.next(after: instant("2026-11-01T06:10:00Z"), in: newYork) == instant("2026-11-01T07:00:00Z"))
        #expect(e.next(after: instant("2026-11-01T05:59:59Z"), in: newYork) == instant("2026-11-01T07:00:00Z"))
        #expect(e.next(after: instant("2026-03-08T06:59:59Z"), in: newYork) == instant("2026-03-08T07:00:00Z"))
        #expect(e.next(after: instant("2026-03-08T07:00:00Z"), in: newYork) == instant("2026-03-08T07:00:01Z"))
    }

    /// Quartz.NET TestDaylightSavingsDoesNotMatchAnHourBefore, …Before2 (Eastern time).
    @Test func quartzNetDaylightSavingCases() throws {
        #expect(try quartz("0 15 15 5 11 ?", now: instant("2005-01-01T00:00:00Z")).next(after: instant("2012-11-04T00:00:00Z"), in: newYork) == instant("2012-11-05T15:15:00-05:00"))
        #expect(try quartz("0 0 0 ? * THU", now: instant("2005-01-01T00:00:00Z")).next(after: instant("2012-11-04T00:00:00Z"), in: newYork) == instant("2012-11-08T00:00:00-05:00"))
    }

    @Test func shanghaiResultsAreFixedInstants() throws {
        // Whatever the process TZ: the zone comes from the argument only.
        let e = try posix("0 9 * * 1-5")
        #expect(e.next(after: instant("2026-10-09T00:00:00Z"), in: .shanghai)?.iso == "2026-10-09T09:00:00+08:00")
        #expect(e.next(after: instant("2026-10-09T01:00:00Z"), in: .shanghai) == instant("2026-10-12T01:00:00Z"))
        let q = try quartz("0 0 9 1W * ?")
        #expect(q.next(after: instant("2026-07-31T12:00:00+08:00"), in: .shanghai) == instant("2026-08-03T01:00:00Z"))
        let utc = Zone(identifier: "UTC")!
        #expect(e.next(after: instant("2026-10-09T00:00:00Z"), in: utc) == instant("2026-10-09T09:00:00Z"))
    }

    @Test func noFireAfterTheLastYear() throws {
        let e = try quartz("0 0 0 1 1 ? 2027")
        #expect(e.next(after: instant("2026-06-01T00:00:00Z"), in: newYork) == instant("2027-01-01T05:00:00Z"))
        #expect(e.next(after: instant("2027-01-01T05:00:00Z"), in: newYork) == nil)
    }
}
