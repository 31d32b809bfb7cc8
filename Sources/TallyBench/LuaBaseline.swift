import Domain
import Foundation

/// The standalone-interpreter baseline: the same items through the same rule files in
/// `lua5.4` (Benchmarks/score_baseline.lua), and optionally in Python with lupa
/// (scripts/score_baseline_lupa.py). Both print their own lines and the checksum to compare.
enum LuaBaseline {
    /// The package folder (this file is Sources/TallyBench/LuaBaseline.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Writes `items` as a Lua chunk, runs `lua5.4` (and, with `python`, the lupa script when
    /// that Python has lupa) on it with the rule folders `chain`, `runs` timed repetitions each.
    static func run(_ items: [ItemFacts], chain: [String], runs: Int, python: String? = nil, tag: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-items-\(tag)-\(items.count).lua")
        try LuaItemsFile.write(items, to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try spawn(["lua5.4", root.appendingPathComponent("Benchmarks/score_baseline.lua").path, file.path, String(runs)] + chain)
        if let python {
            try spawn([python, root.appendingPathComponent("scripts/score_baseline_lupa.py").path, file.path, String(runs)] + chain)
        }
    }

    private static func spawn(_ arguments: [String]) throws {
        FlushOutput.now()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { print("(\(arguments[0]) exited with status \(p.terminationStatus))") }
    }
}

/// Flushes standard output (before another process writes to the same terminal or file).
enum FlushOutput {
    static func now() { fflush(nil) }
}
