import Assessment
import Domain
import Tagged
import Testing

/// Runs of many ledger lines (more than one chunk of the PostgreSQL store's inserts and
/// reads), stored whole or not at all.
@Suite struct RunStoreBulkTests {
    @Test(arguments: Backend.available)
    func aLargeRunComesBackExactly(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let run = RunFixture.large(lines: 100_000)
            try await t.store.save(run)
            let stored = try #require(try await t.store.run(id: "big"))
            #expect(stored.ledger.count == 100_000)
            #expect(stored == run)
            #expect(try await t.store.runs(office: nil, period: nil) == [RunFixture.header(run)])
            #expect(try await t.store.ledger(run: "big", unit: "u-7", person: nil) == run.ledger.filter { $0.unit == "u-7" })
            #expect(try await t.store.ledger(run: "big", unit: nil, person: "p-8") == run.ledger.filter { $0.person == "p-8" })
            #expect(try await t.store.deleteRun(id: "big"))
            #expect(try await t.store.ledger(run: "big", unit: nil, person: nil) == [])
        }
    }

    @Test(arguments: Backend.available)
    func aSaveThatFailsLeavesNothing(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let kept = RunFixture.sample(id: "kept")
            try await t.store.save(kept)
            // The results go in last, after the header and every ledger line; a subject given
            // twice breaks their unique key.
            var run = RunFixture.large(id: "broken", lines: 120_000)
            run.results.append(run.results[1])
            await #expect {
                try await t.store.save(run)
            } throws: { error in
                guard case StoreError.constraint = error else { return false }
                return true
            }
            #expect(try await t.store.run(id: "broken") == nil)
            #expect(try await t.store.ledger(run: "broken", unit: nil, person: nil) == [])
            #expect(try await t.store.runs(office: nil, period: nil) == [RunFixture.header(kept)])
            run.results.removeLast()
            try await t.store.save(run)
            #expect(try await t.store.run(id: "broken") == run)
        }
    }
}
