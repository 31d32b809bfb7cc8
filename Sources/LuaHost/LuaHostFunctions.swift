import CLua

/// An error a host function reports back to the script (raised there as a Lua error).
package struct LuaHostError: Error, Sendable {
    package var message: String
    /// Set when the call exceeded an output allowance (logging): the evaluation is stopped.
    package var exceedsOutputLimit: Bool

    package init(_ message: String, exceedsOutputLimit: Bool = false) {
        self.message = message
        self.exceedsOutputLimit = exceedsOutputLimit
    }
}

/// Swift functions offered to scripts as `library.name(...)`.
///
/// A body receives plain values (tables arrive as `.array`/`.table`) and returns one value
/// or throws `LuaHostError`; it never touches the Lua state, so no Lua error can unwind
/// through it. Bodies run on the thread evaluating the script.
package final class LuaHostFunctions {
    package typealias Body = ([LuaValue]) throws(LuaHostError) -> LuaValue

    struct Entry {
        let library: String
        let name: String
        let body: Body
    }

    private(set) var entries: [Entry] = []

    package init() {}

    package func add(_ library: String, _ name: String, _ body: @escaping Body) {
        entries.append(Entry(library: library, name: name, body: body))
    }
}

/// The C-callable dispatcher installed in every state with host functions.
let luaHostDispatch: tly_host_fn = { context, function, args, result in
    guard let context, let args, let result else { return 1 }
    let host = Unmanaged<LuaHostFunctions>.fromOpaque(context).takeUnretainedValue()
    let entry = host.entries[Int(function)]
    let values = LuaTape.decodeAll(args)
    do {
        let value = try entry.body(values)
        LuaTape.append(value, to: result)
        return 0
    } catch let error as LuaHostError {
        tly_tape_clear(result)
        LuaTape.appendString("\(entry.library).\(entry.name): \(error.message)", tag: TLY_STR, to: result)
        return error.exceedsOutputLimit ? 2 : 1
    } catch {
        tly_tape_clear(result)
        LuaTape.appendString("\(entry.library).\(entry.name): \(error)", tag: TLY_STR, to: result)
        return 1
    }
}
