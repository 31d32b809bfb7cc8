package import Domain
import PostgresNIO
import Tagged

/// The people of an office's units, for addressing reminders.
extension PostgresStore: PeopleDirectory {
    package func contacts(office: OfficeID) async throws -> [Contact] {
        try await transaction("BEGIN READ ONLY") { conn in
            var out: [Contact] = []
            for try await row in try await conn.rows("""
                SELECT p.id, p.name, p.unit, p.roles, p.phone, p.email, u.name FROM people p JOIN units u ON u.id = p.unit
                WHERE u.office = \(office.rawValue) ORDER BY p.unit, p.id
                """) {
                var c = Cells(row)
                let id = try c.text(), name = try c.text(), unit = try c.text()
                let roles = Set(try c.text().split(separator: ",").compactMap { Role(rawValue: String($0)) })
                out.append(Contact(person: Person(id: PersonID(rawValue: id), name: name, unit: UnitID(rawValue: unit), roles: roles,
                                                  phone: try c.optionalText(), email: try c.optionalText()), unitName: try c.text()))
            }
            return out
        }
    }
}
