package import CLua

/// A buffer of values on their way into or out of a Lua state (see `tly_tape` in CLua).
///
/// Building a tape is how Swift hands data to Lua without touching the Lua API: the C side
/// turns it into tables inside a protected call. Field names and other repeated strings can
/// be written as symbols (numbers into the state's symbol table) to save interning work.
package final class LuaTape {
    /// The C tape; a stable allocation, so passing it to C needs no exclusivity checks.
    package let raw: UnsafeMutablePointer<tly_tape>

    package init(maxValues: Int = 1 << 20, maxDepth: Int = 32) {
        raw = .allocate(capacity: 1)
        tly_tape_init(raw)
        raw.pointee.max_cells = maxValues
        raw.pointee.max_depth = Int32(maxDepth)
    }

    deinit {
        tly_tape_free(raw)
        raw.deallocate()
    }

    package var count: Int { raw.pointee.count }

    package func clear() { tly_tape_clear(raw) }

    // MARK: Writing

    @inlinable
    package func appendNil() { push(tag: TLY_NIL) }
    @inlinable
    package func append(_ b: Bool) { push(tag: b ? TLY_TRUE : TLY_FALSE) }

    @inlinable
    package func append(_ i: Int64) {
        var c = tly_cell()
        c.tag = UInt8(TLY_INT.rawValue)
        c.v.i = i
        pushCell(c)
    }

    package func append(_ i: Int) { append(Int64(i)) }

    package func append(_ d: Double) {
        var c = tly_cell()
        c.tag = UInt8(TLY_NUM.rawValue)
        c.v.n = d
        pushCell(c)
    }

    package func append(_ s: String) { Self.appendString(s, tag: TLY_STR, to: raw) }

    @inlinable
    package func append(symbol: Int32) {
        var c = tly_cell()
        c.tag = UInt8(TLY_SYM.rawValue)
        c.v.i = Int64(symbol)
        pushCell(c)
    }

    /// Opens a table; the counts are size hints that spare Lua rehashing as fields arrive.
    @inlinable
    package func beginTable(arrayCount: Int = 0, fieldCount: Int = 0) {
        var c = tly_cell()
        c.tag = UInt8(TLY_TABLE.rawValue)
        c.extra = Int32(clamping: arrayCount)
        c.reserved = UInt16(clamping: fieldCount)
        pushCell(c)
    }

    @inlinable
    package func endTable() { push(tag: TLY_END) }

    /// The shared read-only empty table: an empty list without an allocation per item.
    @inlinable
    package func appendEmpty() { push(tag: TLY_EMPTY) }

    /// Opens a record passed as a read-only view of the state's reusable input record
    /// (top level only). Write every field of the record each time, nil for absent ones:
    /// fields not written keep the previous record's values.
    @inlinable
    package func beginView() { push(tag: TLY_VIEW) }

    /// A read-only list holding the one symbol, cached by the state.
    @inlinable
    package func appendList(symbol: Int32) {
        var c = tly_cell()
        c.tag = UInt8(TLY_LIST1.rawValue)
        c.v.i = Int64(symbol)
        pushCell(c)
    }

    /// The next value is stored under string key `key` of the open table.
    package func key(_ key: String) { Self.appendString(key, tag: TLY_KEY, to: raw) }

    /// The next value is stored under the symbol `symbol` of the open table.
    @inlinable
    package func key(symbol: Int32) {
        var c = tly_cell()
        c.tag = UInt8(TLY_KEY.rawValue)
        c.flags = 1
        c.v.i = Int64(symbol)
        pushCell(c)
    }

    package func append(_ value: LuaValue) { Self.append(value, to: raw) }

    @usableFromInline
    func push(tag: tly_tag) {
        var c = tly_cell()
        c.tag = UInt8(tag.rawValue)
        pushCell(c)
    }

    @inlinable @inline(__always)
    func pushCell(_ c: tly_cell) {
        let t = raw
        if t.pointee.count < t.pointee.capacity {
            t.pointee.cells[t.pointee.count] = c
            t.pointee.count += 1
        } else if tly_tape_push(t, c) == 0 {
            fatalError("out of memory growing a value tape")
        }
    }

    // MARK: Reading

    /// Every top-level value of the tape, decoded.
    package func values() -> [LuaValue] { Self.decodeAll(raw) }

    /// The top-level values as raw cell ranges, for callers that decode cells themselves.
    package var cells: UnsafeBufferPointer<tly_cell> { UnsafeBufferPointer(start: raw.pointee.cells, count: raw.pointee.count) }

    /// The bytes of a string or key cell.
    package func string(_ c: tly_cell) -> String {
        Self.string(c, in: raw.pointee)
    }

    // MARK: Shared with the host-function dispatcher

    static func string(_ c: tly_cell, in t: tly_tape) -> String {
        let base = UnsafeRawPointer(t.arena!).advanced(by: Int(c.v.s.off))
        let bytes = UnsafeRawBufferPointer(start: base, count: Int(c.v.s.len))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendString(_ s: String, tag: tly_tag, to t: UnsafeMutablePointer<tly_tape>) {
        var s = s
        let offset = s.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { tly_tape_bytes(t, $0.baseAddress, $0.count) }
        }
        precondition(offset >= 0, "out of memory growing a value tape")
        var c = tly_cell()
        c.tag = UInt8(tag.rawValue)
        c.v.s.off = UInt32(offset)
        c.v.s.len = UInt32(s.utf8.count)
        if tly_tape_push(t, c) == 0 { fatalError("out of memory growing a value tape") }
    }

    static func append(_ value: LuaValue, to t: UnsafeMutablePointer<tly_tape>) {
        var c = tly_cell()
        switch value {
        case .nil: c.tag = UInt8(TLY_NIL.rawValue)
        case .bool(let b): c.tag = UInt8((b ? TLY_TRUE : TLY_FALSE).rawValue)
        case .integer(let i):
            c.tag = UInt8(TLY_INT.rawValue)
            c.v.i = i
        case .number(let d):
            c.tag = UInt8(TLY_NUM.rawValue)
            c.v.n = d
        case .string(let s):
            appendString(s, tag: TLY_STR, to: t)
            return
        case .array(let items):
            c.tag = UInt8(TLY_TABLE.rawValue)
            c.extra = Int32(clamping: items.count)
            _ = tly_tape_push(t, c)
            for item in items { append(item, to: t) }
            var end = tly_cell()
            end.tag = UInt8(TLY_END.rawValue)
            _ = tly_tape_push(t, end)
            return
        case .table(let fields):
            c.tag = UInt8(TLY_TABLE.rawValue)
            c.reserved = UInt16(clamping: fields.count)
            _ = tly_tape_push(t, c)
            for (k, v) in fields.sorted(by: { $0.key < $1.key }) {
                appendString(k, tag: TLY_KEY, to: t)
                append(v, to: t)
            }
            var end = tly_cell()
            end.tag = UInt8(TLY_END.rawValue)
            _ = tly_tape_push(t, end)
            return
        }
        if tly_tape_push(t, c) == 0 { fatalError("out of memory growing a value tape") }
    }

    static func decodeAll(_ t: UnsafePointer<tly_tape>) -> [LuaValue] {
        var reader = LuaTapeReader(cells: t.pointee)
        var values: [LuaValue] = []
        while let token = reader.next() { values.append(reader.value(after: token)) }
        return values
    }
}
