import Testing
@testable import LuaHost

/// Runaway scripts are stopped and the host (and the sandbox) survive.
@Suite struct BudgetTests {
    @Test func infiniteLoopStopsOnInstructionBudget() throws {
        let f = try failure(of: "function run() while true do end end", limits: tight)
        #expect(f.kind == .cpu)
        #expect(f.file == "rules/test/case.lua")
        #expect(f.line == 1)
    }

    @Test func loopInsidePcallCannotSwallowTheBudget() throws {
        let f = try failure(of: """
            function run()
              while true do
                pcall(function() while true do end end)
              end
            end
            """, limits: tight)
        #expect(f.kind == .cpu)
    }

    @Test func errorHandlerLoopIsStoppedToo() throws {
        // Lua runs an xpcall handler for a hook-raised error with hooks disabled; the sandbox's
        // xpcall runs the handler after unwinding, so the hook still fires inside it.
        let f = try failure(of: """
            function run()
              return xpcall(function() while true do end end, function() while true do end end)
            end
            """, limits: tight)
        #expect(f.kind == .cpu)
    }

    @Test func caughtBudgetErrorStillFailsTheEvaluation() throws {
        let f = try failure(of: """
            function run()
              local ok = pcall(function() while true do end end)
              return "survived"
            end
            """, limits: tight)
        #expect(f.kind == .cpu)
    }

    @Test func slowNativeCallsHitTheWallClock() throws {
        // table.insert at position 1 is one VM instruction but O(n) in C.
        var limits = LuaLimits(memoryBytes: 64 << 20, instructions: 1_000_000_000, wallMilliseconds: 100)
        limits.hookInterval = 100
        let f = try failure(of: """
            function run()
              local t = {}
              for i = 1, 200000 do t[i] = i end
              while true do table.insert(t, 1, 0) table.remove(t, 1) end
            end
            """, limits: limits)
        #expect(f.kind == .wall)
    }

    @Test func memoryBombStopsAtTheCeiling() throws {
        let f = try failure(of: """
            function run()
              local t = {}
              for i = 1, 1e9 do t[i] = i end
            end
            """, limits: LuaLimits(memoryBytes: 4 << 20, instructions: 1_000_000_000))
        #expect(f.kind == .memory)
    }

    @Test func stringDoublingStopsAtTheCeiling() throws {
        let f = try failure(of: """
            function run()
              local s = "x"
              while true do s = s .. s end
            end
            """, limits: LuaLimits(memoryBytes: 4 << 20, instructions: 1_000_000_000))
        #expect(f.kind == .memory)
    }

    @Test func caughtMemoryErrorStillFailsTheEvaluation() throws {
        let f = try failure(of: """
            function run()
              pcall(function() local t = {} for i = 1, 1e9 do t[i] = {} end end)
              return "survived"
            end
            """, limits: LuaLimits(memoryBytes: 4 << 20, instructions: 1_000_000_000))
        #expect(f.kind == .memory)
    }

    @Test func sandboxIsUsableAgainAfterATrip() throws {
        let (box, run) = try sandbox("""
            function run(n)
              if n == 0 then while true do end end
              return n * 2
            end
            """, limits: tight)
        #expect(throws: LuaFailure.self) { try box.call(run, [.integer(0)]) }
        #expect(try box.call(run, [.integer(21)]) == [.integer(42)])
        #expect(box.budgetTrips == 1)
    }

    @Test func instructionCountIsDeterministic() throws {
        // The same script trips at the same instruction count every time, in a fresh or a
        // reused state: the budget error has the same line and message.
        let source = """
            function run()
              local n = 0
              for i = 1, 1e9 do n = n + i end
            end
            """
        let a = try failure(of: source, limits: tight)
        let (box, run) = try sandbox(source, limits: tight)
        var messages: [String] = []
        for _ in 0..<3 {
            do { _ = try box.call(run, []) } catch { messages.append(error.description) }
        }
        #expect(Set(messages).count == 1)
        #expect(messages.first == a.description)
    }

    @Test func loadingHasItsOwnBudget() throws {
        let box = try LuaSandbox(limits: tight)
        try box.pushLayer("test")
        #expect {
            try box.load("while true do end", chunkName: "rules/test/top.lua")
        } throws: { ($0 as? LuaFailure)?.kind == .cpu }
    }
}
