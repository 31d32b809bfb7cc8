import Testing
@testable import LuaHost

/// The same input gives the same output in every state: no addresses, no hash order.
@Suite struct DeterminismTests {
    @Test func pairsIteratesInSortedKeyOrder() throws {
        let source = """
            function run()
              local t = {}
              for i = 1, 200 do t["k" .. i] = i end
              t[3] = "three"; t[1] = "one"; t[true] = "yes"
              local keys = {}
              for k in pairs(t) do keys[#keys + 1] = tostring(k) end
              return table.concat(keys, ",")
            end
            """
        var outputs: Set<LuaValue> = []
        for _ in 0..<5 {
            let (box, run) = try sandbox(source)
            outputs.formUnion(try box.call(run, []))
        }
        #expect(outputs.count == 1)
        let text = try #require(outputs.first?.stringValue)
        #expect(text.hasPrefix("1,3,k1,k10,k100,k101"))
        #expect(text.hasSuffix("k99,true"))
    }

    @Test func pairsRefusesKeysThatCannotBeOrdered() throws {
        let f = try failure(of: "function run() for k in pairs({ [{}] = 1 }) do end end")
        #expect(f.message.contains("cannot be ordered"))
    }

    @Test func tostringShowsNoAddresses() throws {
        let (box, run) = try sandbox(#"function run() return tostring({}) .. " " .. tostring(run) .. " " .. string.format("%s", {}) end"#)
        #expect(try box.call(run, []) == [.string("table function table")])
        let f = try failure(of: #"function run() return string.format("%p", {}) end"#)
        #expect(f.message.contains("%p"))
    }

    @Test func noClockAndNoRandomness() throws {
        #expect(try failure(of: "function run() return os.time() end").message == "undefined global 'os'")
        #expect(try failure(of: "function run() return math.random() end").message.contains("random"))
    }
}
