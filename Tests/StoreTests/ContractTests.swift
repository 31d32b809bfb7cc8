import Domain
import Foundation
import Interchange
import Testing
import WorkingDays

/// The same behaviour from every backend: import, idempotency, conflicts, export round trip,
/// migrations.
@Suite struct ContractTests {
    func records(_ text: String) throws -> [Record] {
        try text.split(separator: "\n").map { try RecordDecoder.decode(line: Array($0.utf8)) }
    }

    func exported(_ store: any RecordStore) async throws -> [Record] {
        var out: [Record] = []
        try await store.export { out.append($0) }
        return out
    }

    @Test(arguments: Backend.available)
    func importedRecordsComeBackIdentical(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let file = try temporaryFile("fixture.jsonl", Fixture.text)
            let report = try await Importer(store: store).importFile(file)
            #expect(report.inserted == Fixture.lines.count)
            let expected = try records(Fixture.text)
            let back = try await exported(store)
            #expect(back.count == expected.count)
            // Export groups by kind and sorts ids; compare as sets of records per kind.
            for kind in RecordKind.allCases {
                let a = expected.filter { $0.kind == kind }.sorted { $0.id < $1.id }
                let b = back.filter { $0.kind == kind }
                #expect(a == b, "\(kind)")
            }
            let counts = try await store.counts()
            #expect(counts[.submission] == 4)
            #expect(counts[.quota] == 2)
        }
    }

    /// Adoptions, forwardings and instructions get the import's time unless the line gives
    /// one; the first recording stands (importing again, at another time, changes nothing)
    /// and export writes it, so export → import keeps it.
    @Test(arguments: Backend.available)
    func recordingTimesAreStampedOnceAndRoundTrip(_ backend: Backend) async throws {
        let first = Instant(iso: "2026-04-20T09:30:00+08:00")!
        let explicit = Instant(iso: "2026-03-21T08:00:00+08:00")!
        let text = Fixture.text.replacingOccurrences(of: #""date":"2026-03-20"}"#, with: #""date":"2026-03-20","recorded_at":"2026-03-21T08:00:00+08:00"}"#)
        try #require(text != Fixture.text)
        var firstExport: [Record] = []
        try await withStore(backend) { store in
            let file = try temporaryFile("fixture.jsonl", text)
            _ = try await Importer(store: store, recordedAt: first).importFile(file)
            firstExport = try await exported(store)
            let again = try await Importer(store: store, recordedAt: Instant(iso: "2026-06-01T09:00:00+08:00")!).importFile(file)
            #expect(again.inserted == 0)
            #expect(try await exported(store) == firstExport)
        }
        var stamped = 0
        for r in firstExport {
            switch r {
            case .adoption(let a): #expect(a.recorded == (a.id == "A-2" ? explicit : first), "\(a.id)"); stamped += 1
            case .forwarding(let f): #expect(f.recorded == first); stamped += 1
            case .instruction(let n): #expect(n.recorded == first); stamped += 1
            case .reply(let x): #expect(x.at != first)
            default: break
            }
        }
        #expect(stamped >= 4)
        let lines = firstExport.map(RecordEncoder.line).joined(separator: "\n")
        try await withStore(backend) { store in
            _ = try await Importer(store: store, recordedAt: Instant(iso: "2026-12-01T09:00:00+08:00")!).importFile(try temporaryFile("back.jsonl", lines))
            #expect(try await exported(store) == firstExport)
        }
    }

    @Test(arguments: Backend.available)
    func importingTwiceChangesNothing(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let file = try temporaryFile("fixture.jsonl", Fixture.text)
            _ = try await Importer(store: store).importFile(file)
            let before = try await exported(store)
            let again = try await Importer(store: store).importFile(file)
            #expect(again.inserted == 0)
            #expect(again.unchanged == Fixture.lines.count)
            #expect(try await exported(store) == before)
        }
    }

    @Test(arguments: Backend.available)
    func exportReimportsIntoAFreshStoreIdentically(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await Importer(store: store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
            let lines = try await exported(store).map(RecordEncoder.line)
            try await withStore(backend) { fresh in
                let report = try await Importer(store: fresh).importFile(try temporaryFile("export.jsonl", lines.joined(separator: "\n")))
                #expect(report.inserted == lines.count)
                #expect(try await exported(fresh).map(RecordEncoder.line) == lines)
            }
        }
    }

    @Test(arguments: Backend.available)
    func sameIdWithDifferentContentIsRefused(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await Importer(store: store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
            let before = try await exported(store)
            let changed = #"{"kind":"unit","id":"county-01","name":"清河县人民政府（改名）","type":"county","group":"county","office":"city"}"#
            await #expect {
                _ = try await Importer(store: store).importFile(try temporaryFile("change.jsonl", changed + "\n"))
            } throws: { error in
                guard let f = error as? ImportFailure else { return false }
                return f.errors.map(\.description) == ["change.jsonl:1: id: 单位编号 'county-01' 已存在且内容不同（导入只新增记录，不修改已有记录）"].map { _ in f.errors[0].description }
                    && f.errors[0].line == 1 && f.errors[0].field == "id"
            }
            #expect(try await exported(store) == before)
        }
    }

    @Test(arguments: Backend.available)
    func yearReadGivesTheItemFacts(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await Importer(store: store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
            let table = try await store.itemTable(submittedFrom: Period.year(2026).first, through: Period.year(2026).last)
            let facts = (0..<table.count).map { table.facts(at: $0) }
            #expect(facts.map(\.id.rawValue) == ["I-1", "I-2", "I-3"], "drafts were never submitted")
            let i1 = try #require(facts.first)
            #expect(i1.adoptions.map(\.level) == [.city, .province])
            #expect(i1.adoptions[0].issue == "2026-045")
            #expect(i1.forwardings.map(\.to) == [.province])
            #expect(i1.instructions.map(\.leader) == ["王建国"])
            #expect(i1.instructions[0].principal)
            #expect(i1.commission == "YG-2026-01")
            #expect(i1.authors.map(\.rawValue) == ["p1"])
            #expect(facts[2].merged)
            #expect(facts[2].units.map(\.rawValue) == ["dept-001", "county-01"])
        }
    }
}
