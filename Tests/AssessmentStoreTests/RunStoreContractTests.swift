import Assessment
import Domain
import Tagged
import Testing
import WorkingDays

/// What every `AssessmentRunStore` does, on every available backend.
@Suite struct RunStoreContractTests {
    @Test(arguments: Backend.available)
    func migrationsIncludeAssessment(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let applied = try await t.migrations()
            let again = try await t.migrate()
            #expect(applied == ["001-record", "002-schedule", "003-assessment", "004-recorded", "005-delivery", "006-service", "007-deadlines", "008-changes"])
            #expect(again == [])
        }
    }

    @Test(arguments: Backend.available)
    func aRunComesBackExactly(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let run = RunFixture.sample()
            try await t.store.save(run)
            let stored = try #require(try await t.store.run(id: "r1"))
            #expect(stored == run)
            // What `==` could pass over: every double's bits (but a zero's sign), nil against empty.
            func bits(_ x: Double) -> UInt64 { x == 0 ? 0 : x.bitPattern }
            #expect(stored.ledger.map { bits($0.points) } == run.ledger.map { bits($0.points) })
            #expect(stored.results[3].decision.reasons == [] && stored.results[0].decision.grade == "先进一等")
            #expect(stored.results[2].decision.reward == nil && stored.results[2].adopted == ["city": 2])
            #expect(try await t.store.runs(office: nil, period: nil) == [RunFixture.header(run)])
            #expect(try await t.store.run(id: "r2") == nil)
        }
    }

    @Test(arguments: Backend.available)
    func anEmptyRunComesBackEmpty(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            var run = RunFixture.sample(id: "empty")
            run.ledger = []
            run.results = []
            run.ruleFiles = [:]
            run.pending = 0
            try await t.store.save(run)
            #expect(try await t.store.run(id: "empty") == run)
            #expect(try await t.store.runs(office: nil, period: nil).map(\.points) == [0])
        }
    }

    @Test(arguments: Backend.available)
    func aTakenIdIsRefusedAndNothingChanges(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let run = RunFixture.sample()
            try await t.store.save(run)
            var other = RunFixture.sample(office: RunFixture.county, createdAt: RunFixture.t0.adding(seconds: 60))
            other.ledger.removeFirst()
            other.results[0].points = 99
            await #expect(throws: StoreError.constraint("考核运行 r1 已存在")) { try await t.store.save(other) }
            #expect(try await t.store.run(id: "r1") == run)
            #expect(try await t.store.runs(office: nil, period: nil) == [RunFixture.header(run)])
        }
    }

    @Test(arguments: Backend.available)
    func runsAreListedNewestFirstAndFiltered(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let t0 = RunFixture.t0
            let runs = [
                RunFixture.sample(id: "a", office: RunFixture.city, period: .quarter(2026, 2), createdAt: t0),
                RunFixture.sample(id: "b", office: RunFixture.city, period: .quarter(2026, 2), createdAt: t0.adding(seconds: 10)),
                RunFixture.sample(id: "c", office: RunFixture.city, period: .quarter(2026, 2), createdAt: t0.adding(seconds: 10)),
                RunFixture.sample(id: "d", office: RunFixture.city, period: .year(2026), createdAt: t0.adding(seconds: 5)),
                RunFixture.sample(id: "e", office: RunFixture.county, period: .quarter(2026, 2), createdAt: t0.adding(seconds: 20)),
            ]
            for run in runs.shuffled() { try await t.store.save(run) }
            func ids(_ office: OfficeID?, _ period: Period?) async throws -> [String] {
                try await t.store.runs(office: office, period: period).map(\.id)
            }
            #expect(try await ids(nil, nil) == ["e", "c", "b", "d", "a"])
            #expect(try await ids(RunFixture.city, nil) == ["c", "b", "d", "a"])
            #expect(try await ids(nil, .quarter(2026, 2)) == ["e", "c", "b", "a"])
            #expect(try await ids(RunFixture.city, .year(2026)) == ["d"])
            #expect(try await ids(RunFixture.county, .year(2026)) == [])
            #expect(try await t.store.runs(office: RunFixture.county, period: nil) == [RunFixture.header(runs[4])])
        }
    }

    @Test(arguments: Backend.available)
    func ledgerLinesOfOneUnitOrPerson(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let run = RunFixture.sample()
            try await t.store.save(run)
            try await t.store.save(RunFixture.sample(id: "r2"))
            #expect(try await t.store.ledger(run: "r1", unit: "u-county", person: nil) == run.ledger.filter { $0.unit == "u-county" })
            #expect(try await t.store.ledger(run: "r1", unit: nil, person: "p-wang") == run.ledger.filter { $0.person == "p-wang" })
            #expect(try await t.store.ledger(run: "r1", unit: "u-county", person: "p-wang") == [run.ledger[3]])
            #expect(try await t.store.ledger(run: "r1", unit: nil, person: nil) == run.ledger)
            #expect(try await t.store.ledger(run: "r1", unit: "u-none", person: nil) == [])
            #expect(try await t.store.ledger(run: "r9", unit: "u-county", person: nil) == [])
        }
    }

    @Test(arguments: Backend.available)
    func deletingARunDeletesItsRows(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let run = RunFixture.sample(), other = RunFixture.sample(id: "r2")
            try await t.store.save(run)
            try await t.store.save(other)
            #expect(try await t.store.deleteRun(id: "r1"))
            #expect(try await t.store.run(id: "r1") == nil)
            #expect(try await t.store.ledger(run: "r1", unit: nil, person: nil) == [])
            #expect(try await !t.store.deleteRun(id: "r1"))
            #expect(try await t.store.run(id: "r2") == other)
            // Its results went too: the id can be stored again.
            try await t.store.save(run)
            #expect(try await t.store.run(id: "r1") == run)
        }
    }
}
