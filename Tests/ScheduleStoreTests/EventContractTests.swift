import Domain
import Scheduling
import Testing

/// The events deadlines are counted from, read the same from every store.
@Suite struct EventContractTests {
    @Test(arguments: Backend.available)
    func everyKindReadsInRecordOrder(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            try await EventFixture.importAll(into: t.store)
            for kind in DeadlineEvent.Kind.allCases {
                let (events, cursor) = try await t.store.events(kind, after: 0, limit: 100)
                #expect(events == EventFixture.expected[kind], "\(kind)")
                #expect(try await t.store.events(kind, after: cursor, limit: 100).events.isEmpty, "\(kind)")
                #expect(try await t.store.events(kind, after: cursor, limit: 100).cursor == cursor, "\(kind)")
            }
        }
    }

    @Test(arguments: Backend.available)
    func pagingOneAtATimeReadsEverythingOnce(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            try await EventFixture.importAll(into: t.store)
            for kind in DeadlineEvent.Kind.allCases {
                var cursor: Int64 = 0
                var pages: [[RecordedEvent]] = []
                while true {
                    let (events, next) = try await t.store.events(kind, after: cursor, limit: 1)
                    if events.isEmpty {
                        #expect(next == cursor)
                        break
                    }
                    #expect(next > cursor)
                    cursor = next
                    pages.append(events)
                }
                #expect(pages.flatMap { $0 } == EventFixture.expected[kind], "\(kind)")
                if kind == .commission {
                    #expect(pages.map(\.count) == [2, 1], "a commission's units come together")
                } else {
                    #expect(pages.allSatisfy { $0.count == 1 }, "\(kind)")
                }
            }
        }
    }

    @Test(arguments: Backend.available)
    func eventsImportedLaterFollowTheCursor(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            try await EventFixture.importAll(into: t.store)
            let cursor = try await t.store.events(.absence, after: 0, limit: 100).cursor
            let tx = try await t.store.beginImport()
            _ = try await tx.write([try EventFixture.record(EventFixture.late)])
            try await tx.commit()
            let (events, next) = try await t.store.events(.absence, after: cursor, limit: 100)
            #expect(events.map(\.event.id) == ["BB-4"])
            #expect(events.first?.summary == "清河县人民政府 赵县长 赴杭州（06-02 出发）")
            #expect(next > cursor)
        }
    }

    @Test(arguments: Backend.available)
    func settledIsCheckedPerEvent(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            try await EventFixture.importAll(into: s)
            let cases: [(DeadlineEvent.Kind, String, Bool)] = [
                (.absence, "BB-1", true), (.absence, "BB-2", false), (.absence, "BB-9", false),
                (.instruction, "PS-1", true), (.instruction, "PS-2", false), (.instruction, "PS-9", false),
                (.commission, "YG-1/county-01", true), (.commission, "YG-1/dept-001", false), (.commission, "YG-1", false),
                (.commission, "YG-2/town-01-01", false),
                (.emergency, "TF-1", true), (.emergency, "TF-2", false), (.emergency, "TF-9", false),
                (.monthlyReport, "2026-05", false),
            ]
            for (kind, id, settled) in cases {
                #expect(try await s.isSettled(kind, id: id) == settled, "\(kind) \(id)")
            }
        }
    }
}
