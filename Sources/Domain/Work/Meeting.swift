package import WorkingDays

/// A regular meeting (例会) of an office.
package struct Meeting: Sendable, Equatable {
    package var id: String
    package var office: OfficeID
    package var title: String
    package var startsAt: Instant
    package var place: String
    package var agenda: [String]

    package init(id: String, office: OfficeID, title: String, startsAt: Instant, place: String, agenda: [String] = []) {
        self.id = id
        self.office = office
        self.title = title
        self.startsAt = startsAt
        self.place = place
        self.agenda = agenda
    }
}
