import Domain
import Synchronization
import Testing

/// The open deadlines' cache: kept while the version stands, loaded once for every caller that
/// finds it out of date at the same time.
@Suite struct VersionCacheTests {
    struct Failure: Error {}

    final class Loads: Sendable {
        let count = Mutex(0)
        let failing = Mutex(false)

        func load(_ version: Int64) -> @Sendable () async throws -> (version: Int64, value: String) {
            { [self] in
                count.withLock { $0 += 1 }
                try await Task.sleep(for: .milliseconds(50))  // long enough for the callers to meet
                if failing.withLock({ $0 }) { throw Failure() }
                return (version, "v\(version)")
            }
        }
    }

    @Test func callersArrivingTogetherShareOneLoad() async throws {
        let cache = VersionCache<String>()
        let loads = Loads()
        func together(_ version: Int64) async throws -> [String] {
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<40 { group.addTask { try await cache.value(at: version, load: loads.load(version)) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(try await together(1) == Array(repeating: "v1", count: 40))
        #expect(loads.count.withLock { $0 } == 1)
        // Kept while the version stands.
        #expect(try await cache.value(at: 1, load: loads.load(1)) == "v1")
        #expect(loads.count.withLock { $0 } == 1)
        // A new version is loaded once more.
        #expect(try await together(2) == Array(repeating: "v2", count: 40))
        #expect(loads.count.withLock { $0 } == 2)
    }

    @Test func aFailedLoadFailsItsCallersAndIsTriedAgain() async throws {
        let cache = VersionCache<String>()
        let loads = Loads()
        loads.failing.withLock { $0 = true }
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 { group.addTask { (try? await cache.value(at: 1, load: loads.load(1))) == nil } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes == Array(repeating: true, count: 10))
        #expect(loads.count.withLock { $0 } == 1)
        loads.failing.withLock { $0 = false }
        #expect(try await cache.value(at: 1, load: loads.load(1)) == "v1")
        #expect(loads.count.withLock { $0 } == 2)
    }
}
