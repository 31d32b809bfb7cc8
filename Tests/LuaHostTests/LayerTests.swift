import Testing
@testable import LuaHost

/// Layers give office inheritance: a child sees its ancestors' globals, overrides some,
/// and can call the overridden version through `parent`.
@Suite struct LayerTests {
    @Test func childInheritsAndOverrides() throws {
        let box = try LuaSandbox()
        try box.pushLayer("city")
        try box.load("RATE = 2 function score(n) return n * RATE end function deadline() return 'city' end", chunkName: "rules/city/a.lua")
        try box.freezeLayer()
        try box.pushLayer("county-a")
        try box.load("function score(n) return parent.score(n) + 1 end", chunkName: "rules/county-a/a.lua")
        try box.freezeLayer()
        let score = try #require(try box.function(named: "score"))
        let deadline = try #require(try box.function(named: "deadline"))
        #expect(score.layer == 2)
        #expect(deadline.layer == 1)
        #expect(score.file == "rules/county-a/a.lua")
        #expect(try box.call(score, [.integer(10)]) == [.integer(21)])
        #expect(try box.call(deadline, []) == [.string("city")])
        #expect(try box.functionNames(inLayer: 2) == ["score"])
        #expect(try box.functionNames(inLayer: 1) == ["deadline", "score"])
    }

    @Test func nonFunctionGlobalIsReported() throws {
        let box = try LuaSandbox()
        try box.pushLayer("city")
        try box.load("score = 3", chunkName: "rules/city/a.lua")
        try box.freezeLayer()
        #expect(throws: LuaFailure.self) { try box.function(named: "score") }
        #expect(try box.function(named: "deadline") == nil)
    }

    @Test func hostFunctionsNeverUnwindThroughSwift() throws {
        let host = LuaHostFunctions()
        host.add("cal", "double") { (args) throws(LuaHostError) in
            guard case .integer(let n)? = args.first else { throw LuaHostError("bad argument #1 (integer expected)") }
            return .integer(n * 2)
        }
        let (box, run) = try sandbox("""
            function run(n)
              local ok, err = pcall(cal.double, "x")
              return cal.double(n), ok, err
            end
            """, host: host)
        let r = try box.call(run, [.integer(21)], results: 3)
        #expect(r[0] == .integer(42))
        #expect(r[1] == .bool(false))
        #expect(r[2].stringValue?.contains("cal.double: bad argument #1") == true)
        let f = try failure(of: "function run() cal.double = nil end")
        #expect(f.kind == .runtime)
    }
}
