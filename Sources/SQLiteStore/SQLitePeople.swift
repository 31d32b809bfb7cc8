package import Domain
import GRDB
import Tagged

/// The people of an office's units, for addressing reminders.
extension SQLiteStore: PeopleDirectory {
    package func contacts(office: OfficeID) async throws -> [Contact] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, p.name, p.unit, p.roles, p.phone, p.email, u.name AS unit_name
                FROM people p JOIN units u ON u.id = p.unit WHERE u.office = ? ORDER BY p.unit, p.id
                """, arguments: [office.rawValue]).map { row in
                let roles = Set((row["roles"] as String).split(separator: ",").compactMap { Role(rawValue: String($0)) })
                return Contact(person: Person(id: PersonID(rawValue: row["id"]), name: row["name"], unit: UnitID(rawValue: row["unit"]),
                                              roles: roles, phone: row["phone"], email: row["email"]), unitName: row["unit_name"])
            }
        }
    }
}
