/// The State Council notice (or local decision) a calendar entry comes from.
package struct CalendarNotice: Sendable, Equatable, Codable {
    package var title: String
    /// 文号, e.g. 国办发明电〔2025〕7号, when known.
    package var number: String?
    package var published: Day
    package var url: String?

    package init(title: String, number: String? = nil, published: Day, url: String? = nil) {
        self.title = title
        self.number = number
        self.published = published
        self.url = url
    }
}

/// One holiday of a notice: its days off and the weekend days worked in exchange.
package struct HolidayArrangement: Sendable, Equatable {
    package var name: String
    package var daysOff: [Day]
    package var workdays: [Day]
    package var notice: CalendarNotice

    package init(name: String, daysOff: [Day], workdays: [Day], notice: CalendarNotice) {
        self.name = name
        self.daysOff = daysOff
        self.workdays = workdays
        self.notice = notice
    }
}

/// A year's official arrangement, after amendments.
package struct CalendarYear: Sendable, Equatable {
    package var year: Int
    package var notices: [CalendarNotice]
    package var holidays: [HolidayArrangement]

    package init(year: Int, notices: [CalendarNotice], holidays: [HolidayArrangement]) {
        self.year = year
        self.notices = notices
        self.holidays = holidays
    }
}

/// An office's local days off and extra working days.
package struct LocalOverlay: Sendable, Equatable {
    package var office: String
    package var daysOff: [Day: String]
    package var workdays: [Day: String]

    package init(office: String, daysOff: [Day: String] = [:], workdays: [Day: String] = [:]) {
        self.office = office
        self.daysOff = daysOff
        self.workdays = workdays
    }
}
