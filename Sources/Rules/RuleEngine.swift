package import Foundation
package import Domain
package import Logging
import Synchronization
package import WorkingDays

/// The live rules of every office, and the only way to evaluate them.
///
/// `reload()` reads `rules/`, and for each office whose content hash changed compiles the
/// candidate in a fresh state, checks its required functions and runs its own tests; only
/// then is it swapped in (atomically, under a lock). On any failure the last good version
/// keeps serving and the errors are kept in `status`. Evaluations borrow a compiled state
/// of the live version from a pool: an evaluation in flight during a swap finishes on the
/// version it started with, and never sees a half-loaded set.
package final class RuleEngine: Sendable {
    private struct State {
        var live: [OfficeID: LivePool] = [:]
        var status: [OfficeID: OfficeStatus] = [:]
        var general: [String] = []
    }

    private let state = Mutex(State())
    private let reloading = Mutex(())
    package let rulesDirectory: URL
    private let calendar: WorkCalendar
    private let archive: RuleArchive?
    private let clock: @Sendable () -> Instant
    private let logger: Logger
    private let statusFile: URL?

    /// - Parameter statusFile: where every reload writes the offices' status as JSON, for
    ///   other processes (`tally rules status`) to read.
    package init(
        rulesDirectory: URL, calendar: WorkCalendar, archive: RuleArchive? = nil, statusFile: URL? = nil,
        clock: @escaping @Sendable () -> Instant = { Instant(seconds: Int64(Date().timeIntervalSince1970)) },
        logger: Logger = Logger(label: "tally.rules")
    ) {
        self.rulesDirectory = rulesDirectory
        self.calendar = calendar
        self.archive = archive
        self.statusFile = statusFile
        self.clock = clock
        self.logger = logger
    }

    // MARK: Reload

    /// Reads the rules folder and activates every office whose new version validates.
    @discardableResult
    package func reload() -> ReloadReport {
        reloading.withLock { _ in reloadLocked() }
    }

    private func reloadLocked() -> ReloadReport {
        var report = ReloadReport()
        let now = clock()
        let (sources, readProblems) = RuleSourceReader(root: rulesDirectory).read()
        let (sets, chainProblems) = RuleSet.resolve(sources)
        var problemsByOffice: [OfficeID: [String]] = [:]
        for p in readProblems + chainProblems {
            if let office = p.office { problemsByOffice[office, default: []].append(p.description) } else { report.general.append(p.description) }
        }
        let liveVersions = state.withLock { $0.live.mapValues(\.ruleSet.version) }
        var activations: [OfficeID: (LivePool, RuleTestRunner.Report?)] = [:]
        var rejections: [OfficeID: (RuleSet, [String], RuleTestRunner.Report?)] = [:]
        for (office, set) in sets.sorted(by: { $0.key < $1.key }) {
            if liveVersions[office] == set.version && problemsByOffice[office] == nil {
                report.unchanged.append(office)
                continue
            }
            let outcome = RuleValidator.validate(set, calendar: calendar)
            if outcome.isValid, let compiled = outcome.compiled {
                activations[office] = (LivePool(ruleSet: set, first: compiled), outcome.tests)
            } else {
                rejections[office] = (set, outcome.errors.map(\.description), outcome.tests)
            }
        }
        // An office with nothing live (a restart after a bad edit) falls back to the newest
        // archived version that still compiles: the last good rules keep serving.
        var restored: [OfficeID: LivePool] = [:]
        for (office, _) in rejections where liveVersions[office] == nil {
            if let pool = restoreFromArchive(office) { restored[office] = pool }
        }
        state.withLock { s in
            s.general = report.general
            for (office, pool) in restored {
                s.live[office] = pool
                var st = s.status[office] ?? OfficeStatus(office: office)
                st.liveVersion = pool.ruleSet.version
                st.liveSince = now
                st.functions = pool.functionOwners
                st.restoredFromArchive = true
                s.status[office] = st
            }
            for (office, (pool, tests)) in activations {
                s.live[office] = pool
                var st = OfficeStatus(office: office)
                st.name = pool.ruleSet.source.manifest.name
                st.parent = pool.ruleSet.source.manifest.parent
                st.liveVersion = pool.ruleSet.version
                st.liveSince = now
                st.lastChecked = now
                st.tests = tests?.results ?? []
                st.functions = pool.functionOwners
                s.status[office] = st
                report.activated[office] = pool.ruleSet.version
            }
            for (office, (set, errors, tests)) in rejections {
                var st = s.status[office] ?? OfficeStatus(office: office)
                st.name = set.source.manifest.name
                st.parent = set.source.manifest.parent
                st.diskVersion = set.version
                st.errors = errors
                st.lastChecked = now
                if let tests { st.tests = tests.results }
                s.status[office] = st
                report.rejected[office] = errors
            }
            for (office, errors) in problemsByOffice where rejections[office] == nil {
                var st = s.status[office] ?? OfficeStatus(office: office)
                st.errors = errors
                st.diskVersion = nil
                st.lastChecked = now
                s.status[office] = st
                report.rejected[office] = errors
            }
            for office in report.unchanged {
                s.status[office]?.errors = []
                s.status[office]?.diskVersion = nil
                s.status[office]?.lastChecked = now
            }
        }
        for (office, version) in report.activated {
            logger.info("rules activated", metadata: ["office": "\(office)", "version": "\(version.prefix(12))"])
            if let archive, let set = sets[office] {
                do { try archive.record(set, at: now) } catch {
                    logger.error("could not archive rules", metadata: ["office": "\(office)", "error": "\(error)"])
                }
            }
        }
        for (office, errors) in report.rejected {
            logger.error("rules rejected; previous version keeps serving",
                         metadata: ["office": "\(office)", "errors": "\(errors.joined(separator: " | "))"])
        }
        if let statusFile { writeStatus(to: statusFile, at: now) }
        return report
    }

    /// The status every reload leaves for other processes.
    package struct StatusSnapshot: Codable, Sendable {
        package var updated: Instant
        package var offices: [OfficeStatus]
        package var general: [String]
    }

    private func writeStatus(to url: URL, at time: Instant) {
        let (offices, general) = status()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoder.encode(StatusSnapshot(updated: time, offices: offices, general: general)).write(to: url, options: .atomic)
        } catch {
            logger.error("could not write the rules status", metadata: ["file": "\(url.path)", "error": "\(error)"])
        }
    }

    private func restoreFromArchive(_ office: OfficeID) -> LivePool? {
        guard let archive else { return nil }
        for entry in archive.history(of: office).reversed() {
            guard let set = archive.ruleSet(of: office, version: entry.version) else { continue }
            let outcome = RuleValidator.validate(set, calendar: calendar, runTests: false)
            if outcome.isValid, let compiled = outcome.compiled {
                logger.warning("serving archived rules: the files on disk do not validate",
                               metadata: ["office": "\(office)", "version": "\(set.version.prefix(12))"])
                return LivePool(ruleSet: set, first: compiled)
            }
        }
        return nil
    }

    // MARK: Evaluation

    /// Runs `body` with a compiled state of the office's live rules.
    package func withRules<T>(_ office: OfficeID, _ body: (CompiledRules) throws(RuleError) -> T) throws(RuleError) -> T {
        guard let pool = state.withLock({ $0.live[office] }) else {
            let reason = state.withLock { $0.status[office]?.errors.first }
            throw RuleError(kind: .load, office: office, message: reason.map { "no valid rules for this office: \($0)" }
                            ?? "no rules for office '\(office)' (rules/\(office)/ missing or never valid)")
        }
        let rules = try pool.borrow(calendar: calendar)
        let tripsBefore = rules.budgetTrips
        defer {
            let isLive = state.withLock { $0.live[office] === pool }
            if isLive && rules.budgetTrips == tripsBefore { pool.giveBack(rules) }
        }
        return try body(rules)
    }

    /// The live rule set of an office.
    package func liveRuleSet(_ office: OfficeID) -> RuleSet? {
        state.withLock { $0.live[office]?.ruleSet }
    }

    package var offices: [OfficeID] { state.withLock { Array($0.live.keys).sorted() } }

    package func status() -> (offices: [OfficeStatus], general: [String]) {
        state.withLock { s in (s.status.values.sorted { $0.office < $1.office }, s.general) }
    }
}

/// Compiled states of one live version, reused across evaluations.
final class LivePool: @unchecked Sendable {
    // Invariant: a CompiledRules in `idle` is used by nobody; `borrow` hands it to exactly
    // one caller, who returns it with `giveBack` or drops it.
    let ruleSet: RuleSet
    let functionOwners: [String: String]
    private let idle: Mutex<[Box]>
    static let maxIdle = 8

    private final class Box: @unchecked Sendable {
        let rules: CompiledRules
        init(_ rules: CompiledRules) { self.rules = rules }
    }

    init(ruleSet: RuleSet, first: CompiledRules) {
        self.ruleSet = ruleSet
        functionOwners = first.functionOwners
        idle = Mutex([Box(first)])
    }

    func borrow(calendar: WorkCalendar) throws(RuleError) -> CompiledRules {
        if let box = idle.withLock({ $0.popLast() }) { return box.rules }
        return try CompiledRules(ruleSet, calendar: calendar)
    }

    func giveBack(_ rules: CompiledRules) {
        let box = Box(rules)
        idle.withLock { if $0.count < Self.maxIdle { $0.append(box) } }
    }
}
