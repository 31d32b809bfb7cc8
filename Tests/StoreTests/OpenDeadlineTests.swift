import Domain
import Foundation
import Interchange
import Tagged
import Testing
import WorkingDays

/// The deadlines the dashboard lists: an instruction stays open until its handler replies,
/// a commission until each of its units answers.
@Suite struct OpenDeadlineTests {
    static func at(_ iso: String) -> Instant { Instant(iso: iso)! }

    @Test(arguments: Backend.available)
    func openUntilTheRightUnitRepliesOrAnswers(_ backend: Backend) async throws {
        try await withStore(backend, check)
    }

    func check(_ store: any RecordStore) async throws {
        let work = try #require(store as? any WorkStore)
        #expect(try await work.openDeadlines() == [])
        _ = try await Importer(store: store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
        // The fixture: PS-1 replied by its handler (closed); PS-2 (dept-001) not replied;
        // YG-2026-01 answered by county-01, not by dept-001.
        let commission = OpenDeadline(kind: .commission, id: "YG-2026-01", title: "关于报送招商引资情况的约稿", unit: "dept-001",
                                      due: Self.at("2026-03-09T17:30:00+08:00"))
        let ps2 = OpenDeadline(kind: .instruction, id: "PS-2", title: "抓好落实", unit: "dept-001", due: Self.at("2026-04-10T17:30:00+08:00"))
        #expect(try await work.openDeadlines() == [commission, ps2])

        // An undated instruction comes last; a reply by another unit does not close PS-2.
        try await work.apply([
            .insert(.instruction(Instruction(id: "PS-3", leader: "王市长", level: .city, principal: false, text: "请研究", at: Self.at("2026-05-01T09:00:00+08:00"),
                                             handler: "county-01"))),
            .insert(.reply(Reply(id: "PS-2-other", instruction: "PS-2", unit: "county-01", text: "协助", at: Self.at("2026-04-01T09:00:00+08:00")))),
        ], audit: [])
        let ps3 = OpenDeadline(kind: .instruction, id: "PS-3", title: "请研究", unit: "county-01", due: nil)
        #expect(try await work.openDeadlines() == [commission, ps2, ps3])

        // The handler's reply and the unit's answer close them, each seen at once (the store
        // may keep the last answer, but not past a change of any table it reads).
        #expect(try await work.openDeadlines() == [commission, ps2, ps3])
        try await work.apply([
            .insert(.reply(Reply(id: "PS-2-r", instruction: "PS-2", unit: "dept-001", text: "已办", at: Self.at("2026-04-09T09:00:00+08:00")))),
        ], audit: [])
        #expect(try await work.openDeadlines() == [commission, ps3])
        try await work.apply([
            .insert(.answer(CommissionAnswer(id: "YG-2026-01-dept-001", commission: "YG-2026-01", unit: "dept-001", at: Self.at("2026-03-10T09:00:00+08:00")))),
        ], audit: [])
        #expect(try await work.openDeadlines() == [ps3])
        // A new commission of two units: open for both.
        try await work.apply([
            .insert(.commission(Commission(id: "YG-2026-02", office: .city, topic: "二季度约稿", units: ["county-01", "dept-001"],
                                           assignedAt: Self.at("2026-06-01T09:00:00+08:00"), due: Self.at("2026-06-08T17:30:00+08:00")))),
        ], audit: [])
        let due = Self.at("2026-06-08T17:30:00+08:00")
        #expect(try await work.openDeadlines() == [
            OpenDeadline(kind: .commission, id: "YG-2026-02", title: "二季度约稿", unit: "county-01", due: due),
            OpenDeadline(kind: .commission, id: "YG-2026-02", title: "二季度约稿", unit: "dept-001", due: due), ps3,
        ])
    }
}
