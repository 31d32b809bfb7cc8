import NIOCore
import WorkingDays

/// A column of many rows sent as one value: a one-dimensional array in PostgreSQL's binary
/// form, as `array_agg` gives it (a header, then each element as a big-endian 32-bit length,
/// -1 for NULL, and that many bytes).
///
/// Reading a column this way costs no protocol message, row or cell per value, which is
/// most of what reading the same values row by row through PostgresNIO costs.
struct ArrayColumn {
    /// The number of elements.
    let count: Int
    private let elements: ByteBuffer

    /// `cell` as a one-dimensional array; NULL (what `array_agg` gives for no rows) reads as
    /// an empty one.
    init(_ cell: ByteBuffer?) throws {
        guard var b = cell else {
            count = 0
            elements = ByteBuffer()
            return
        }
        guard let dimensions = b.readInteger(as: Int32.self), b.readInteger(as: Int32.self) != nil,
              b.readInteger(as: UInt32.self) != nil
        else { throw DecodeFailure(message: "array header too short") }
        switch dimensions {
        case 0:
            count = 0
        case 1:
            guard let n = b.readInteger(as: Int32.self), n >= 0, b.readInteger(as: Int32.self) != nil else {
                throw DecodeFailure(message: "bad array dimension")
            }
            count = Int(n)
        default:
            throw DecodeFailure(message: "array of \(dimensions) dimensions")
        }
        elements = b
    }

    /// Calls `body` with each element's bytes in order, nil for NULL.
    func forEach(_ body: (UnsafeRawBufferPointer?) throws -> Void) throws {
        try elements.withUnsafeReadableBytes { raw in
            var at = 0
            for _ in 0..<count {
                guard at + 4 <= raw.count else { throw DecodeFailure(message: "array shorter than its length") }
                let n = Int(Int32(bigEndian: raw.loadUnaligned(fromByteOffset: at, as: Int32.self)))
                at += 4
                guard n >= 0 else {
                    try body(nil)
                    continue
                }
                guard at + n <= raw.count else { throw DecodeFailure(message: "array element past its end") }
                try body(UnsafeRawBufferPointer(rebasing: raw[at..<at + n]))
                at += n
            }
        }
    }

    /// The elements of an `int8`, `int4` or `int2` array without NULLs.
    func integers() throws -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(count)
        try forEach { out.append(try Self.integer($0)) }
        return out
    }

    /// The elements of a `date` array without NULLs.
    func days() throws -> [Day] {
        var out: [Day] = []
        out.reserveCapacity(count)
        try forEach { out.append(try Self.day($0)) }
        return out
    }

    /// The elements of a `timestamptz` array without NULLs.
    func instants() throws -> [Instant] {
        var out: [Instant] = []
        out.reserveCapacity(count)
        try forEach { bytes in
            guard let bytes, bytes.count == 8 else { throw DecodeFailure(message: "bad timestamptz") }
            out.append(PGTime.instant(micros: Int64(bigEndian: bytes.loadUnaligned(as: Int64.self))))
        }
        return out
    }

    /// The elements of a `timestamptz` array as Unix seconds, `null` for NULL.
    func seconds(null: Int64) throws -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(count)
        try forEach { bytes in
            guard let bytes else { return out.append(null) }
            guard bytes.count == 8 else { throw DecodeFailure(message: "bad timestamptz") }
            out.append(PGTime.instant(micros: Int64(bigEndian: bytes.loadUnaligned(as: Int64.self))).seconds)
        }
        return out
    }

    /// The elements of a `boolean` array without NULLs.
    func bools() throws -> [Bool] {
        var out: [Bool] = []
        out.reserveCapacity(count)
        try forEach { bytes in
            guard let bytes, bytes.count == 1 else { throw DecodeFailure(message: "bad boolean") }
            out.append(bytes[0] != 0)
        }
        return out
    }

    /// The elements of a `text` array, each distinct one once.
    func texts() throws -> TextColumn {
        var out = TextColumn()
        var index: [String: Int32] = [:]
        out.refs.reserveCapacity(count)
        try forEach { bytes in
            guard let bytes else { return out.refs.append(-1) }
            let s = String(decoding: bytes, as: UTF8.self)
            if let r = index[s] { return out.refs.append(r) }
            let r = Int32(out.values.count)
            out.values.append(s)
            index[s] = r
            out.refs.append(r)
        }
        return out
    }

    /// The elements of a `text` array, nil for NULL.
    func optionalStrings() throws -> [String?] {
        var out: [String?] = []
        out.reserveCapacity(count)
        try forEach { bytes in out.append(bytes.map { String(decoding: $0, as: UTF8.self) }) }
        return out
    }

    /// The elements of a `timestamptz` array, nil for NULL.
    func optionalInstants() throws -> [Instant?] {
        var out: [Instant?] = []
        out.reserveCapacity(count)
        try forEach { bytes in
            guard let bytes else { return out.append(nil) }
            guard bytes.count == 8 else { throw DecodeFailure(message: "bad timestamptz") }
            out.append(PGTime.instant(micros: Int64(bigEndian: bytes.loadUnaligned(as: Int64.self))))
        }
        return out
    }

    /// The elements of a `text` array without NULLs.
    func strings() throws -> [String] {
        var out: [String] = []
        out.reserveCapacity(count)
        try forEach { bytes in
            guard let bytes else { throw DecodeFailure(message: "unexpected NULL text") }
            out.append(String(decoding: bytes, as: UTF8.self))
        }
        return out
    }

    /// The elements of a `text` array of `Value`'s raw values; text that names no case reads
    /// as `fallback`.
    func values<Value: RawRepresentable & CaseIterable>(or fallback: Value) throws -> [Value] where Value.RawValue == String {
        let cases = Value.allCases.map { (utf8: Array($0.rawValue.utf8), value: $0) }
        var out: [Value] = []
        out.reserveCapacity(count)
        try forEach { bytes in
            guard let bytes else { throw DecodeFailure(message: "unexpected NULL text") }
            out.append(cases.first { $0.utf8.elementsEqual(bytes) }?.value ?? fallback)
        }
        return out
    }

    private static func integer(_ bytes: UnsafeRawBufferPointer?) throws -> Int64 {
        switch bytes?.count {
        case 8: Int64(bigEndian: bytes!.loadUnaligned(as: Int64.self))
        case 4: Int64(Int32(bigEndian: bytes!.loadUnaligned(as: Int32.self)))
        case 2: Int64(Int16(bigEndian: bytes!.loadUnaligned(as: Int16.self)))
        case nil: throw DecodeFailure(message: "unexpected NULL integer")
        case let n?: throw DecodeFailure(message: "integer of \(n) bytes")
        }
    }

    private static func day(_ bytes: UnsafeRawBufferPointer?) throws -> Day {
        guard let bytes, bytes.count == 4 else { throw DecodeFailure(message: "bad date") }
        return PGTime.day(Int32(bigEndian: bytes.loadUnaligned(as: Int32.self)))
    }
}

/// A text column with each distinct value once: row `k` holds `values[refs[k]]`, or NULL
/// where `refs[k]` is -1.
struct TextColumn {
    var values: [String] = []
    var refs: [Int32] = []
}
