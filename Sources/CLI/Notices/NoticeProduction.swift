import Assessment
import Crypto
import Domain
import Foundation
import Notices
import Rules
import WorkingDays

/// How `tally notice` and the scheduled `notice.generate` job make a document from a stored
/// run, render it and keep it with the run — one path, so both give the same bytes.
struct NoticeProduction {
    var global: GlobalOptions
    var store: any ServiceStore
    /// Folder of the default templates.
    var templates: URL
    /// Units named per group as outstanding and as lagging.
    var top = 10

    /// What a meeting pack needs besides its run.
    struct Meeting {
        var at: Instant
        var place: String
        /// Nil: the standard agenda.
        var agenda: [String]?
    }

    /// The view model of `kind` for `run` (quarterly notices and meeting packs compare with
    /// the office's newest run of the quarter before).
    func document(_ kind: NoticeKind, of run: AssessmentRun, meeting: Meeting? = nil) async throws -> NoticeDocument {
        let rules = try RuleFolder(global: global).ruleSet(for: run.office)
        let officeName = rules.source.manifest.name
        let notices = NoticeBuilder(top: top, minimumAdopted: rules.noticePraiseMinAdopted, groupLabel: GroupLabel.of)
        switch kind {
        case .yearEnd:
            return .yearEnd(YearEndBuilder(groupLabel: GroupLabel.of).results(of: run, officeName: officeName))
        case .quarterly:
            return .quarterly(notices.notice(of: run, previous: try await newestRun(office: run.office, period: run.period.previous),
                                             officeName: officeName))
        case .meeting:
            guard let meeting else { throw CommandFailure("例会材料需要会议时间和地点") }
            let previous = try await newestRun(office: run.office, period: run.period.previous)
            let open = try await OpenEvents.read(store, kinds: [.commission, .instruction])
            return .meeting(MeetingPackBuilder(notice: notices).pack(of: run, previous: previous, officeName: officeName, meetingAt: meeting.at,
                                                                    place: meeting.place, agenda: meeting.agenda, open: open))
        }
    }

    /// The document's bytes in `format`, with the office's templates first.
    func render(_ document: NoticeDocument, office: OfficeID, as format: NoticeFormat) throws -> Data {
        let rules = try RuleFolder(global: global).ruleSet(for: office)
        let folders = rules.chain.reversed().map { global.rulesURL.appendingPathComponent($0.id.rawValue).appendingPathComponent("templates") }
            + [templates]
        do { return try DocumentRenderer(templateFolders: folders).render(document, as: format) } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Keeps `data` with `run` (replacing the run's earlier document of the kind and format
    /// only when the bytes differ); returns what was stored.
    @discardableResult
    func keep(_ data: Data, of document: NoticeDocument, run: AssessmentRun, format: NoticeFormat, by createdBy: String, at: Instant) async throws
        -> StoredDocument {
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let stored = StoredDocument(run: run.id, kind: document.kind.templateBase, format: format.rawValue, office: run.office,
                                    period: run.period.description, title: document.title, content: data, sha256: digest, createdAt: at,
                                    createdBy: createdBy)
        try await store.save(stored)
        return stored
    }

    /// The office's newest run of `period`, in full; nil when there is none.
    func newestRun(office: OfficeID, period: Period) async throws -> AssessmentRun? {
        guard let newest = try await store.runs(office: office, period: period).first else { return nil }
        return try await store.run(id: newest.id)
    }
}
