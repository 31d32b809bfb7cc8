import Assessment
import Domain
import Foundation
import HTTPTypes
import Rules
import Synchronization
import Tagged
import WebService
import WorkingDays

/// Rule edits from the service, on the same path as a file edit: the edited rules folder is
/// assembled in a scratch copy, read, and every office whose chain includes the edited one
/// is compiled and tested there; only an edit that passes is written into `rules/` (file by
/// file, each atomically) and reloaded, so the live rules never see a bad version.
final class RuleEditor: Sendable {
    let global: GlobalOptions
    let engine: RuleEngine
    let store: any ServiceStore
    /// One edit at a time in this process.
    private let writing = Mutex(())


    init(global: GlobalOptions, engine: RuleEngine, store: any ServiceStore) {
        self.global = global
        self.engine = engine
        self.store = store
    }

    var archive: RuleArchive { RuleArchive(directory: global.dataDirectory.appendingPathComponent("rule-versions")) }

    func ruleFiles(office: OfficeID) throws -> (version: String?, files: [RuleFileText]) {
        let set: RuleSet
        if let live = engine.liveRuleSet(office) { set = live } else { set = try RuleFolder(global: global).ruleSet(for: office) }
        return (engine.liveRuleSet(office)?.version,
                set.source.files.map { RuleFileText(name: $0.name, text: $0.text) } + set.source.tests.map { RuleFileText(name: $0.name, text: $0.text) })
    }

    func ruleVersions(office: OfficeID) async throws -> [RuleVersionInfo] {
        let entries = try await store.audit(AuditQuery(offices: [office], entity: "rules", limit: 500))
        var by: [String: String] = [:]
        for e in entries.reversed() {
            if let version = e.entityID.split(separator: "@").last, let actor = e.actor { by[String(version)] = actor.rawValue }
        }
        return archive.history(of: office).reversed().map {
            RuleVersionInfo(version: $0.version, activated: $0.activated, files: $0.files, by: by[$0.version])
        }
    }

    func check(office: OfficeID, files: [String: Data], replacing: Bool, runTests: Bool = true) throws -> (RuleCheck, RuleSet?) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tally-rule-edit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: global.rulesURL, to: root)
        try Self.write(files, into: root.appendingPathComponent(office.rawValue), replacing: replacing)
        let (sources, readProblems) = RuleSourceReader(root: root).read()
        let (sets, chainProblems) = RuleSet.resolve(sources)
        let affected = sets.values.filter { $0.chain.contains { $0.id == office } }.sorted { $0.office < $1.office }
        var errors = (readProblems + chainProblems).filter { p in p.office.map { o in affected.contains { $0.office == o } || o == office } ?? true }
            .map(\.description)
        var tests: [RuleCheck.Test] = []
        for set in affected {
            let outcome = RuleValidator.validate(set, calendar: try global.calendar(office: set.office.rawValue), runTests: runTests)
            errors += outcome.errors.map(\.description)
            if set.office == office {
                tests = (outcome.tests?.results ?? []).map { RuleCheck.Test(name: $0.name, file: $0.file, passed: $0.passed, message: $0.message) }
            }
        }
        let edited = sets[office]
        if edited == nil && errors.isEmpty { errors.append("rules/\(office)/: 没有可用的规则") }
        let check = RuleCheck(office: office.rawValue, version: edited?.version, valid: errors.isEmpty, activated: false,
                              previousVersion: engine.liveRuleSet(office)?.version, errors: errors, tests: tests)
        return (check, edited)
    }

    func checkEdit(office: OfficeID, file: String, text: String) throws -> RuleCheck {
        try check(office: office, files: [file: Data(text.utf8)], replacing: false).0
    }

    func activate(office: OfficeID, file: String, text: String) throws -> RuleCheck {
        try writing.withLock { _ in try commit(office: office, files: [file: Data(text.utf8)], replacing: false) }
    }

    func rollback(office: OfficeID, to version: String) throws -> RuleCheck {
        guard let (_, files) = archive.files(of: office, version: version) else {
            throw APIError(.notFound, "not_found", "没有版本 '\(version)'（见规则版本历史）", field: "version")
        }
        let wanted = files.filter { $0.key.hasSuffix(".lua") || $0.key == "office.yaml" }
        // The tests on disk were written for the current rules: an earlier version is checked
        // by compiling it (and its descendants), not against today's tests.
        return try writing.withLock { _ in try commit(office: office, files: wanted, replacing: true, runTests: false) }
    }

    private func commit(office: OfficeID, files: [String: Data], replacing: Bool, runTests: Bool = true) throws -> RuleCheck {
        var (check, _) = try check(office: office, files: files, replacing: replacing, runTests: runTests)
        guard check.valid else { return check }
        try Self.write(files, into: global.rulesURL.appendingPathComponent(office.rawValue), replacing: replacing)
        let report = engine.reload()
        if let errors = report.rejected[office] {
            check.valid = false
            check.errors = errors
            return check
        }
        check.activated = engine.liveRuleSet(office)?.version == check.version
        return check
    }

    /// Writes `files` (paths relative to the office folder: `10_score.lua`, `tests/score.json`)
    /// into an office folder, each through a temporary file and a rename; with `replacing`,
    /// `.lua` files of the folder itself not among them are removed.
    static func write(_ files: [String: Data], into folder: URL, replacing: Bool) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files {
            let target = folder.appendingPathComponent(name)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let tmp = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tally-edit")
            try data.write(to: tmp)
            guard rename(tmp.path, target.path) == 0 else { throw APIError(.internalServerError, "write_failed", "无法写入规则文件 \(name)") }
        }
        if replacing {
            for name in try fm.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".lua") && files[name] == nil {
                try fm.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    func shadowDiff(office: OfficeID, file: String, text: String, period: Period, run: (RuleSet, String) async throws -> AssessmentRun) async throws
        -> [RuleShadowChange] {
        // The shadow run needs rules that compile; the office's tests may still be failing
        // (the admin sees how the edit moves results before updating them).
        let (check, edited) = try check(office: office, files: [file: Data(text.utf8)], replacing: false, runTests: false)
        guard check.valid, let edited else { throw APIError(.unprocessableContent, "rules_invalid", "修改后的规则未通过检查：\(check.errors.joined(separator: "；"))", field: "text") }
        let live: RuleSet
        if let l = engine.liveRuleSet(office) { live = l } else { live = try RuleFolder(global: global).ruleSet(for: office) }
        let before = try await run(live, "live")
        let after = try await run(edited, "edited")
        return RunDiff(before, after).changes.map {
            RuleShadowChange(id: $0.id, name: $0.name, pointsBefore: $0.pointsBefore, pointsAfter: $0.pointsAfter, rankBefore: $0.rankBefore,
                             rankAfter: $0.rankAfter, gradeBefore: $0.gradeBefore, gradeAfter: $0.gradeAfter)
        }
    }
}
