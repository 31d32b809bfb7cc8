/// A Lua value that crossed into Swift: plain data only (no functions, no metatables).
///
/// Tables become `.array` when their keys are exactly `1...n`, and `.table` otherwise
/// (integer keys outside a sequence are written as decimal strings). An empty table
/// decodes as `.table([:])`.
package enum LuaValue: Sendable, Hashable {
    case `nil`
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([LuaValue])
    case table([String: LuaValue])

    /// The Lua type name, as `type(v)` would print it.
    package var typeName: String {
        switch self {
        case .nil: "nil"
        case .bool: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array, .table: "table"
        }
    }

    package subscript(key: String) -> LuaValue {
        if case .table(let fields) = self { return fields[key] ?? .nil }
        return .nil
    }

    package var isNil: Bool {
        if case .nil = self { return true }
        return false
    }

    /// Numbers as `Double`, whether Lua held them as integers or floats.
    package var doubleValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }

    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Elements of an array; an empty table counts as an empty array.
    package var arrayValue: [LuaValue]? {
        switch self {
        case .array(let a): a
        case .table(let t) where t.isEmpty: []
        default: nil
        }
    }
}
