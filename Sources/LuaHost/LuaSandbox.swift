import CLua

/// One sandboxed Lua state: whitelisted library, budgets, layered environments.
///
/// Files are loaded into layers (one per office, parent first); each layer sees the
/// globals of the layers below it and `parent` names the layer below. After loading, a
/// layer is frozen: its globals can no longer be assigned, so calls cannot leave state
/// behind in them.
///
/// Not `Sendable`: a sandbox is used by one thread at a time (a pool hands it out).
/// Every operation runs inside `lua_pcall` in C, so Lua errors never cross Swift frames.
///
/// ```swift
/// let box = try LuaSandbox()
/// try box.pushLayer("city")
/// try box.load("function score(item) return item.n * 2 end", chunkName: "rules/city/score.lua")
/// try box.freezeLayer()
/// let score = try box.function(named: "score")!
/// let result = try box.call(score, [.table(["n": .integer(21)])])   // [.integer(42)]
/// ```
package final class LuaSandbox {
    private let state: OpaquePointer
    private let host: LuaHostFunctions?
    private let arguments = LuaTape()
    private let results: LuaTape
    package private(set) var limits: LuaLimits
    package private(set) var symbolCount: Int32 = 0
    private var layers: [String] = []
    /// Number of layers pushed so far.
    package var layerCount: Int { layers.count }

    package init(limits: LuaLimits = .evaluation, host: LuaHostFunctions? = nil) throws(LuaFailure) {
        var budget = tly_budget()
        budget.headroom = 1 << 20
        Self.apply(limits, to: &budget)
        guard let state = tly_newstate(&budget) else {
            throw LuaFailure(kind: .memory, message: "cannot create a Lua state")
        }
        self.state = state
        self.host = host
        self.limits = limits
        self.results = LuaTape(maxValues: limits.resultValues, maxDepth: limits.resultDepth)
        if let host {
            tly_set_host(state, luaHostDispatch, Unmanaged.passUnretained(host).toOpaque())
        }
        try check(tly_open_sandbox(state))
        if let host {
            for (i, entry) in host.entries.enumerated() {
                try check(tly_register_host_function(state, entry.library, entry.name, Int32(i)))
            }
        }
    }

    deinit { tly_close(state) }

    /// Tunes the C allocator for sandboxes evaluating on several threads (call once, early).
    package static func tuneProcessAllocator() { tly_tune_process_allocator() }

    // MARK: Budgets and statistics

    /// Changes the budgets for the next operations (e.g. `.loading` while files load).
    package func setLimits(_ limits: LuaLimits) {
        self.limits = limits
        Self.apply(limits, to: tly_budget_of(state))
        results.raw.pointee.max_cells = limits.resultValues
        results.raw.pointee.max_depth = Int32(limits.resultDepth)
    }

    private static func apply(_ limits: LuaLimits, to b: UnsafeMutablePointer<tly_budget>) {
        b.pointee.limit = limits.memoryBytes
        b.pointee.instr_limit = limits.instructions
        b.pointee.wall_limit_ns = Int64(limits.wallMilliseconds) * 1_000_000
        b.pointee.pattern_step_limit = limits.patternSteps
        b.pointee.hook_interval = limits.hookInterval
    }

    /// Bytes currently held by the state.
    package var memoryUsed: Int { tly_budget_of(state).pointee.used }
    /// Highest number of bytes ever held.
    package var memoryPeak: Int { tly_budget_of(state).pointee.peak }
    /// Evaluations stopped by a budget since the state was made.
    package var budgetTrips: Int64 { tly_budget_of(state).pointee.trips }
    /// Evaluations begun since the state was made.
    package var evaluations: Int64 { tly_budget_of(state).pointee.evaluations }

    // MARK: Layers and loading

    /// Starts a new layer named `name` (an office) on top of the existing ones.
    package func pushLayer(_ name: String) throws(LuaFailure) {
        try check(tly_push_layer(state, name))
        layers.append(name)
    }

    /// Compiles `source` (text only) and runs its top level with the current layer as globals.
    /// `chunkName` is how errors name the file, e.g. `rules/city/score.lua`.
    package func load(_ source: [UInt8], chunkName: String) throws(LuaFailure) {
        let name = "@" + chunkName
        let status = source.isEmpty
            ? tly_load_chunk(state, "", 0, name)
            : source.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { tly_load_chunk(state, $0.baseAddress, $0.count, name) }
            }
        try check(status)
    }

    package func load(_ source: String, chunkName: String) throws(LuaFailure) {
        try load(Array(source.utf8), chunkName: chunkName)
    }

    /// Freezes the current layer: its globals become read-only.
    package func freezeLayer() throws(LuaFailure) {
        try check(tly_freeze_layer(state))
    }

    /// Looks `name` up through the frozen layers, innermost first. Returns nil when no
    /// layer defines it; throws when a layer defines it as something other than a function.
    package func function(named name: String) throws(LuaFailure) -> LuaFunction? {
        var ref: Int32 = 0
        var layer: Int32 = 0
        let definition = LuaTape()
        try check(tly_find_function(state, name, &ref, &layer, definition.raw))
        if ref == 0 { return nil }
        if ref < 0 {
            throw LuaFailure(kind: .load, message: "'\(name)' is defined in layer '\(layers[Int(layer) - 1])' but is not a function")
        }
        var file: String?
        var line: Int?
        if let text = definition.values().first?.stringValue, let colon = text.lastIndex(of: ":") {
            file = String(text[..<colon])
            line = Int(text[text.index(after: colon)...])
        }
        return LuaFunction(name: name, ref: ref, layer: Int(layer), file: file, line: line)
    }

    /// Names of the functions a layer defines itself (not inherited), sorted.
    package func functionNames(inLayer layer: Int) throws(LuaFailure) -> [String] {
        let out = LuaTape()
        try check(tly_list_functions(state, Int32(layer), out.raw))
        return out.values().compactMap(\.stringValue).sorted()
    }

    /// Adds strings to the state's symbol table; returns the symbol number of the first.
    @discardableResult
    package func intern(_ strings: [String]) throws(LuaFailure) -> Int32 {
        let tape = LuaTape()
        for s in strings { tape.append(s) }
        try check(tly_add_symbols(state, tape.raw))
        let first = symbolCount + 1
        symbolCount += Int32(strings.count)
        return first
    }

    // MARK: Calls

    /// Calls `function` with `args` under the evaluation budget; returns `results` values.
    package func call(_ function: LuaFunction, _ args: [LuaValue], results count: Int = 1) throws(LuaFailure) -> [LuaValue] {
        arguments.clear()
        for a in args { arguments.append(a) }
        results.clear()
        try check(tly_call(state, function.ref, arguments.raw, Int32(count), results.raw))
        return results.values()
    }

    /// Calls `function(item, shared)` for each of the `count` values on `items`, restarting
    /// the per-evaluation budgets for every item; appends each first result to `output`.
    /// On failure, `LuaFailure.item` names the 1-based item that failed.
    package func callBatch(_ function: LuaFunction, items: LuaTape, count: Int, shared: LuaTape?, into output: LuaTape) throws(LuaFailure) {
        output.raw.pointee.max_cells = limits.resultValues * max(count, 1)
        output.raw.pointee.max_depth = Int32(limits.resultDepth)
        let status: tly_status
        if let shared {
            status = tly_call_batch(state, function.ref, items.raw, Int64(count), shared.raw, output.raw)
        } else {
            status = tly_call_batch(state, function.ref, items.raw, Int64(count), nil, output.raw)
        }
        try check(status)
    }

    // MARK: Errors

    private func check(_ status: tly_status) throws(LuaFailure) {
        guard status.code != LUA_OK else { return }
        let text: String
        if let message = status.message {
            text = String(decoding: UnsafeRawBufferPointer(start: message, count: status.message_len), as: UTF8.self)
        } else {
            text = "unknown error"
        }
        throw LuaFailure.parse(text, status: status, limits: limits)
    }
}
