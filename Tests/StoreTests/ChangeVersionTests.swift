import Domain
import Foundation
import Interchange
import PostgresStore
import SQLiteStore
import Tagged
import Testing
import WorkingDays

/// The record's change number (what the live rankings are kept by): it stands while the record
/// is only read and moves after every committed change, whichever instance made it.
@Suite struct ChangeVersionTests {
    @Test(arguments: Backend.available)
    func movesWithEveryCommittedChangeFromAnyInstance(_ backend: Backend) async throws {
        try await withStore(backend, check)
    }

    func check(_ store: any RecordStore) async throws {
        let work = try #require(store as? any WorkStore)
        let other = try await Self.secondInstance(of: store)

        // Each instance's numbers compare only with its own (SQLite's come from a connection
        // of the instance's own): `Numbers` keeps both instances' last ones.
        var last = try await Numbers(store, other)
        #expect(last.here.complete && last.there.complete)

        // An import (its own connection and transaction) moves it for both instances.
        _ = try await Importer(store: store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
        last = try await last.moved(store, other)

        // Reads leave it standing.
        _ = try await store.counts()
        _ = try await work.item(ItemID(rawValue: "I-4"))
        _ = try await work.openDeadlines()
        _ = try await store.itemTable(submittedFrom: Day(year: 2026, month: 1, day: 1)!, through: Day(year: 2026, month: 12, day: 31)!)
        try await store.export { _ in }
        try await last.stood(store, other)

        // A change made through the other instance is seen here, and one made here there.
        let at = Instant(iso: "2026-06-01T09:00:00+08:00")!
        let draft = Item(id: ItemID(rawValue: "CV-1"), units: ["dept-001"], authors: ["p2"], category: .progress, title: "变更编号", body: "正文",
                         status: .draft, createdAt: at, history: [ItemTransition(from: nil, to: .draft, by: "p2", at: at)])
        try await #require(other as? any WorkStore).apply([.insert(.submission(draft))], audit: [])
        last = try await last.moved(store, other)

        let stored = try #require(try await work.item(ItemID(rawValue: "CV-1")))
        var edited = stored.item
        edited.title = "变更编号（改）"
        try await work.apply([.replaceItem(edited, expected: stored.version)], audit: [])
        last = try await last.moved(store, other)

        // An import still open: its rows are not visible yet. The number stands (SQLite
        // numbers commits) or says it is not complete (PostgreSQL numbers statements).
        var late = draft
        late.id = ItemID(rawValue: "CV-2")
        let open = try await store.beginImport()
        _ = try await open.write([.submission(late)])
        let during = try await store.changeVersion()
        #expect(during.number == last.here.number || !during.complete)
        try await open.commit()
        last = try await last.moved(store, other)

        // Nothing is being written: every change counted is visible.
        #expect(try await store.changeVersion().complete)
        if let postgres = other as? PostgresStore { await postgres.close() }
    }

    /// The last numbers of the two instances.
    struct Numbers {
        var here: ChangeVersion
        var there: ChangeVersion

        init(_ store: any RecordStore, _ other: any RecordStore) async throws {
            here = try await store.changeVersion()
            there = try await other.changeVersion()
        }

        /// The numbers now, which must differ from these on both instances.
        func moved(_ store: any RecordStore, _ other: any RecordStore, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Numbers {
            let now = try await Numbers(store, other)
            #expect(now.here.number != here.number, "this instance's number stood", sourceLocation: sourceLocation)
            #expect(now.there.number != there.number, "the other instance's number stood", sourceLocation: sourceLocation)
            return now
        }

        /// Checks that neither instance's number moved.
        func stood(_ store: any RecordStore, _ other: any RecordStore, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let now = try await Numbers(store, other)
            #expect(now.here.number == here.number, "this instance's number moved", sourceLocation: sourceLocation)
            #expect(now.there.number == there.number, "the other instance's number moved", sourceLocation: sourceLocation)
        }
    }

    /// Another store on the same database, as a second `tally serve` would open it.
    static func secondInstance(of store: any RecordStore) async throws -> any RecordStore {
        if let sqlite = store as? SQLiteStore { return try SQLiteStore(path: sqlite.path) }
        let postgres = try #require(store as? PostgresStore)
        return try await PostgresStore.open(postgres.url)
    }
}
