package import Domain
package import WorkingDays

/// Every job of the schedule files, with the calendar each office plans with.
package struct ScheduleSet: Sendable {
    package var jobs: [Job]
    /// National calendar plus each office's overlay.
    package var calendars: [OfficeID: WorkCalendar]
    /// The national calendar, for offices without an overlay.
    package var national: WorkCalendar

    package init(jobs: [Job], national: WorkCalendar, calendars: [OfficeID: WorkCalendar] = [:]) {
        self.jobs = jobs
        self.national = national
        self.calendars = calendars
    }

    package func calendar(for office: OfficeID) -> WorkCalendar { calendars[office] ?? national }

    package func job(_ id: String) -> Job? { jobs.first { $0.id == id } }

    /// The fire calculator for an office's jobs.
    package func calculator(for office: OfficeID) -> FireCalculator {
        FireCalculator(calendar: calendar(for: office), jobs: jobs)
    }
}
