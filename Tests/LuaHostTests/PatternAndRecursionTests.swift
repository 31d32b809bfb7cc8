import Foundation
import Testing
@testable import LuaHost

/// Natives the count hook cannot interrupt are budgeted or capped; deep recursion is an
/// ordinary error.
@Suite struct PatternAndRecursionTests {
    @Test func pathologicalPatternIsStoppedQuickly() throws {
        let start = Date()
        let f = try failure(of: #"function run() return string.find(string.rep("a", 600), ".-.-.-b") end"#)
        #expect(f.kind == .cpu)
        #expect(f.message.contains("pattern"))
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func patternBudgetIsSharedByAllCallsOfAnEvaluation() throws {
        // Each call alone stays under the step budget; a loop of them must not multiply it.
        let f = try failure(of: #"""
            function run()
              local s = string.rep("a", 60)
              for i = 1, 100 do pcall(string.find, s, ".-.-.-b") end
              return "survived"
            end
            """#)
        #expect(f.kind == .cpu)
        #expect(f.message.contains("pattern"))
    }

    @Test func patternsStillWork() throws {
        let (box, run) = try sandbox(#"""
            function run()
              local y, m = string.match("2026-05-09", "(%d+)-(%d+)")
              local n = select(2, string.gsub("a,b,,c", ",", ";"))
              local words = {}
              for w in string.gmatch("政务 信息 工作", "%S+") do words[#words + 1] = w end
              return y .. "/" .. m, n, #words, ("x=1"):find("=", 1, true)
            end
            """#)
        #expect(try box.call(run, [], results: 4) == [.string("2026/05"), .integer(3), .integer(3), .integer(2)])
    }

    @Test func hugeRepetitionIsRefused() throws {
        let f = try failure(of: #"function run() return string.rep("", 1e12) end"#)
        #expect(f.kind == .runtime)
        #expect(f.message.contains("too large"))
        let g = try failure(of: #"function run() return string.rep("ab", 1e8) end"#)
        #expect(g.message.contains("too large"))
    }

    @Test func hugeTableMoveIsRefused() throws {
        let f = try failure(of: "function run() return table.move({}, 1, 1 << 40, 1) end")
        #expect(f.message.contains("at most"))
    }

    @Test func deepLuaRecursionIsAnError() throws {
        // A wall-clock limit far beyond the time the recursion takes on a busy machine, so that
        // what stops it is the stack or the memory ceiling (the wall limit has its own tests).
        let f = try failure(of: "function run() local function f(n) return 1 + f(n + 1) end return f(1) end",
                            limits: LuaLimits(memoryBytes: 64 << 20, instructions: 100_000_000, wallMilliseconds: 30_000))
        #expect(f.kind == .runtime || f.kind == .memory, "\(f.kind): \(f.message)")
    }

    @Test func deepCRecursionIsAnError() throws {
        let (box, run) = try sandbox("""
            function run()
              local function f(s) return (string.gsub(s, ".", f)) end
              return pcall(f, "ab")
            end
            """)
        let r = try box.call(run, [], results: 2)
        #expect(r.first == .bool(false))
        // Each pcall level is a C frame: Lua stops at its C-stack limit (about 200 levels).
        let (box2, run2) = try sandbox("""
            function run()
              local depth = 0
              local function f() depth = depth + 1 pcall(f) end
              f()
              return depth
            end
            """)
        let depth = try #require(try box2.call(run2, []).first?.doubleValue)
        #expect(depth > 50 && depth < 300)
    }

    @Test func deeplyNestedSourceIsALoadError() throws {
        let box = try LuaSandbox()
        try box.pushLayer("test")
        let source = "x = " + String(repeating: "{", count: 10_000) + String(repeating: "}", count: 10_000)
        #expect {
            try box.load(source, chunkName: "rules/test/deep.lua")
        } throws: { ($0 as? LuaFailure)?.kind == .load }
    }
}
