import Domain
import Foundation
import PostgresStore
import SQLiteStore
import Tagged
import Testing
import WebService

/// The organisation the access checks read is kept while the record's change number stands,
/// and read again when another instance changes the record.
@Suite struct OrganisationCacheTests {
    @Test(arguments: Backend.available)
    func aUnitAddedByAnotherInstanceIsSeen(_ backend: Backend) async throws {
        let (store, cleanup) = try await backend.makeStore()
        do {
            try await check(store)
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    func check(_ store: any WebStore) async throws {
        try await store.apply(Fixture.records.map { .insert($0) }, audit: [])
        let other: any WorkStore
        if let sqlite = store as? SQLiteStore { other = try SQLiteStore(path: sqlite.path) } else {
            other = try await PostgresStore.open(try #require(store as? PostgresStore).url)
        }
        // Looked at again on every read (maxAge 0): while nothing changes, the same snapshot.
        let cache = OrganisationCache(store: store, maxAge: 0)
        let first = try await cache.current()
        for _ in 0..<20 { #expect(try await cache.current() == first) }

        try await other.apply([.insert(.unit(Unit(id: "dept-003", name: "市民政局", kind: .department, group: "dept-1", office: .city)))], audit: [])
        // A read answers the last snapshot while the next one is read: seen within a few.
        var seen = false
        for _ in 0..<500 where !seen {
            seen = try await cache.current().units["dept-003"] != nil
            if !seen { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(seen)
        if let postgres = other as? PostgresStore { await postgres.close() }
    }
}
