import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `tally serve --metrics-token-file`: a missing or too short token stops the start with the
/// file named; a good one keeps /metrics for the scraper that holds it.
@Suite(.serialized) struct MetricsTokenTests {
    @Test func aBadTokenFileStopsTheStartAndAGoodOneGuardsMetrics() async throws {
        try #require(Harness.builtExecutable, "build the tally executable first (swift build)")
        let h = try Harness(jobs: [:])
        let missing = try h.runSeparately(["serve", "--port", "0", "--metrics-token-file", "no-such-file"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no-such-file"), "\(missing.stderr)")
        let short = h.dir.appendingPathComponent("short.token")
        try "abc\n".write(to: short, atomically: true, encoding: .utf8)
        let refused = try h.runSeparately(["serve", "--port", "0", "--metrics-token-file", short.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("short.token:1: token"), "\(refused.stderr)")

        let secret = "scrape-\(UUID().uuidString)"
        let file = h.dir.appendingPathComponent("metrics.token")
        try "\(secret)\n".write(to: file, atomically: true, encoding: .utf8)
        let port = Int.random(in: 20_000...40_000)
        let serve = try h.start(["serve", "--port", String(port), "--metrics-token-file", file.path], log: "serve.log")
        defer { Harness.stop(serve) }
        let base = "http://127.0.0.1:\(port)"
        let up = try await h.waitFor(30) { (try? Data(contentsOf: URL(string: "\(base)/ready")!)) != nil }
        try #require(up, "\(h.text("serve.log"))")
        func status(_ token: String?) async throws -> Int {
            var request = URLRequest(url: URL(string: "\(base)/metrics")!)
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            let (_, response) = try await URLSession.shared.data(for: request)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }
        #expect(try await status(nil) == 401)
        #expect(try await status("wrong-\(secret)") == 401)
        #expect(try await status(secret) == 200)
        #expect(!h.text("serve.log").contains(secret))
    }
}
