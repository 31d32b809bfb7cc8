import Foundation
import NIOCore
import PostgresNIO
import WorkingDays

/// PostgreSQL's binary forms of Tally's values: `timestamptz` is microseconds since
/// 2000-01-01 UTC and `date` days since 2000-01-01, so whole seconds and days convert
/// exactly, with integer arithmetic only.
enum PGTime {
    /// Seconds from 1970-01-01 to 2000-01-01.
    static let epochOffsetSeconds: Int64 = 946_684_800
    /// Days from 1970-01-01 to 2000-01-01.
    static let epochOffsetDays: Int = 10_957

    static func micros(_ i: Instant) -> Int64 { (i.seconds - epochOffsetSeconds) * 1_000_000 }

    static func instant(micros: Int64) -> Instant {
        // Floor division: an instant before 2000 has negative microseconds.
        let (q, r) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        return Instant(seconds: (r < 0 ? q - 1 : q) + epochOffsetSeconds)
    }

    static func days(_ d: Day) -> Int32 { Int32(truncatingIfNeeded: d.ordinal - epochOffsetDays) }
    static func day(_ days: Int32) -> Day { Day(ordinal: Int(days) + epochOffsetDays) }
}

/// A one-dimensional array parameter built value by value, NULLs allowed (which
/// PostgresNIO's own array encoding does not do): the columns `unnest` turns into rows.
struct ArrayParam: PostgresDynamicTypeEncodable {
    enum Element {
        case text, int8, int4, bool, timestamptz, date

        var oid: PostgresDataType {
            switch self {
            case .text: .text
            case .int8: .int8
            case .int4: .int4
            case .bool: .bool
            case .timestamptz: .timestamptz
            case .date: .date
            }
        }

        var arrayOID: PostgresDataType {
            switch self {
            case .text: .textArray
            case .int8: .int8Array
            case .int4: .int4Array
            case .bool: .boolArray
            case .timestamptz: .timestamptzArray
            case .date: .dateArray
            }
        }

        /// The SQL type to cast the parameter to.
        var sqlArray: String {
            switch self {
            case .text: "text[]"
            case .int8: "bigint[]"
            case .int4: "integer[]"
            case .bool: "boolean[]"
            case .timestamptz: "timestamptz[]"
            case .date: "date[]"
            }
        }
    }

    let element: Element
    private(set) var count: Int32 = 0
    private var hasNull = false
    private var body: ByteBuffer

    init(_ element: Element, capacity: Int = 0) {
        self.element = element
        body = ByteBufferAllocator().buffer(capacity: capacity * 12)
    }

    var psqlType: PostgresDataType { element.arrayOID }
    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(count == 0 ? 0 : 1, as: Int32.self)  // dimensions
        buffer.writeInteger(hasNull ? 1 : 0, as: Int32.self)     // has NULLs
        buffer.writeInteger(element.oid.rawValue)                 // element type
        guard count > 0 else { return }
        buffer.writeInteger(count)                                // length
        buffer.writeInteger(1, as: Int32.self)                    // lower bound
        buffer.writeImmutableBuffer(body)
    }

    mutating func appendNull() {
        body.writeInteger(-1, as: Int32.self)
        hasNull = true
        count += 1
    }

    mutating func append(_ s: String) {
        assert(element == .text)
        var s = s
        s.withUTF8 { bytes in
            body.writeInteger(Int32(bytes.count))
            body.writeBytes(bytes)
        }
        count += 1
    }

    mutating func append(_ s: String?) {
        if let s { append(s) } else { appendNull() }
    }

    mutating func append(_ v: Int64) {
        switch element {
        case .int8:
            body.writeInteger(8, as: Int32.self)
            body.writeInteger(v)
        case .int4:
            body.writeInteger(4, as: Int32.self)
            body.writeInteger(Int32(truncatingIfNeeded: v))
        default:
            preconditionFailure("integer into a \(element) array")
        }
        count += 1
    }

    mutating func append(_ v: Int) { append(Int64(v)) }

    mutating func append(_ v: Int64?) {
        if let v { append(v) } else { appendNull() }
    }

    mutating func append(_ v: Bool) {
        assert(element == .bool)
        body.writeInteger(1, as: Int32.self)
        body.writeInteger(v ? 1 : 0, as: UInt8.self)
        count += 1
    }

    mutating func append(_ i: Instant) {
        assert(element == .timestamptz)
        body.writeInteger(8, as: Int32.self)
        body.writeInteger(PGTime.micros(i))
        count += 1
    }

    mutating func append(_ i: Instant?) {
        if let i { append(i) } else { appendNull() }
    }

    mutating func append(_ d: Day) {
        assert(element == .date)
        body.writeInteger(4, as: Int32.self)
        body.writeInteger(PGTime.days(d))
        count += 1
    }

    mutating func append(_ d: Day?) {
        if let d { append(d) } else { appendNull() }
    }
}

