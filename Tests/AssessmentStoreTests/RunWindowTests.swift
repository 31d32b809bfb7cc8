@testable import Assessment
import Domain
import Foundation
import Testing
import WorkingDays

/// Period close: a fact counts in its own period if recorded before that period closed
/// (10 working days after its end, to the end of that day), else in the next open one;
/// facts recorded after the run's as-of time are unknown to it.
struct RunWindowTests {
    static let calendar: WorkCalendar = try! CalendarFile.load(
        schedules: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schedules"))

    static func at(_ iso: String) -> Int64 { Instant(iso: iso)!.seconds }
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    func window(_ period: Period, asOf: String = "2026-12-31T12:00:00+08:00", close: Int? = 10) -> RunWindow {
        RunWindow(period: period, asOf: Instant(iso: asOf)!, closeAfterWorkdays: close, calendar: Self.calendar)
    }

    @Test func q1ClosesAtTheEndOfItsTenthWorkingDayAfterQingming() throws {
        // 10 working days after 2026-03-31, skipping the Qingming break (04-04 to 04-06): 04-15.
        #expect(try window(.quarter(2026, 1)).close(of: .quarter(2026, 1)) == Self.at("2026-04-16T00:00:00+08:00"))
        let march20 = Self.day("2026-03-20")
        #expect(try window(.quarter(2026, 1)).counts(date: march20, recorded: Self.at("2026-04-15T23:59:59+08:00")))
        #expect(try !window(.quarter(2026, 1)).counts(date: march20, recorded: Self.at("2026-04-16T00:00:00+08:00")))
        #expect(try window(.quarter(2026, 2)).counts(date: march20, recorded: Self.at("2026-04-16T00:00:00+08:00")))
        #expect(try window(.quarter(2026, 2)).lateNote(date: march20, recorded: Self.at("2026-04-16T00:00:00+08:00"))
            == "（2026年第一季度关账后于 2026-04-16 补录，计入2026年第二季度）")
        // The year has not closed: the same fact counts in 2026 with no note.
        #expect(try window(.year(2026)).counts(date: march20, recorded: Self.at("2026-04-16T00:00:00+08:00")))
        #expect(try window(.year(2026)).lateNote(date: march20, recorded: Self.at("2026-04-16T00:00:00+08:00")) == nil)
    }

    @Test func aFactRecordedAfterTwoClosesSkipsToTheFirstOpenPeriod() throws {
        let recorded = Self.at("2026-07-20T09:00:00+08:00")  // after Q2 closed (07-14)
        let feb = Self.day("2026-02-10")
        #expect(try window(.quarter(2026, 1)).countedIn(date: feb, recorded: recorded) == .quarter(2026, 3))
        #expect(try !window(.quarter(2026, 2)).counts(date: feb, recorded: recorded))
        #expect(try window(.quarter(2026, 3)).counts(date: feb, recorded: recorded))
    }

    @Test func unknownRecordingTimesAndNoCloseRuleCountOnTheirDate() throws {
        let d = Self.day("2026-03-20"), late = Self.at("2026-11-01T09:00:00+08:00")
        #expect(try window(.quarter(2026, 1)).counts(date: d, recorded: ItemTable.unrecorded))
        #expect(try window(.quarter(2026, 1), close: nil).counts(date: d, recorded: late))
        // close_after_workdays 0: the period closes when it ends.
        #expect(try window(.quarter(2026, 1), close: 0).close(of: .quarter(2026, 1)) == Self.at("2026-04-01T00:00:00+08:00"))
    }

    @Test func asOfHidesFactsRecordedOrDatedLater() throws {
        let w = window(.quarter(2026, 1), asOf: "2026-03-25T12:00:00+08:00")
        #expect(try w.counts(date: Self.day("2026-03-20"), recorded: Self.at("2026-03-25T11:00:00+08:00")))
        #expect(try !w.counts(date: Self.day("2026-03-20"), recorded: Self.at("2026-03-25T13:00:00+08:00")))
        #expect(try !w.counts(date: Self.day("2026-03-26"), recorded: ItemTable.unrecorded))
    }

    @Test func aCloseDayInAYearWithoutCalendarDataIsAnErrorNamingTheYear() throws {
        // 2026 closes in January 2027, for which there is no official arrangement yet.
        let w = window(.year(2026), asOf: "2027-01-20T12:00:00+08:00")
        #expect(throws: CalendarError.self) { try w.counts(date: Self.day("2026-12-20"), recorded: Self.at("2027-01-05T09:00:00+08:00")) }
        do {
            _ = try w.close(of: .year(2026))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("2027"))
        }
        // Recorded before the year ended: no calendar needed.
        #expect(try w.counts(date: Self.day("2026-12-20"), recorded: Self.at("2026-12-30T09:00:00+08:00")))
    }
}
