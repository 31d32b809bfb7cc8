import CLua
import Glibc

/// Reads a tape written by CLua's encoder token by token, for decoders that turn results
/// straight into Swift types without building `LuaValue`s.
package struct LuaTapeReader {
    package enum Token: Equatable {
        case `nil`
        case bool(Bool)
        case integer(Int64)
        case number(Double)
        case string(String)
        /// A table starts; its entries follow until `.tableEnd`.
        case tableStart
        case tableEnd
        /// The next value belongs to this key (integer keys outside a sequence are decimal strings).
        case key(String)
    }

    /// The kind of a cell, for decoders that read payloads only when they need them.
    package enum Kind: Equatable {
        case `nil`, bool, integer, number, string, tableStart, tableEnd, key, other
    }

    private let tape: tly_tape
    package private(set) var position = 0
    private var current = tly_cell()

    /// Reads `tape`, which must outlive the reader.
    package init(_ tape: LuaTape) { self.tape = tape.raw.pointee }

    init(cells tape: tly_tape) { self.tape = tape }

    /// Advances to the next cell and returns its kind (`nil` at the end of the tape).
    package mutating func nextKind() -> Kind? {
        guard position < tape.count else { return nil }
        current = tape.cells[position]
        position += 1
        switch tly_tag(UInt32(current.tag)) {
        case TLY_NIL: return .nil
        case TLY_FALSE, TLY_TRUE: return .bool
        case TLY_INT: return .integer
        case TLY_NUM: return .number
        case TLY_STR: return .string
        case TLY_TABLE: return .tableStart
        case TLY_END: return .tableEnd
        case TLY_KEY: return current.flags & 2 != 0 ? .other : .key
        default: return .other
        }
    }

    /// Payloads of the cell `nextKind` just read.
    package var integer: Int64 { current.v.i }
    package var number: Double { current.tag == UInt8(TLY_INT.rawValue) ? Double(current.v.i) : current.v.n }
    package var bool: Bool { current.tag == UInt8(TLY_TRUE.rawValue) }
    package var string: String { LuaTape.string(current, in: tape) }

    /// Whether the current string or key cell holds exactly these bytes (no allocation).
    package func stringEquals(_ s: StaticString) -> Bool {
        guard Int(current.v.s.len) == s.utf8CodeUnitCount, let arena = tape.arena else { return false }
        return memcmp(arena + Int(current.v.s.off), s.utf8Start, s.utf8CodeUnitCount) == 0
    }

    /// The current cell as a token (for error messages and generic decoding).
    package var token: Token {
        switch tly_tag(UInt32(current.tag)) {
        case TLY_NIL: .nil
        case TLY_FALSE: .bool(false)
        case TLY_TRUE: .bool(true)
        case TLY_INT: .integer(current.v.i)
        case TLY_NUM: .number(current.v.n)
        case TLY_STR: .string(LuaTape.string(current, in: tape))
        case TLY_TABLE: .tableStart
        case TLY_END: .tableEnd
        case TLY_KEY: .key(current.flags & 2 != 0 ? String(current.v.i) : LuaTape.string(current, in: tape))
        default: .nil
        }
    }

    package var isAtEnd: Bool { position >= tape.count }

    package mutating func next() -> Token? {
        guard position < tape.count else { return nil }
        let c = tape.cells[position]
        position += 1
        switch tly_tag(UInt32(c.tag)) {
        case TLY_NIL: return .nil
        case TLY_FALSE: return .bool(false)
        case TLY_TRUE: return .bool(true)
        case TLY_INT: return .integer(c.v.i)
        case TLY_NUM: return .number(c.v.n)
        case TLY_STR: return .string(LuaTape.string(c, in: tape))
        case TLY_TABLE: return .tableStart
        case TLY_END: return .tableEnd
        case TLY_KEY: return .key(c.flags & 2 != 0 ? String(c.v.i) : LuaTape.string(c, in: tape))
        default: return .nil
        }
    }

    /// Skips the rest of a value whose first token was just read.
    package mutating func skip(after token: Token) {
        guard token == .tableStart else { return }
        var depth = 1
        while depth > 0, let t = next() {
            if t == .tableStart { depth += 1 } else if t == .tableEnd { depth -= 1 }
        }
    }

    /// Decodes the value whose first token was just read.
    package mutating func value(after token: Token) -> LuaValue {
        switch token {
        case .nil, .tableEnd, .key: return .nil
        case .bool(let b): return .bool(b)
        case .integer(let i): return .integer(i)
        case .number(let d): return .number(d)
        case .string(let s): return .string(s)
        case .tableStart:
            var array: [LuaValue] = []
            var fields: [String: LuaValue] = [:]
            while let t = next(), t != .tableEnd {
                if case .key(let k) = t {
                    let first = next() ?? .nil
                    fields[k] = value(after: first)
                } else {
                    array.append(value(after: t))
                }
            }
            if fields.isEmpty && !array.isEmpty { return .array(array) }
            for (i, v) in array.enumerated() { fields[String(i + 1)] = v }
            return .table(fields)
        }
    }
}
