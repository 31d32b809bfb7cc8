import Testing
@testable import WorkingDays

/// Local time ↔ instant in IANA zones, including daylight-saving gaps and repeats.
@Suite struct ZoneTests {
    let newYork = Zone(identifier: "America/New_York")!

    func local(_ day: String, _ h: Int, _ m: Int) -> LocalTime { LocalTime(day: Day(iso: day)!, hour: h, minute: m) }

    @Test func shanghaiIsFixedAtPlusEight() {
        let t = Zone.shanghai.instant(local("2026-10-10", 9, 0))
        #expect(t.iso == "2026-10-10T09:00:00+08:00")
        #expect(Zone.shanghai.local(t) == local("2026-10-10", 9, 0))
        #expect(Zone(identifier: "Asia/Shanghai") == .shanghai)
    }

    @Test func unknownZonesAreRefused() {
        #expect(Zone(identifier: "Asia/Beijing") == nil)
        #expect(Zone(identifier: "Mars/Olympus") == nil)
    }

    @Test func anOrdinaryNewYorkTimeIsExact() {
        // 2026-07-01 09:00 EDT = 13:00Z.
        #expect(newYork.resolve(local("2026-07-01", 9, 0)) == .exact(Instant(seconds: Instant(iso: "2026-07-01T13:00:00Z")!.seconds)))
        #expect(newYork.offset(at: Instant(iso: "2026-01-15T12:00:00Z")!) == -5 * 3600)
    }

    @Test func aTimeInTheSpringGapRunsAtTheEndOfTheGap() {
        // 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT (07:00Z).
        let r = newYork.resolve(local("2026-03-08", 2, 30))
        #expect(r == .skipped(runsAt: Instant(iso: "2026-03-08T07:00:00Z")!))
        #expect(newYork.local(r.instant) == local("2026-03-08", 3, 0))
    }

    @Test func aRepeatedAutumnTimeRunsAtTheFirst() {
        // 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
        let r = newYork.resolve(local("2026-11-01", 1, 30))
        #expect(r == .repeated(first: Instant(iso: "2026-11-01T05:30:00Z")!, second: Instant(iso: "2026-11-01T06:30:00Z")!))
        #expect(r.instant == Instant(iso: "2026-11-01T05:30:00Z")!)
    }

    @Test func localTimeComponents() {
        let l = local("2026-02-14", 17, 30)
        #expect(l.hour == 17 && l.minute == 30 && l.second == 0)
        #expect(l.description == "2026-02-14 17:30")
        #expect(LocalTime(seconds: -1).day == Day(iso: "1969-12-31")!)
    }
}
