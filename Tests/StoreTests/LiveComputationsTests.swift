import Domain
import Synchronization
import Testing

/// The live rankings' cache: kept while the inputs' version stands (once settled), refreshed
/// in the background when it moves, recomputed anyway after the idle limit.
@Suite struct LiveComputationsTests {
    /// A clock the test moves, and counters of what the cache asked for.
    final class Probe: Sendable {
        let clock = Mutex(ContinuousClock.now)
        let version = Mutex("v1")
        /// Whether the versions handed out are complete (every change they count visible).
        let complete = Mutex(false)
        let computed = Mutex(0)
        let versionAsked = Mutex(0)
        let failing = Mutex(false)

        func advance(_ d: Duration) { clock.withLock { $0 += d } }

        /// Moves the clock by `d`, asks, and waits for the refresh the request started (if
        /// any); returns the answer the request got at once.
        @discardableResult
        func ask(after d: Duration, _ cache: LiveComputations<Int>) async throws -> Int {
            advance(d)
            let answer = try await value(cache)
            await cache.refreshesEnded()
            return answer
        }

        func cache() -> LiveComputations<Int> {
            LiveComputations(maxAge: .seconds(3), idleLimit: .seconds(60), now: { self.clock.withLock { $0 } })
        }

        func value(_ cache: LiveComputations<Int>) async throws -> Int {
            try await cache.value("city 2026Q2", version: {
                self.versionAsked.withLock { $0 += 1 }
                return (self.version.withLock { $0 }, self.complete.withLock { $0 })
            }, compute: {
                if self.failing.withLock({ $0 }) { throw Failure() }
                return self.computed.withLock { $0 += 1; return $0 }
            })
        }
    }

    struct Failure: Error {}

    @Test func keptWhileTheVersionStandsOnceSettled() async throws {
        let probe = Probe()
        let cache = probe.cache()
        #expect(try await probe.value(cache) == 1)
        // Within maxAge: the kept value, nothing asked.
        probe.advance(.seconds(2))
        #expect(try await probe.value(cache) == 1)
        #expect(probe.versionAsked.withLock { $0 } == 1)

        // Due: the first check recomputes although the version stood (not yet settled: the
        // first computation may have missed a change numbered just before it started).
        #expect(try await probe.ask(after: .seconds(2), cache) == 1)
        #expect(probe.computed.withLock { $0 } == 2)
        #expect(try await probe.value(cache) == 2)

        // Settled: later checks ask for the version only.
        for _ in 0..<5 {
            #expect(try await probe.ask(after: .seconds(4), cache) == 2)
        }
        #expect(probe.computed.withLock { $0 } == 2)
        #expect(probe.versionAsked.withLock { $0 } == 7)
    }

    @Test func aCompleteVersionIsSettledAtOnce() async throws {
        let probe = Probe()
        probe.complete.withLock { $0 = true }
        let cache = probe.cache()
        #expect(try await probe.value(cache) == 1)
        for _ in 0..<3 {
            #expect(try await probe.ask(after: .seconds(4), cache) == 1)
        }
        #expect(probe.computed.withLock { $0 } == 1)
        #expect(probe.versionAsked.withLock { $0 } == 4)
        // A moved version is recomputed, complete or not.
        probe.version.withLock { $0 = "v2" }
        try await probe.ask(after: .seconds(4), cache)
        #expect(try await probe.value(cache) == 2)
    }

    @Test func aMovedVersionIsRecomputedInTheBackground() async throws {
        let probe = Probe()
        let cache = probe.cache()
        #expect(try await probe.value(cache) == 1)
        probe.version.withLock { $0 = "v2" }
        // Not due yet: the change is not looked for.
        #expect(try await probe.value(cache) == 1)
        // Due: this request gets the kept value at once; the next gets the recomputed one.
        #expect(try await probe.ask(after: .seconds(4), cache) == 1)
        #expect(try await probe.value(cache) == 2)
    }

    @Test func recomputedAfterTheIdleLimitWhateverTheVersion() async throws {
        let probe = Probe()
        let cache = probe.cache()
        _ = try await probe.value(cache)
        try await probe.ask(after: .seconds(4), cache)
        #expect(probe.computed.withLock { $0 } == 2)  // settled from here
        try await probe.ask(after: .seconds(55), cache)  // checked 55 s after the last computation: kept
        #expect(probe.computed.withLock { $0 } == 2)
        try await probe.ask(after: .seconds(6), cache)  // checked 61 s after it: recomputed
        #expect(probe.computed.withLock { $0 } == 3)
    }

    @Test func aFailedRefreshKeepsTheLastValueAndIsRetried() async throws {
        let probe = Probe()
        let cache = probe.cache()
        probe.failing.withLock { $0 = true }
        await #expect(throws: Failure.self) { try await probe.value(cache) }
        probe.failing.withLock { $0 = false }
        #expect(try await probe.value(cache) == 1)

        probe.version.withLock { $0 = "v2" }
        probe.failing.withLock { $0 = true }
        #expect(try await probe.ask(after: .seconds(4), cache) == 1)
        #expect(try await probe.value(cache) == 1)
        probe.failing.withLock { $0 = false }
        try await probe.ask(after: .seconds(4), cache)
        #expect(try await probe.value(cache) == 2)
    }

    @Test func requestsArrivingTogetherShareOneComputation() async throws {
        let probe = Probe()
        let cache = probe.cache()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<50 { group.addTask { try await probe.value(cache) } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: 1, count: 50))
        #expect(probe.computed.withLock { $0 } == 1)
    }
}
