import Testing
@testable import LuaHost

/// Nothing outside the whitelist is reachable: no files, processes, clock, bytecode,
/// debug library, metatables or raw writes.
@Suite struct EscapeTests {
    @Test(arguments: [
        "os", "io", "require", "load", "loadfile", "dofile", "package", "debug", "collectgarbage",
        "setmetatable", "getmetatable", "rawset", "rawget", "rawlen", "next", "coroutine", "print", "_G", "loadstring", "module",
    ])
    func unsafeGlobalsAreUndefined(_ name: String) throws {
        let f = try failure(of: "function run() return \(name) end")
        #expect(f.kind == .runtime)
        #expect(f.message == "undefined global '\(name)'")
    }

    @Test(arguments: ["string.dump", "string.pack", "string.unpack", "math.random", "math.randomseed"])
    func unsafeLibraryFunctionsAreAbsent(_ name: String) throws {
        let (box, run) = try sandbox("function run() return \(name) == nil end")
        #expect(try box.call(run, []) == [.bool(true)])
    }

    @Test func binaryChunksAreRefused() throws {
        let box = try LuaSandbox()
        try box.pushLayer("test")
        let bytecode: [UInt8] = [0x1B, 0x4C, 0x75, 0x61, 0x54, 0x00, 0x19, 0x93, 0x0D, 0x0A, 0x1A, 0x0A]
        #expect {
            try box.load(bytecode, chunkName: "rules/test/evil.lua")
        } throws: {
            guard let f = $0 as? LuaFailure else { return false }
            return f.kind == .load && f.message.contains("binary chunk")
        }
    }

    @Test func libraryTablesAreReadOnly() throws {
        for code in ["string.upper = nil", "math.pi = 3", "table.insert = tostring", "string.evil = 1"] {
            let f = try failure(of: "function run() \(code) end")
            #expect(f.kind == .runtime, "\(code)")
            #expect(f.message.contains("read-only"), "\(code): \(f.message)")
        }
    }

    @Test func stringMetatableIsHidden() throws {
        let (box, run) = try sandbox("""
            function run()
              local ok = pcall(function() return getmetatable("") end)
              return ok, ("abc"):upper(), ("x"):rep(3)
            end
            """)
        #expect(try box.call(run, [], results: 3) == [.bool(false), .string("ABC"), .string("xxx")])
    }

    @Test func globalsAreFrozenAfterLoading() throws {
        let f = try failure(of: """
            counter = 0
            function run() counter = counter + 1 return counter end
            """)
        #expect(f.kind == .runtime)
        #expect(f.message.contains("cannot assign global 'counter'"))
        let g = try failure(of: "function run() run = nil end")
        #expect(g.message.contains("cannot assign global 'run'"))
        let h = try failure(of: "function run() _ENV.fresh = 1 end")
        #expect(h.message.contains("cannot assign global 'fresh'"))
    }

    @Test func toBeClosedVariablesCannotBeArmed() throws {
        // No script can make a metatable, so nothing can carry __close (the 5.4.4 crash bugs need it).
        let f = try failure(of: "function run() local x <close> = {} end")
        #expect(f.message.contains("non-closable"))
        let g = try failure(of: "function run() for _ in ipairs({1}), {}, 0, {} do end end")
        #expect(g.kind == .runtime)
    }

    @Test func sharedEmptyListIsReadOnly() throws {
        let box = try LuaSandbox()
        try box.pushLayer("test")
        try box.load("function run(t) t[1] = 1 end function len(t) return #t end", chunkName: "rules/test/case.lua")
        try box.freezeLayer()
        let run = try #require(try box.function(named: "run"))
        let len = try #require(try box.function(named: "len"))
        let items = LuaTape()
        items.appendEmpty()
        let out = LuaTape()
        #expect(throws: LuaFailure.self) { try box.callBatch(run, items: items, count: 1, shared: nil, into: out) }
        out.clear()
        try box.callBatch(len, items: items, count: 1, shared: nil, into: out)
        #expect(out.values() == [.integer(0)])
    }

    @Test func officesDoNotShareState() throws {
        // Each office has its own state: what one defines, the other cannot see.
        let (a, _) = try sandbox("secret = 42 function run() return secret end")
        let (b, runB) = try sandbox("function run() return secret end")
        _ = a
        #expect {
            try b.call(runB, [])
        } throws: { ($0 as? LuaFailure)?.message == "undefined global 'secret'" }
    }
}
