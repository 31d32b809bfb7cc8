package import Domain
import PostgresNIO
import Tagged
package import WorkingDays

/// Accounts and sessions in PostgreSQL.
extension PostgresStore: AccountStore {
    package func saveAccount(_ account: Account, passwordHash: String) async throws {
        try await transaction { conn in
            do {
                try await conn.run("""
                    INSERT INTO accounts (person, role, password_hash, disabled)
                    VALUES (\(account.person.rawValue), \(account.role.rawValue), \(passwordHash), \(account.disabled))
                    ON CONFLICT (person) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, disabled = excluded.disabled
                    """)
            } catch where sqlState(error) == "23503" {
                throw StoreError.constraint("人员 '\(account.person.rawValue)' 不存在")
            }
        }
    }

    package func account(_ person: PersonID) async throws -> (account: Account, passwordHash: String)? {
        try await transaction("BEGIN READ ONLY") { conn in
            try await Self.accounts(conn, "SELECT person, role, disabled, password_hash FROM accounts WHERE person = \(person.rawValue)").first
        }
    }

    package func accounts() async throws -> [Account] {
        try await transaction("BEGIN READ ONLY") { conn in
            try await Self.accounts(conn, "SELECT person, role, disabled, password_hash FROM accounts ORDER BY person").map(\.account)
        }
    }

    package func endSessions(of person: PersonID) async throws {
        try await transaction { conn in try await conn.run("DELETE FROM sessions WHERE person = \(person.rawValue)") }
    }

    package func openSession(tokenHash: String, person: PersonID, kind: SessionKind, expires: Instant, now: Instant) async throws {
        try await transaction { conn in
            try await conn.run("DELETE FROM sessions WHERE expires_at < \(InstantParam(now))")
            try await conn.run("""
                INSERT INTO sessions (token_hash, person, kind, expires_at)
                VALUES (\(tokenHash), \(person.rawValue), \(kind.rawValue), \(InstantParam(expires)))
                """)
        }
    }

    /// Asked on every signed-in request: one statement, no explicit transaction.
    package func session(tokenHash: String, at now: Instant) async throws -> Account? {
        try await statement { conn in
            try await Self.accounts(conn, """
                SELECT a.person, a.role, a.disabled, a.password_hash FROM sessions s JOIN accounts a ON a.person = s.person
                WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(InstantParam(now)) AND NOT a.disabled
                """).first?.account
        }
    }

    package func endSession(tokenHash: String) async throws {
        try await transaction { conn in try await conn.run("DELETE FROM sessions WHERE token_hash = \(tokenHash)") }
    }

    private static func accounts(_ conn: PostgresConnection, _ query: PostgresQuery) async throws -> [(account: Account, passwordHash: String)] {
        var out: [(account: Account, passwordHash: String)] = []
        for try await row in try await conn.rows(query) {
            var c = Cells(row)
            let person = PersonID(rawValue: try c.text())
            guard let role = Role(rawValue: try c.text()) else { continue }
            let disabled = try c.bool()
            out.append((Account(person: person, role: role, disabled: disabled), try c.text()))
        }
        return out
    }
}
