import Domain
import Foundation
import PostgresStore
import Scheduling
import Testing

/// What only PostgreSQL has to get right: row numbers handed out before commit, and
/// migration 002 on a database that already holds records.
@Suite(.enabled(if: PostgresServer.url != nil, "POSTGRES_URL is not set"))
struct PostgresOnlyTests {
    @Test func noEventsAreReadWhileAnImportIsOpenAndImportsTakeTurns() async throws {
        try await withStore(.postgres) { (t: TestStore) async throws in
            let s = t.store
            try await EventFixture.importAll(into: s)
            let cursor = try await s.events(.absence, after: 0, limit: 100).cursor
            let first = try await s.beginImport()
            _ = try await first.write([try EventFixture.record(EventFixture.late)])
            #expect(try await s.events(.absence, after: 0, limit: 100) == ([], 0), "an open import may commit row numbers below later ones")
            // A second import waits for the first: its rows are numbered after the first's.
            let second = Task {
                let tx = try await s.beginImport()
                _ = try await tx.write([try EventFixture.record(EventFixture.late.replacingOccurrences(of: "BB-4", with: "BB-5"))])
                try await tx.commit()
            }
            try await Task.sleep(for: .milliseconds(300))
            try await first.commit()
            try await second.value
            let (events, next) = try await s.events(.absence, after: cursor, limit: 100)
            #expect(events.map(\.event.id) == ["BB-4", "BB-5"])
            #expect(next > cursor)
        }
    }

    @Test func migration002NumbersTheRowsAlreadyStored() async throws {
        let admin = try PostgresServer.require()
        let url = try await PostgresAdmin.createDatabase(on: admin)
        let store = try await PostgresStore.open(url)
        do {
            // A database at 001 with records in it (and 004's columns, which today's writer fills).
            try await PostgresAdmin.execute(
                ["CREATE TABLE tally_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"]
                    + PostgresSchema.migrations[0].statements + PostgresSchema.migrations[3].statements
                    + ["INSERT INTO tally_migrations(name) VALUES ('001-record'), ('004-recorded')"], on: url)
            try await EventFixture.importAll(into: store)
            #expect(try await store.migrate() == ["002-schedule", "003-assessment", "005-delivery", "006-service", "007-deadlines", "008-changes"])
            for kind in DeadlineEvent.Kind.allCases {
                #expect(try await store.events(kind, after: 0, limit: 100).events == EventFixture.expected[kind], "\(kind)")
            }
            let cursor = try await store.events(.absence, after: 0, limit: 100).cursor
            try await EventFixture.importAll(into: store)  // nothing new
            let tx = try await store.beginImport()
            _ = try await tx.write([try EventFixture.record(EventFixture.late)])
            try await tx.commit()
            #expect(try await store.events(.absence, after: cursor, limit: 100).events.map(\.event.id) == ["BB-4"])
        } catch {
            await store.close()
            try? await PostgresAdmin.dropDatabase(url.database, on: admin)
            throw error
        }
        await store.close()
        try? await PostgresAdmin.dropDatabase(url.database, on: admin)
    }
}
