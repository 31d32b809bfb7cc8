/// A JSON value as one interchange line holds it: objects keep their fields in order as
/// pairs (records have a dozen fields; a linear look-up beats hashing every key).
///
/// Foundation's `JSONSerialization` builds bridged dictionaries and needs a dynamic cast for
/// every field, which made parsing two thirds of an import; this reader goes straight from
/// the line's bytes to these values (RFC 8259, with the checks the import needs).
enum JSONLine: Equatable {
    case null
    case bool(Bool)
    /// The number's value, and whether it was written without fraction or exponent.
    case number(Double, integer: Bool)
    case string(String)
    case array([JSONLine])
    case object([(key: String, value: JSONLine)])

    static func == (a: JSONLine, b: JSONLine) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x, let i), .number(let y, let j)): x == y && i == j
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    struct SyntaxError: Error {
        var offset: Int
        var reason: String
    }

    /// Parses one JSON document (surrounding whitespace allowed), nesting at most `maxDepth`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = 32) throws(SyntaxError) -> JSONLine {
        var p = Parser(bytes: bytes, maxDepth: maxDepth)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == bytes.count else { throw SyntaxError(offset: p.i, reason: "多余的内容") }
        return v
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        func fail(_ reason: String) -> SyntaxError { SyntaxError(offset: i, reason: reason) }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> JSONLine {
            guard i < bytes.count else { throw fail("意外结束") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                guard depth < maxDepth else { throw fail("嵌套过深") }
                i += 1
                var fields: [(key: String, value: JSONLine)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    return .object(fields)
                }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("应为字段名") }
                    let key = try string()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("应为冒号") }
                    i += 1
                    skipSpace()
                    let v = try value(depth: depth + 1)
                    if fields.contains(where: { $0.key == key }) { throw fail("字段 \(key) 重复") }
                    fields.append((key, v))
                    skipSpace()
                    guard i < bytes.count else { throw fail("意外结束") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
                    throw fail("应为逗号或右花括号")
                }
            case UInt8(ascii: "["):
                guard depth < maxDepth else { throw fail("嵌套过深") }
                i += 1
                var items: [JSONLine] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    return .array(items)
                }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw fail("意外结束") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                    throw fail("应为逗号或右方括号")
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            default:
                return try number()
            }
        }

        mutating func literal(_ word: StaticString) throws(SyntaxError) {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { throw fail("无法识别的值") }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("无法识别的值") }
            i += n
        }

        mutating func number() throws(SyntaxError) -> JSONLine {
            let start = i
            var integer = true
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("无法识别的值") }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                integer = false
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { throw fail("数字格式错误") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                integer = false
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else { throw fail("数字格式错误") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let d = Double(text), d.isFinite else { throw fail("数字超出范围") }
            return .number(d, integer: integer)
        }

        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

        /// A string starting at the opening quote; the line was already checked to be UTF-8.
        mutating func string() throws(SyntaxError) -> String {
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    i += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw fail("字符串中有未转义的控制字符") }
                i += 1
            }
            var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b < 0x20 { throw fail("字符串中有未转义的控制字符") }
                if b != UInt8(ascii: "\\") {
                    out.append(b)
                    i += 1
                    continue
                }
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw fail("不成对的 UTF-16 代理项")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("不成对的 UTF-16 代理项") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("不成对的 UTF-16 代理项")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("无效的 Unicode 转义") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw fail("无效的转义")
                }
            }
            throw fail("字符串没有结束")
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("无效的 Unicode 转义") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                default: throw fail("无效的 Unicode 转义")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }
    }
}
