import Domain
import Foundation
import Interchange
import Tagged
import Testing

/// An item read for the service (with its lists, history, adoptions and forwardings) is the
/// same from every store, and is what was imported.
@Suite struct ItemDetailContractTests {
    @Test func everyStoreReadsTheSameDetail() async throws {
        var details: [Backend: [ItemDetail?]] = [:]
        let ids: [ItemID] = ["I-1", "I-2", "I-3", "I-4", "no-such-item"]
        for backend in Backend.available {
            try await withStore(backend) { store in
                _ = try await Importer(store: store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
                let work = try #require(store as? any WorkStore)
                var read: [ItemDetail?] = []
                for id in ids { read.append(try await work.item(id)) }
                details[backend] = read
            }
        }
        let sqlite = try #require(details[.sqlite])
        // What was imported: I-1 with two adoptions (one without an issue) and a forwarding,
        // I-3 merged from I-2 with two units.
        let records = try Fixture.text.split(separator: "\n").map { try RecordDecoder.decode(line: Array($0.utf8)) }
        for (k, id) in ids.enumerated() {
            guard case .submission(let item)? = records.first(where: { $0.kind == .submission && $0.id == id.rawValue }) else {
                #expect(sqlite[k] == nil)
                continue
            }
            let detail = try #require(sqlite[k])
            #expect(detail.item == item, "\(id)")
            let adoptions = records.compactMap { r -> Adoption? in if case .adoption(let a) = r, a.item == id { a } else { nil } }
            #expect(detail.adoptions.map(\.id) == adoptions.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map(\.id), "\(id)")
            #expect(detail.adoptions.map(\.issue) == adoptions.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map(\.issue), "\(id)")
            let forwardings = records.compactMap { r -> Forwarding? in if case .forwarding(let f) = r, f.item == id { f } else { nil } }
            #expect(detail.forwardings.map(\.id) == forwardings.map(\.id), "\(id)")
            #expect(detail.version == Record.submission(item).fingerprint, "\(id)")
        }
        #expect(sqlite[0]?.adoptions.count == 2 && sqlite[0]?.forwardings.count == 1)
        #expect(sqlite[2]?.item.mergedFrom == ["I-2"])
        if let postgres = details[.postgres] {
            #expect(postgres == sqlite)
        }
    }
}
