/// A person with their unit's name, as reminders address them.
package struct Contact: Sendable, Equatable {
    package var person: Person
    package var unitName: String

    package init(person: Person, unitName: String) {
        self.person = person
        self.unitName = unitName
    }

    /// `王芳（市发展改革委 信息员）`.
    package var label: String {
        "\(person.name)（\(unitName) \(person.roles.sorted().map(\.label).joined(separator: "、"))）"
    }
}

/// Who works in an office's units (the record's people), for addressing reminders.
package protocol PeopleDirectory: Sendable {
    /// The people of every unit the office covers (units whose `office` is it), by unit id
    /// then person id.
    func contacts(office: OfficeID) async throws -> [Contact]
}
