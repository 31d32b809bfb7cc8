import Foundation
import Testing
@testable import Cron
import WorkingDays

/// Random POSIX expressions against croniter (PyPI), the next five fire times each; see
/// `Tests/oracles/cron_oracle.py` for the generator and the croniter deviations it avoids.
@Suite struct CroniterDifferentialTests {
    struct Oracle: Decodable {
        struct Case: Decodable {
            let expr: String
            let start: String
            /// nil: croniter finds no date at all.
            let next: [String]?
        }

        let croniter: String
        let seed: Int
        let skipped: Int
        let cases: [Case]
    }

    static let count = 4000

    @Test func nextFireTimesMatchCroniter() throws {
        let oracle = try Self.oracle(seed: 20260408, count: Self.count)
        #expect(oracle.croniter == "7.0.0", "verified with croniter 7.0.0")
        #expect(oracle.cases.count == Self.count)
        var mismatches: [String] = []
        var compared = 0
        for c in oracle.cases {
            let start = local(c.start)
            guard let expected = c.next else {
                // croniter never fires: the expression must be refused at parse time.
                let e = parseError(c.expr, .posix, .any)
                if e?.reason.contains("永远不会触发") != true { mismatches.append("“\(c.expr)”: croniter never fires, we give \(e.map(\.description) ?? "no error")") }
                compared += 1
                continue
            }
            do {
                let e = try CronExpression(c.expr, dialect: .posix, dayMatch: .any, now: testNow)
                let got = e.fires(after: c.start, expected.count)
                let want = expected.map { local($0).description }
                if got != want { mismatches.append("“\(c.expr)” after \(start): croniter \(want), we \(got)") }
            } catch {
                mismatches.append("“\(c.expr)”: croniter accepts, we refuse: \(error)")
            }
            compared += 1
        }
        #expect(compared == Self.count)
        if !mismatches.isEmpty {
            Issue.record("\(mismatches.count) of \(compared) differ from croniter \(oracle.croniter), the first 20:\n\(mismatches.prefix(20).joined(separator: "\n"))")
        }
    }

    /// Runs the PyPI oracle; `scripts/install-deps test` installs croniter.
    static func oracle(seed: Int, count: Int) throws -> Oracle {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Repository.root.appendingPathComponent("Tests/oracles/cron_oracle.py").path, "--seed", "\(seed)", "--count", "\(count)"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "cron_oracle.py failed (pip install croniter==7.0.0)"])
        }
        return try JSONDecoder().decode(Oracle.self, from: data)
    }
}
