import Domain
import Foundation
import PostgresStore
import SQLiteStore
import Tagged
import Testing
import WorkingDays

/// The PostgreSQL store against a real server (`POSTGRES_URL`), each test in a database of
/// its own. Skipped when no server is configured.
@Suite(.enabled(if: Server.available, "POSTGRES_URL is not set"), .serialized)
struct PostgresStoreTests {
    // MARK: Migrations

    @Test func migrateTwiceIsANoOp() async throws {
        try await withDatabase(migrate: false) { (db: TestDatabase) async throws in
            #expect(try await db.store.appliedMigrations() == [])
            #expect(try await db.store.migrate() == ["001-record", "002-schedule", "003-assessment", "004-recorded", "005-delivery", "006-service", "007-deadlines", "008-changes"])
            #expect(try await db.store.migrate() == [])
            #expect(try await db.store.appliedMigrations() == ["001-record", "002-schedule", "003-assessment", "004-recorded", "005-delivery", "006-service", "007-deadlines", "008-changes"])
            #expect(PostgresSchema.migrations.map(\.name) == ["001-record", "002-schedule", "003-assessment", "004-recorded", "005-delivery", "006-service", "007-deadlines", "008-changes"])
        }
    }

    @Test func concurrentMigrationsApplyOnce() async throws {
        try await withDatabase(migrate: false) { (db: TestDatabase) async throws in
            let store = db.store, other = try await PostgresStore.open(db.url)
            async let a = store.migrate()
            async let b = other.migrate()
            let ran = try await [a, b]
            #expect(ran.sorted { $0.count < $1.count } == [[], ["001-record", "002-schedule", "003-assessment", "004-recorded", "005-delivery", "006-service", "007-deadlines", "008-changes"]])
            #expect(try await other.appliedMigrations() == ["001-record", "002-schedule", "003-assessment", "004-recorded", "005-delivery", "006-service", "007-deadlines", "008-changes"])
            await other.close()
        }
    }

