package import Foundation
package import LuaHost

/// A JSON value, for rule test cases and `tally rules eval` input and output.
package enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    package init(parsing data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Encodes an `Encodable` value the way Tally prints JSON, then reads it back.
    package init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self = try JSONValue(parsing: encoder.encode(value))
    }

    /// Compact text with sorted keys.
    package var text: String { render(pretty: false) }

    /// Pretty-printed with sorted keys.
    package var prettyText: String { render(pretty: true) }

    private func render(pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Structural equality with numbers compared to 1e-9 (so 3 matches 3.0).
    package func matches(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)): return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.matches($1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { k, v in b[k].map(v.matches) ?? false }
        default: return self == other
        }
    }

    /// The same value as Lua sees it.
    package var luaValue: LuaValue {
        switch self {
        case .null: .nil
        case .bool(let b): .bool(b)
        case .number(let n): n == n.rounded() && abs(n) < 9e15 ? .integer(Int64(n)) : .number(n)
        case .string(let s): .string(s)
        case .array(let a): .array(a.map(\.luaValue))
        case .object(let o): .table(o.mapValues(\.luaValue))
        }
    }

    package init(lua: LuaValue) {
        switch lua {
        case .nil: self = .null
        case .bool(let b): self = .bool(b)
        case .integer(let i): self = .number(Double(i))
        case .number(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(JSONValue.init(lua:)))
        case .table(let t): self = .object(t.mapValues(JSONValue.init(lua:)))
        }
    }
}

extension JSONValue: Codable {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n):
            if n == n.rounded() && abs(n) < 9e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}