/// A `timestamptz` parameter.
struct InstantParam: PostgresNonThrowingEncodable {
    var instant: Instant
    init(_ i: Instant) { instant = i }
    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }
    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(PGTime.micros(instant))
    }
}

/// A `date` parameter.
struct DayParam: PostgresNonThrowingEncodable {
    var day: Day
    init(_ d: Day) { day = d }
    static var psqlType: PostgresDataType { .date }
    static var psqlFormat: PostgresFormat { .binary }
    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(PGTime.days(day))
    }
}

/// Reads a row's columns left to right from their binary form (PostgresNIO asks for binary
/// results), without PostgresNIO's generic decoding.
struct Cells {
    private var iterator: PostgresRow.Iterator

    init(_ row: PostgresRow) { iterator = row.makeIterator() }

    private mutating func bytes() throws -> ByteBuffer? {
        guard let cell = iterator.next() else { throw DecodeFailure(message: "too few columns") }
        return cell.bytes
    }

    /// A one-dimensional array column (`ARRAY(SELECT …)`, `array_agg`).
    mutating func array() throws -> ArrayColumn { try ArrayColumn(try bytes()) }

    mutating func data() throws -> Data {
        guard let b = try bytes() else { throw DecodeFailure(message: "unexpected NULL bytea") }
        return Data(b.readableBytesView)
    }

    mutating func optionalText() throws -> String? {
        guard var b = try bytes() else { return nil }
        return b.readString(length: b.readableBytes)
    }

    mutating func text() throws -> String {
        guard let s = try optionalText() else { throw DecodeFailure(message: "unexpected NULL text") }
        return s
    }

    mutating func optionalInt() throws -> Int64? {
        guard var b = try bytes() else { return nil }
        switch b.readableBytes {
        case 8: return b.readInteger(as: Int64.self)
        case 4: return b.readInteger(as: Int32.self).map(Int64.init)
        case 2: return b.readInteger(as: Int16.self).map(Int64.init)
        default: throw DecodeFailure(message: "integer of \(b.readableBytes) bytes")
        }
    }

    mutating func int() throws -> Int64 {
        guard let v = try optionalInt() else { throw DecodeFailure(message: "unexpected NULL integer") }
        return v
    }

    mutating func bool() throws -> Bool {
        guard var b = try bytes(), let v = b.readInteger(as: UInt8.self) else { throw DecodeFailure(message: "unexpected NULL boolean") }
        return v != 0
    }

    mutating func optionalInstant() throws -> Instant? {
        guard var b = try bytes() else { return nil }
        guard b.readableBytes == 8, let micros = b.readInteger(as: Int64.self) else { throw DecodeFailure(message: "bad timestamptz") }
        return PGTime.instant(micros: micros)
    }

    mutating func instant() throws -> Instant {
        guard let v = try optionalInstant() else { throw DecodeFailure(message: "unexpected NULL timestamptz") }
        return v
    }

    mutating func optionalDay() throws -> Day? {
        guard var b = try bytes() else { return nil }
        guard b.readableBytes == 4, let days = b.readInteger(as: Int32.self) else { throw DecodeFailure(message: "bad date") }
        return PGTime.day(days)
    }

    mutating func day() throws -> Day {
        guard let v = try optionalDay() else { throw DecodeFailure(message: "unexpected NULL date") }
        return v
    }
}

struct DecodeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { "PostgreSQL result: \(message)" }
}

/// PostgresNIO hides server messages from `description` (so that they do not leak to end
/// users by accident); Tally's users are the database's operators, so show them.
func describe(_ error: any Error) -> String {
    guard let e = error as? PSQLError else { return "\(error)" }
    if let info = e.serverInfo, let message = info[.message] {
        var s = message
        if let detail = info[.detail] { s += " (\(detail))" }
        return s
    }
    if let underlying = e.underlying { return "\(e.code): \(underlying)" }
    return "\(e.code)"
}

/// The SQLSTATE of a server error, if `error` is one.
func sqlState(_ error: any Error) -> String? {
    (error as? PSQLError)?.serverInfo?[.sqlState]
}
