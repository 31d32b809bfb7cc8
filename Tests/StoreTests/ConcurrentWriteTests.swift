import Domain
import Foundation
import Interchange
import Tagged
import Testing
import WorkingDays

/// Many `apply` calls at once, as a busy service makes them: each is all or nothing on its own
/// and gets its own answer, whether the store commits them one by one or several together
/// (SQLite's group commit).
@Suite struct ConcurrentWriteTests {
    static let at = Instant(iso: "2026-06-01T09:00:00+08:00")!

    static func draft(_ id: String) -> Item {
        Item(id: ItemID(rawValue: id), units: ["dept-001"], authors: ["p2"], category: .progress, title: "并发写入 \(id)", body: "正文",
             status: .draft, createdAt: at, history: [ItemTransition(from: nil, to: .draft, by: "p2", at: at)])
    }

    static func entry(_ id: String) -> AuditEntry {
        AuditEntry(at: at, actor: "p2", action: "item.create", entity: "submission", entityID: id, office: .city)
    }

    enum Outcome: Equatable { case stored, duplicate, stale }

    @Test(arguments: Backend.available)
    func eachWriteSucceedsOrFailsAloneWhenManyArriveTogether(_ backend: Backend) async throws {
        try await withStore(backend, check)
    }

    func check(_ store: any RecordStore) async throws {
        let work = try #require(store as? any WorkStore)
        _ = try await Importer(store: store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
        let draft = try #require(try await work.item("I-4"))

        // 300 writes at once: most insert a new item with its audit entry; every 5th inserts
        // an id that exists (refused by the schema); every 7th replaces I-4 expecting a
        // version it never had (stale). A refused write must leave neither its record nor
        // its audit entry, and must not take any other write down with it.
        let count = 300
        let outcomes = try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
            for i in 0..<count {
                group.addTask {
                    let id = "cw-\(i)"
                    let changes: [RecordChange]
                    if i % 5 == 0 {
                        changes = [.insert(.submission(Self.draft(id))), .insert(.submission(Self.draft("I-1")))]
                    } else if i % 7 == 0 {
                        var edited = draft.item
                        edited.title = "改 \(i)"
                        changes = [.insert(.submission(Self.draft(id))), .replaceItem(edited, expected: draft.version &+ 1)]
                    } else {
                        changes = [.insert(.submission(Self.draft(id)))]
                    }
                    do {
                        try await work.apply(changes, audit: [Self.entry(id)])
                        return (i, .stored)
                    } catch is StaleRecord {
                        return (i, .stale)
                    } catch StoreError.constraint(_) {
                        return (i, .duplicate)
                    }
                }
            }
            var all: [Int: Outcome] = [:]
            for try await (i, outcome) in group { all[i] = outcome }
            return all
        }

        #expect(outcomes.count == count)
        for i in 0..<count {
            let expected: Outcome = i % 5 == 0 ? .duplicate : i % 7 == 0 ? .stale : .stored
            #expect(outcomes[i] == expected, "write \(i)")
            let stored = try await work.item(ItemID(rawValue: "cw-\(i)"))
            #expect((stored != nil) == (expected == .stored), "item cw-\(i)")
            let audit = try await work.audit(AuditQuery(offices: [.city], entityID: "cw-\(i)"))
            #expect(audit.count == (expected == .stored ? 1 : 0), "audit of cw-\(i)")
        }
        // The items the refused writes touched are as they were.
        #expect(try await work.item("I-4") == draft)
        #expect(try await work.item("I-1")?.item.title == "清河县一季度工业增长")
        let stored = outcomes.values.filter { $0 == .stored }.count
        #expect(try await store.counts()[.submission] == Fixture.lines.filter { $0.contains(#""kind":"submission""#) }.count + stored)
    }

    /// A lone new item (the service's most common write, one statement on PostgreSQL) is
    /// refused whole: an id already taken, a unit or an author that does not exist.
    @Test(arguments: Backend.available)
    func aLoneNewItemIsWrittenWholeOrNotAtAll(_ backend: Backend) async throws {
        try await withStore(backend, checkLone)
    }

    func checkLone(_ store: any RecordStore) async throws {
        let work = try #require(store as? any WorkStore)
        _ = try await Importer(store: store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
        let before = try await store.counts()
        var taken = Self.draft("I-1")
        taken.title = "占用已有编号"
        var noUnit = Self.draft("lone-1")
        noUnit.units = ["dept-001", "no-such-unit"]
        var noAuthor = Self.draft("lone-2")
        noAuthor.authors = ["nobody"]
        var noActor = Self.draft("lone-3")
        noActor.history = [ItemTransition(from: nil, to: .draft, by: "nobody", at: Self.at)]
        for item in [taken, noUnit, noAuthor, noActor] {
            await #expect(throws: StoreError.self, "\(item.id)") {
                try await work.apply([.insert(.submission(item))], audit: [Self.entry(item.id.rawValue)])
            }
        }
        #expect(try await store.counts() == before)
        #expect(try await work.item("I-1")?.item.title == "清河县一季度工业增长")
        for id in ["I-1", "lone-1", "lone-2", "lone-3"] {
            #expect(try await work.audit(AuditQuery(offices: [.city], entityID: id)).isEmpty, "\(id)")
        }
        // A good one is stored with its lists, its history and its audit lines.
        var good = Self.draft("lone-4")
        good.units = ["dept-001", "county-01"]
        good.authors = ["p2", "p1"]
        good = try good.moved(to: .submitted, by: "p2", at: Self.at.adding(minutes: 5))
        try await work.apply([.insert(.submission(good))], audit: [Self.entry("lone-4"), Self.entry("lone-4")])
        let stored = try #require(try await work.item("lone-4"))
        #expect(stored.item == good)
        #expect(stored.version == Record.submission(good).fingerprint)
        #expect(try await work.audit(AuditQuery(offices: [.city], entityID: "lone-4")).count == 2)
    }

    /// Twenty edits of one item at once, all made from the same version: exactly one is
    /// stored, the others are told the item changed, and the stored item is that one whole.
    @Test(arguments: Backend.available)
    func editsFromTheSameVersionOneWinsTheRestAreStale(_ backend: Backend) async throws {
        try await withStore(backend, checkRace)
    }

    func checkRace(_ store: any RecordStore) async throws {
        let work = try #require(store as? any WorkStore)
        _ = try await Importer(store: store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
        let read = try #require(try await work.item("I-4"))
        let won = try await withThrowingTaskGroup(of: Item?.self) { group in
            for i in 0..<20 {
                group.addTask {
                    var edited = try read.item.moved(to: .submitted, by: "p1", at: Self.at.adding(minutes: i), note: "第 \(i) 次")
                    edited.title = "并发修改 \(i)"
                    do {
                        try await work.apply([.replaceItem(edited, expected: read.version)], audit: [Self.entry("I-4")])
                        return edited
                    } catch is StaleRecord {
                        return nil
                    }
                }
            }
            var won: [Item] = []
            for try await item in group { if let item { won.append(item) } }
            return won
        }
        #expect(won.count == 1)
        let stored = try #require(try await work.item("I-4"))
        #expect(stored.item == won.first)
        #expect(stored.version == Record.submission(stored.item).fingerprint)
        #expect(try await work.audit(AuditQuery(offices: [.city], entityID: "I-4")).count == 1)
    }
}
