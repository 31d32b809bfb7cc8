import Foundation
import PostgresNIO

/// Server-level chores on a connection of their own: creating and dropping databases (for
/// tests, which each get a fresh one) and running one-off statements.
package enum PostgresAdmin {
    /// Runs `statements` in order on a new connection to `url`'s database, then closes it.
    package static func execute(_ statements: [String], on url: PostgresURL) async throws {
        let conn = try await PostgresConnection.connect(configuration: url.connectionConfiguration(), id: 2, logger: PostgresStore.logger)
        do {
            for sql in statements { try await conn.run(PostgresQuery(unsafeSQL: sql)) }
        } catch {
            try? await conn.close()
            throw StoreFailure(message: describe(error))
        }
        try? await conn.close()
    }

    /// Creates a database named `prefix` + a random suffix on `url`'s server (the role must
    /// be allowed to), and returns its URL.
    package static func createDatabase(on url: PostgresURL, prefix: String = "tally_t_") async throws -> PostgresURL {
        let name = prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await execute(["CREATE DATABASE \(quoted(name))"], on: url)
        return url.with(database: name)
    }

    /// Drops `database` (closing whatever is still connected to it).
    package static func dropDatabase(_ database: String, on url: PostgresURL) async throws {
        try await execute(["DROP DATABASE IF EXISTS \(quoted(database)) WITH (FORCE)"], on: url)
    }

    /// `name` as an SQL identifier.
    package static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    package struct StoreFailure: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }
}
