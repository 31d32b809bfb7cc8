/// Budgets for one Lua state and each evaluation run in it.
///
/// The instruction budget is deterministic (the same rule and input always stop at the
/// same point) and is the one shown to rule authors; the wall-clock deadline is the
/// safety net for slow natives and a loaded machine. Memory is a ceiling on the whole
/// state (code, data and garbage).
package struct LuaLimits: Sendable, Equatable, Codable {
    /// Bytes the state may hold.
    package var memoryBytes: Int
    /// VM instructions per evaluation.
    package var instructions: Int64
    /// Wall-clock milliseconds per evaluation.
    package var wallMilliseconds: Int
    /// Matching steps per call of a string pattern function.
    package var patternSteps: Int64
    /// Values an evaluation may return (all nested values counted).
    package var resultValues: Int
    /// Nesting depth of returned tables.
    package var resultDepth: Int
    /// The count hook fires every this many instructions (also the wall-clock check period).
    package var hookInterval: Int32

    package init(
        memoryBytes: Int = 16 << 20,
        instructions: Int64 = 5_000_000,
        wallMilliseconds: Int = 250,
        patternSteps: Int64 = 1_000_000,
        resultValues: Int = 100_000,
        resultDepth: Int = 16,
        hookInterval: Int32 = 1000
    ) {
        self.memoryBytes = memoryBytes
        self.instructions = instructions
        self.wallMilliseconds = wallMilliseconds
        self.patternSteps = patternSteps
        self.resultValues = resultValues
        self.resultDepth = resultDepth
        self.hookInterval = hookInterval
    }

    /// Sane defaults for evaluating one rule call.
    package static let evaluation = LuaLimits()
    /// Loading a file (compile and run its top level) gets a larger one-off budget.
    package static let loading = LuaLimits(instructions: 10_000_000, wallMilliseconds: 1000)
}
