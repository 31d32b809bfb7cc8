import Testing
@testable import LuaHost

/// Errors always arrive as readable text with a position; results are plain data only.
@Suite struct ErrorAndResultTests {
    @Test func runtimeErrorNamesFileAndLine() throws {
        let f = try failure(of: """
            function run()
              local item = {}
              return item.unit.name
            end
            """)
        #expect(f.kind == .runtime)
        #expect(f.file == "rules/test/case.lua")
        #expect(f.line == 3)
        #expect(f.message == "attempt to index a nil value (field 'unit')")
        #expect(f.description == "rules/test/case.lua:3: runtime: attempt to index a nil value (field 'unit')")
    }

    @Test func syntaxErrorIsALoadError() throws {
        let box = try LuaSandbox()
        try box.pushLayer("test")
        #expect {
            try box.load("function run(\n  return 1\nend", chunkName: "rules/test/broken.lua")
        } throws: {
            guard let f = $0 as? LuaFailure else { return false }
            return f.kind == .load && f.file == "rules/test/broken.lua" && f.line == 2
        }
    }

    @Test func tableErrorObjectsBecomeText() throws {
        #expect(try failure(of: "function run() error({}) end").message == "(error object is a table value)")
        #expect(try failure(of: #"function run() error({ message = "自定义错误" }) end"#).message == "自定义错误")
        #expect(try failure(of: "function run() error(nil) end").message == "(error object is a nil value)")
        #expect(try failure(of: "function run() error(42) end").message == "42")
    }

    @Test func errorWithoutPositionUsesTheTraceback() throws {
        let f = try failure(of: "function run()\n  error(\"plain\", 0)\nend")
        #expect(f.message == "plain")
        #expect(f.file == "rules/test/case.lua")
        #expect(f.line == 2)
    }

    @Test func functionsCannotBeReturned() throws {
        let f = try failure(of: "function run() return { f = function() end } end")
        #expect(f.message.contains("function cannot be passed to the host"))
    }

    @Test func cyclicResultsAreRefused() throws {
        let f = try failure(of: "function run() local t = {} t.self = t return t end")
        #expect(f.message.contains("nested too deeply"))
    }

    @Test func oversizedResultsAreRefused() throws {
        let limits = LuaLimits(instructions: 50_000_000, resultValues: 10_000)
        let f = try failure(of: "function run() local t = {} for i = 1, 20000 do t[i] = i end return t end", limits: limits)
        #expect(f.kind == .memory)
        #expect(f.message.contains("too large"))
    }

    @Test func nonStringKeysAreRefused() throws {
        let f = try failure(of: "function run() return { [true] = 1 } end")
        #expect(f.message.contains("string or integer keys"))
    }

    @Test func valuesRoundTrip() throws {
        let (box, run) = try sandbox("function run(x) return x end")
        let value: LuaValue = .table([
            "name": .string("市《每日要情》"), "n": .integer(-7), "x": .number(2.5), "ok": .bool(true),
            "list": .array([.integer(1), .string("二"), .table(["k": .bool(false)])]),
        ])
        #expect(try box.call(run, [value]) == [value])
    }
}
