@testable import LuaHost

/// A sandbox with one layer holding `source`, frozen, ready to call `run`.
func sandbox(_ source: String, limits: LuaLimits = .evaluation, host: LuaHostFunctions? = nil) throws -> (LuaSandbox, LuaFunction) {
    let box = try LuaSandbox(limits: limits, host: host)
    try box.pushLayer("test")
    try box.load(source, chunkName: "rules/test/case.lua")
    try box.freezeLayer()
    let run = try box.function(named: "run")
    guard let run else { throw LuaFailure(kind: .load, message: "no run()") }
    return (box, run)
}

/// Calls `run()` and returns the failure it must produce.
func failure(of source: String, limits: LuaLimits = .evaluation) throws -> LuaFailure {
    let (box, run) = try sandbox(source, limits: limits)
    let value: [LuaValue]
    do {
        value = try box.call(run, [])
    } catch {
        return error
    }
    throw LuaFailure(kind: .runtime, message: "expected a failure, got \(value)")
}

/// Small budgets so that runaway tests finish fast.
let tight = LuaLimits(memoryBytes: 4 << 20, instructions: 2_000_000, wallMilliseconds: 2000)