    @Test func newerSchemaIsRefused() async throws {
        try await withDatabase { db in
            try await db.execute("INSERT INTO tally_migrations(name) VALUES ('999-from-the-future')")
            await #expect(throws: StoreError.newerSchema(unknown: ["999-from-the-future"])) {
                try await db.store.migrate()
            }
        }
    }

    @Test func unreachableServerIsReportedNotAwaitedForever() async throws {
        var url = try #require(Server.url)
        url.database = "tally_no_such_database"
        await #expect(throws: StoreError.self) { _ = try await PostgresStore.open(url) }
    }

    // MARK: Import and export

    @Test func everyKindRoundTripsExactly() async throws {
        try await withDatabase { db in
            let records = Fixture.records
            #expect(Set(records.map(\.kind)) == Set(RecordKind.allCases))
            let outcomes = try await importAll(records, into: db.store)
            #expect(outcomes == Array(repeating: .inserted, count: records.count))
            let exported = try await exportAll(db.store)
            #expect(exported == Fixture.exported(records))
            var expected: [RecordKind: Int] = [:]
            for r in records { expected[r.kind, default: 0] += 1 }
            #expect(try await db.store.counts() == expected)
        }
    }

    @Test func sameRecordsAgainAreUnchanged() async throws {
        try await withDatabase { db in
            let records = Fixture.records
            try await importAll(records, into: db.store)
            let again = try await importAll(records, into: db.store)
            #expect(again == Array(repeating: .unchanged, count: records.count))
            // One batch holding the same record twice: inserted, then unchanged.
            let twice: [Domain.Record] = [.office(Office(id: OfficeID("west")!, name: "西区")), .office(Office(id: OfficeID("west")!, name: "西区"))]
            #expect(try await importAll(twice, into: db.store) == [.inserted, .unchanged])
            #expect(try await exportAll(db.store) == Fixture.exported(records + [twice[0]]))
        }
    }

    @Test func sameIdDifferentContentIsAConflict() async throws {
        try await withDatabase { db in
            try await importAll(Fixture.records, into: db.store)
            let changed: [Domain.Record] = [
                .office(Office(id: Fixture.city, name: "改名了")),
                .unit(Domain.Unit(id: "u-dept", name: "发改委", kind: .department, group: "部门", office: Fixture.city)),
                .submission(Item(id: "i-b", units: ["u-dept"], category: .economy, title: "经济运行（改）", status: .submitted,
                                 createdAt: Fixture.at(2026, 3, 6), submittedAt: Fixture.at(2026, 3, 6, 23, 59))),
                .meeting(Meeting(id: "m-1", office: Fixture.city, title: "信息工作例会", startsAt: Fixture.at(2026, 3, 20, 14, 30),
                                 place: "三楼会议室", agenda: ["通报采用情况"])),
            ]
            let tx = try await db.store.beginImport()
            #expect(try await tx.write(changed) == [.conflict, .unchanged, .conflict, .conflict])
            try await tx.rollback()
            #expect(try await exportAll(db.store) == Fixture.exported(Fixture.records))
        }
    }

    @Test func rollbackLeavesNothing() async throws {
        try await withDatabase { db in
            let tx = try await db.store.beginImport()
            _ = try await tx.write(Fixture.records)
            #expect(try await tx.existing(.submission, ["i-a", "i-nope"]) == ["i-a"])
            #expect(try await tx.itemStatuses(["i-draft", "i-a"]) == ["i-draft": .draft, "i-a": .adopted])
            // Other connections do not see an import before it commits.
            #expect(try await db.store.counts().values.reduce(0, +) == 0)
            try await tx.rollback()
            #expect(try await db.store.counts().values.reduce(0, +) == 0)
            #expect(try await exportAll(db.store).isEmpty)
        }
    }

    @Test func anAbandonedImportLeavesNothing() async throws {
        try await withDatabase { db in
            do {
                let tx = try await db.store.beginImport()
                _ = try await tx.write(Fixture.records)
                // Released without commit: its connection is closed, PostgreSQL rolls back.
            }
            // A new import can take the same ids at once (no lock is left behind).
            let outcomes = try await importAll(Fixture.records, into: db.store)
            #expect(outcomes == Array(repeating: .inserted, count: Fixture.records.count))
        }
    }

    @Test func aKilledImportConnectionLeavesNothing() async throws {
        try await withDatabase { db in
            let tx = try await db.store.beginImport()
            _ = try await tx.write(Fixture.records)
            // What the server sees when the importing process dies: its connection goes away.
            try await db.execute("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'
                """)
            try await Task.sleep(for: .milliseconds(300))
            await #expect(throws: (any Error).self) { try await tx.commit() }
            #expect(try await db.store.counts().values.reduce(0, +) == 0)
        }
    }

    @Test func lookupsDuringAWriteTakeTheirTurn() async throws {
        try await withDatabase { (db: TestDatabase) async throws in
            // The importer checks the next batch while one is being written.
            nonisolated(unsafe) let tx = try await db.store.beginImport()
            let records = Fixture.records + Fixture.generated(items: 2000).dropFirst()
            async let written = tx.write(records)
            async let lookups = withThrowingTaskGroup(of: Set<String>.self) { group in
                for _ in 0..<20 { group.addTask { try await tx.existing(.unit, ["u-county", "gu-3", "nope"]) } }
                var all: [Set<String>] = []
                for try await r in group { all.append(r) }
                return all
            }
            #expect(try await written == Array(repeating: .inserted, count: records.count))
            // Each lookup ran before or after the whole write, never in the middle of it.
            for found in try await lookups { #expect(found == [] || found == ["u-county", "gu-3"]) }
            try await tx.commit()
        }
    }

    // MARK: The schema's own rules

    @Test func anAdoptionOfADraftIsRejectedByTheTrigger() async throws {
        try await withDatabase { db in
            let setup = Array(Fixture.records.prefix { $0.kind <= .submission })
            try await importAll(setup, into: db.store)
            let tx = try await db.store.beginImport()
            let batch: [Domain.Record] = [
                .office(Office(id: OfficeID("north")!, name: "北区")),
                .adoption(Adoption(id: "a-draft", item: "i-draft", level: .city, publication: "快报", kind: .briefing, date: Fixture.day(2026, 3, 5))),
            ]
            do {
                _ = try await tx.write(batch)
                Issue.record("the adoption of a draft was accepted")
            } catch let e as RecordWriteError {
                #expect(e.index == 1)
                #expect(e.message.contains("an adoption needs a submitted item"))
            }
            // The records before it stay written and the transaction goes on, as in SQLite.
            #expect(try await tx.existing(.office, ["north"]) == ["north"])
            #expect(try await tx.write([.adoption(Adoption(id: "a-ok", item: "i-b", level: .city, publication: "快报", kind: .briefing,
                                                           date: Fixture.day(2026, 3, 8)))]) == [.inserted])
            try await tx.commit()
            #expect(try await db.store.counts()[.adoption] == 1)
        }
    }

    @Test func schemaRejectsWhatTheImporterWouldHaveCaught() async throws {
        try await withDatabase { db in
            let tx = try await db.store.beginImport()
            let batch: [Domain.Record] = [
                .office(Office(id: Fixture.city, name: "市政府办公室")),
                .unit(Domain.Unit(id: "u1", name: "单位", kind: .county, group: "县区", office: Fixture.city)),
                .person(Person(id: "p1", name: "人", unit: "u-missing", roles: [.clerk])),
            ]
            do {
                _ = try await tx.write(batch)
                Issue.record("a person in a missing unit was accepted")
            } catch let e as RecordWriteError {
                #expect(e.index == 2)
                #expect(e.message.contains("foreign key"))
            }
            do {
                _ = try await tx.write([.adoption(Adoption(id: "a-x", item: "i-missing", level: .city, publication: "快报", kind: .briefing,
                                                           date: Fixture.day(2026, 3, 5)))])
                Issue.record("an adoption of a missing item was accepted")
            } catch let e as RecordWriteError {
                #expect(e.index == 0)
                #expect(e.message == "items 'i-missing' does not exist")
            }
            do {
                _ = try await tx.write([.office(Office(id: OfficeID("blank")!, name: ""))])
                Issue.record("an office without a name was accepted")
            } catch let e as RecordWriteError {
                #expect(e.message.contains("check constraint"))
            }
            #expect(try await tx.existing(.unit, ["u1"]) == ["u1"])
            try await tx.rollback()
        }
    }

    // MARK: Reads

    @Test func itemTableMatchesSQLite() async throws {
        let (sqlite, dir) = try await temporarySQLite()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDatabase { db in
            let records = Fixture.records + Fixture.generated(items: 3000).dropFirst()  // one office "city" already
            try await importAll(records, into: db.store, batch: 700)
            try await importAll(records, into: sqlite, batch: 1000)
            for (from, through) in [(Fixture.day(2026, 1, 1), Fixture.day(2026, 12, 31)), (Fixture.day(2026, 3, 4), Fixture.day(2026, 3, 6)),
                                    (Fixture.day(1960, 1, 1), Fixture.day(2000, 1, 1)), (Fixture.day(2030, 1, 1), Fixture.day(2030, 12, 31))] {
                let pg = try await db.store.itemTable(submittedFrom: from, through: through)
                let lite = try await sqlite.itemTable(submittedFrom: from, through: through)
                #expect(pg.count == lite.count)
                #expect(pg.differences(from: lite) == [], "\(from)…\(through)")
            }
            let year = try await db.store.itemTable(submittedFrom: Fixture.day(2026, 1, 1), through: Fixture.day(2026, 12, 31))
            #expect(year.count > 3000)
            #expect(try await exportAll(db.store) == (try await exportAll(sqlite)))
        }
    }
}

/// URL parsing needs no server.
@Suite struct PostgresURLTests {
    @Test func parsesTheUsualForms() throws {
        let a = try PostgresURL("postgres://tally:s%40cret@db.example:6543/records")
        #expect(a == PostgresURL(host: "db.example", port: 6543, user: "tally", password: "s@cret", database: "records"))
        let b = try PostgresURL("postgresql://ops@10.0.0.5/tally?sslmode=require")
        #expect(b == PostgresURL(host: "10.0.0.5", port: 5432, user: "ops", password: nil, database: "tally", tls: .require))
        let c = try PostgresURL("postgres://me@/mydb?host=/var/run/postgresql&port=5433")
        #expect(c.socketFolder == "/var/run/postgresql" && c.port == 5433 && c.database == "mydb")
        let d = try PostgresURL("postgres://me:pw@[::1]:5432")
        #expect(d.host == "::1" && d.database == "me" && d.tls == .disable)
        #expect(try PostgresURL("postgres://x@h/db?sslmode=disable").tls == .disable)
    }

    @Test func hidesThePassword() throws {
        let u = try PostgresURL("postgres://tally:secret@127.0.0.1:55432/tally_test")
        #expect(u.description == "postgres://tally:***@127.0.0.1:55432/tally_test")
        #expect(!"\(u)".contains("secret"))
    }

    @Test func refusesNonsense() {
        #expect(throws: PostgresURL.Invalid.self) { try PostgresURL("mysql://x@h/db") }
        #expect(throws: PostgresURL.Invalid.self) { try PostgresURL("postgres://x@h/db?sslmode=sometimes") }
        #expect(throws: PostgresURL.Invalid.self) { try PostgresURL("postgres://x@h:70000/db") }
    }
}

/// On demand only: the year read from a PostgreSQL and a SQLite database loaded from the same
/// file (say the province demo set), timed, and compared column by column.
///
///     TALLY_BENCH_PG=postgres://… TALLY_BENCH_SQLITE=/path/to.sqlite swift test --filter YearReadBenchmark
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TALLY_BENCH_PG"] != nil))
struct YearReadBenchmark {
    @Test func yearReadMatchesAndIsTimed() async throws {
        let env = ProcessInfo.processInfo.environment
        let pg = try await PostgresStore.open(try #require(env["TALLY_BENCH_PG"]))
        let lite = try SQLiteStore(path: try #require(env["TALLY_BENCH_SQLITE"]))
        let year = Int(env["TALLY_BENCH_YEAR"] ?? "2026") ?? 2026
        let (from, through) = (Period.year(year).first, Period.year(year).last)
        func timed(_ read: () async throws -> ItemTable) async throws -> (ItemTable, Double) {
            var best = Double.infinity
            var table = ItemTable()
            for _ in 0..<3 {
                let t0 = ContinuousClock.now
                table = try await read()
                let d = ContinuousClock.now - t0
                best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
            }
            return (table, best)
        }
        let (a, ta) = try await timed { try await pg.itemTable(submittedFrom: from, through: through) }
        let (b, tb) = try await timed { try await lite.itemTable(submittedFrom: from, through: through) }
        print(String(format: "year read: PostgreSQL %d items in %.3f s (%.0f items/s); SQLite %d items in %.3f s (%.0f items/s)",
                     a.count, ta, Double(a.count) / ta, b.count, tb, Double(b.count) / tb))
        #expect(a.differences(from: b) == [])
        await pg.close()
    }
}
