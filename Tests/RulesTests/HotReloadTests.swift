import Domain
import Foundation
import Synchronization
import Testing
@testable import Rules
import WorkingDays

/// Edits while evaluations run: no evaluation fails, none sees a half-loaded set, a broken
/// edit never goes live, and a good edit is live well under a second after it is saved.
@Suite(.serialized) struct HotReloadTests {
    /// Two files that must agree: `a.lua` sets BASE = k, `b.lua` uses MULT = k. A result
    /// mixing two versions would give BASE ≠ MULT.
    static func write(_ f: RulesFolder, version k: Int) throws {
        try f.write("city/a.lua", "BASE = \(k)\n")
        try f.write("city/b.lua", """
            local MULT = \(k)
            function score(item, ctx) return { { code = "V", points = BASE * 1000 + MULT, reason = "v" } } end
            function compliance(fact, ctx) return nil end
            function assess(summary, ctx) return { veto = false } end
            function deadline(event, ctx) return nil end
            """)
    }

    @Test func concurrentEvaluationsNeverSeeAHalfLoadedSet() async throws {
        let f = try RulesFolder()
        try f.write("city/office.yaml", "name: 市\n")
        try Self.write(f, version: 1)
        let engine = RuleEngine(rulesDirectory: f.root, calendar: Shared.calendar)
        #expect(engine.reload().activated[.city] != nil)

        let stop = Atomic(false)
        let failures = Mutex<[String]>([])
        let seen = Mutex<Set<Int>>([])
        let evaluations = Atomic(0)
        let workers = (0..<3).map { _ in
            Thread {
                let items = (0..<64).map { Shared.item("I-\($0)") }
                while !stop.load(ordering: .relaxed) {
                    do {
                        let lines = try engine.withRules(.city) { rules throws(RuleError) in
                            try rules.score(items, context: RuleContext(now: Shared.now, office: .city)).perItem
                        }
                        let values = Set(lines.map { Int($0[0].points) })
                        for v in values where v / 1000 != v % 1000 {
                            failures.withLock { $0.append("mixed versions: \(v)") }
                        }
                        if values.count != 1 { failures.withLock { $0.append("one batch saw \(values)") } }
                        seen.withLock { $0.formUnion(values.map { $0 % 1000 }) }
                        evaluations.add(1, ordering: .relaxed)
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
        }
        for w in workers { w.start() }
        for k in 2...25 {
            if k % 3 == 0 {
                // A broken edit (second file refers to an undefined global at load) is rejected.
                try f.write("city/a.lua", "BASE = undefined_thing + 1\n")
                let r = engine.reload()
                #expect(r.rejected[.city] != nil)
            }
            try Self.write(f, version: k)
            #expect(engine.reload().activated[.city] != nil)
            try await Task.sleep(for: .milliseconds(20))
        }
        stop.store(true, ordering: .relaxed)
        try await Task.sleep(for: .milliseconds(100))
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(5) })")
        #expect(evaluations.load(ordering: .relaxed) > 50)
        #expect(seen.withLock { $0 }.count > 5, "evaluations should have seen several versions")
        #expect(try engine.withRules(.city) { rules throws(RuleError) in
            try rules.score(Shared.item(), context: RuleContext(now: Shared.now, office: .city))
        }.first?.points == 25_025)
    }

    /// Three edits in a row, each live within 5 s; the quickest well under a second (the
    /// suite runs beside others on 2 cores, which can hold a single wake-up back).
    @Test func watcherMakesAnEditLiveWellUnderASecond() async throws {
        let f = try RulesFolder()
        try f.write("city/office.yaml", "name: 市\n")
        try Self.write(f, version: 1)
        let engine = RuleEngine(rulesDirectory: f.root, calendar: Shared.calendar)
        engine.reload()
        let watcher = Task { await RuleWatcher(engine: engine).run { _ in } }
        defer { watcher.cancel() }
        try await Task.sleep(for: .milliseconds(200))
        var latencies: [Duration] = []
        for version in 2...4 {
            let saved = ContinuousClock.now
            try Self.write(f, version: version)
            var live: Duration?
            while ContinuousClock.now - saved < .seconds(5) {
                if engine.liveRuleSet(.city).map({ String(decoding: $0.source.files[0].bytes, as: UTF8.self) }) == "BASE = \(version)\n" {
                    live = ContinuousClock.now - saved
                    break
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            latencies.append(try #require(live, "edit to version \(version) never went live"))
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(latencies.min()! < .seconds(1), "\(latencies)")
    }
}
