import Assessment
import Domain
import Foundation
import Testing
import WorkingDays

/// What every `DocumentStore` does, on every available backend: a document is kept with its
/// run, replaced only when its bytes changed, listed without its content, and deleted with
/// its run.
@Suite struct DocumentContractTests {
    static func document(run: String = "r1", kind: String = "quarterly-notice", format: String = "md", content: String = "# 2026年第二季度通报\n",
                         sha: Character = "a", title: String = "2026年第二季度政务信息工作通报", at offset: Int64 = 0) -> StoredDocument {
        StoredDocument(run: run, kind: kind, format: format, office: RunFixture.city, period: "2026Q2", title: title,
                       content: Data(content.utf8), sha256: String(repeating: sha, count: 64), createdAt: RunFixture.t0.adding(seconds: offset),
                       createdBy: "cli")
    }

    func documents(_ t: TestStore) -> any DocumentStore { t.store as! any DocumentStore }

    @Test(arguments: Backend.available)
    func aDocumentIsReplacedOnlyWhenItsBytesChanged(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            try await t.store.save(RunFixture.sample())
            let s = documents(t)
            let first = Self.document()
            #expect(first.id == "r1/quarterly-notice.md")
            #expect(try await s.save(first))
            #expect(try await s.document(id: first.id) == first)
            // The same bytes again (a later generation, another title): nothing changes.
            #expect(try await s.save(Self.document(title: "另一个标题", at: 60)) == false)
            #expect(try await s.document(id: first.id) == first)
            // Edited template: new bytes replace the old ones.
            let edited = Self.document(content: "# 2026年第二季度通报（修订）\n\u{0}\u{ff}", sha: "b", at: 120)
            #expect(try await s.save(edited))
            #expect(try await s.document(id: first.id) == edited)
            #expect(try await s.document(id: "r1/meeting-pack.docx") == nil)
        }
    }

    @Test(arguments: Backend.available)
    func theListLeavesContentOutNewestFirstAndFiltersByRun(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            try await t.store.save(RunFixture.sample())
            try await t.store.save(RunFixture.sample(id: "r2"))
            let s = documents(t)
            let a = Self.document(at: 0), b = Self.document(format: "csv", at: 30), c = Self.document(run: "r2", kind: "meeting-pack", format: "docx", at: 60)
            for d in [a, b, c] { #expect(try await s.save(d)) }
            let all = try await s.documents(run: nil, limit: 10)
            #expect(all.map(\.id) == [c.id, b.id, a.id])
            #expect(all.allSatisfy { $0.content.isEmpty })
            var withoutContent = a
            withoutContent.content = Data()
            #expect(all.last == withoutContent)  // everything else comes back
            #expect(try await s.documents(run: "r1", limit: 10).map(\.id) == [b.id, a.id])
            #expect(try await s.documents(run: "r1", limit: 1).map(\.id) == [b.id])
            #expect(try await s.documents(run: "r9", limit: 10).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func documentsGoWithTheirRunAndNeedOne(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            try await t.store.save(RunFixture.sample())
            try await t.store.save(RunFixture.sample(id: "r2"))
            let s = documents(t)
            #expect(try await s.save(Self.document()))
            #expect(try await s.save(Self.document(run: "r2")))
            #expect(try await t.store.deleteRun(id: "r1"))
            #expect(try await s.document(id: "r1/quarterly-notice.md") == nil)
            #expect(try await s.documents(run: nil, limit: 10).map(\.id) == ["r2/quarterly-notice.md"])
            // No document without its run.
            await #expect(throws: (any Error).self) { try await s.save(Self.document(run: "r1")) }
            #expect(try await s.documents(run: nil, limit: 10).count == 1)
        }
    }
}
