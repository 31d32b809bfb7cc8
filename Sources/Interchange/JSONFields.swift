import Domain
import WorkingDays

/// Typed access to the fields of one JSON object, with errors naming the field, and a check
/// that no unknown field was given.
struct JSONFields {
    let fields: [(key: String, value: JSONLine)]
    let path: String
    /// Bit k set = field k was read.
    private var used: UInt64 = 0

    init(_ fields: [(key: String, value: JSONLine)], path: String = "") {
        self.fields = fields
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private mutating func raw(_ key: String) -> JSONLine? {
        for k in fields.indices where fields[k].key == key {
            used |= k < 64 ? 1 << UInt64(k) : 0
            if case .null = fields[k].value { return nil }
            return fields[k].value
        }
        return nil
    }

    /// Rejects fields nobody asked for (a typo must not be silently ignored).
    func finish() throws(FieldError) {
        for k in fields.indices where k >= 64 || used & (1 << UInt64(k)) == 0 {
            throw FieldError(name(fields[k].key), "未知字段")
        }
    }

    mutating func string(_ key: String, max: Int = 200) throws(FieldError) -> String {
        guard let s = try optionalString(key, max: max) else { throw FieldError(name(key), "缺少必填字段") }
        return s
    }

    mutating func optionalString(_ key: String, max: Int = 200) throws(FieldError) -> String? {
        guard let v = raw(key) else { return nil }
        guard case .string(let s) = v else { throw FieldError(name(key), "应为文本，实际为\(Self.typeName(v))") }
        guard !s.isEmpty else { throw FieldError(name(key), "不能为空") }
        // Length in characters; the byte count settles short strings without counting.
        if s.utf8.count > max, s.unicodeScalars.count > max {
            throw FieldError(name(key), "过长：\(s.unicodeScalars.count) 个字符（最多 \(max) 个）")
        }
        if s.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }) {
            throw FieldError(name(key), "含有控制字符")
        }
        return s
    }

    mutating func id(_ key: String) throws(FieldError) -> String {
        guard let s = try optionalID(key) else { throw FieldError(name(key), "缺少必填字段") }
        return s
    }

    mutating func optionalID(_ key: String) throws(FieldError) -> String? {
        guard let s = try optionalString(key, max: 64) else { return nil }
        guard s.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x2F }) else {
            throw FieldError(name(key), "编号不能含空白或斜杠：'\(s)'")
        }
        return s
    }

    mutating func bool(_ key: String, default value: Bool) throws(FieldError) -> Bool {
        guard let v = raw(key) else { return value }
        guard case .bool(let b) = v else { throw FieldError(name(key), "应为 true 或 false，实际为\(Self.typeName(v))") }
        return b
    }

    mutating func int(_ key: String, range: ClosedRange<Int>) throws(FieldError) -> Int {
        guard let v = raw(key) else { throw FieldError(name(key), "缺少必填字段") }
        guard case .number(let d, _) = v, d == d.rounded(), abs(d) < 1e15 else {
            throw FieldError(name(key), "应为整数，实际为\(Self.typeName(v))")
        }
        let n = Int(d)
        guard range.contains(n) else { throw FieldError(name(key), "应在 \(range.lowerBound) 到 \(range.upperBound) 之间，实际为 \(n)") }
        return n
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(FieldError) -> E where E.RawValue == String {
        guard let e = try optionalEnumeration(key, type) else { throw FieldError(name(key), "缺少必填字段") }
        return e
    }

    mutating func optionalEnumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(FieldError) -> E? where E.RawValue == String {
        guard let s = try optionalString(key, max: 64) else { return nil }
        guard let e = E(rawValue: s) else {
            throw FieldError(name(key), "未知取值 '\(s)'（可选：\(E.allCases.map(\.rawValue).joined(separator: ", "))）")
        }
        return e
    }

    mutating func day(_ key: String) throws(FieldError) -> Day {
        let s = try string(key, max: 10)
        guard let d = Day(iso: s) else { throw FieldError(name(key), "日期格式应为 YYYY-MM-DD，实际为 '\(s)'") }
        guard (1990...2100).contains(d.year) else { throw FieldError(name(key), "日期不合理：\(s)") }
        return d
    }

    mutating func instant(_ key: String) throws(FieldError) -> Instant {
        guard let t = try optionalInstant(key) else { throw FieldError(name(key), "缺少必填字段") }
        return t
    }

    mutating func optionalInstant(_ key: String) throws(FieldError) -> Instant? {
        guard let s = try optionalString(key, max: 40) else { return nil }
        guard let t = Instant(iso: s) else {
            throw FieldError(name(key), "时间应为带时区的 ISO 8601，如 2026-03-02T09:00:00+08:00，实际为 '\(s)'")
        }
        guard (1990...2100).contains(t.day.year) else { throw FieldError(name(key), "时间不合理：\(s)") }
        return t
    }

    mutating func list(_ key: String, required: Bool = false, max: Int = 1000) throws(FieldError) -> [JSONLine] {
        guard let v = raw(key) else {
            if required { throw FieldError(name(key), "缺少必填字段") }
            return []
        }
        guard case .array(let a) = v else { throw FieldError(name(key), "应为列表，实际为\(Self.typeName(v))") }
        guard !(required && a.isEmpty) else { throw FieldError(name(key), "至少需要一项") }
        guard a.count <= max else { throw FieldError(name(key), "过多：\(a.count) 项（最多 \(max) 项）") }
        return a
    }

    /// A list of ids without duplicates.
    mutating func ids(_ key: String, required: Bool = false) throws(FieldError) -> [String] {
        var out: [String] = []
        for (i, v) in try list(key, required: required).enumerated() {
            guard case .string(let s) = v, !s.isEmpty, s.utf8.count <= 256, s.unicodeScalars.count <= 64, s.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x2F }) else {
                throw FieldError("\(name(key))[\(i)]", "应为编号文本，实际为\(Self.typeName(v))")
            }
            if out.contains(s) { throw FieldError("\(name(key))[\(i)]", "重复：'\(s)'") }
            out.append(s)
        }
        return out
    }

    mutating func objects(_ key: String, max: Int = 1000) throws(FieldError) -> [JSONFields] {
        try list(key, max: max).enumerated().map { (i, v) throws(FieldError) in
            guard case .object(let o) = v else { throw FieldError("\(name(key))[\(i)]", "应为对象，实际为\(Self.typeName(v))") }
            return JSONFields(o, path: "\(name(key))[\(i)]")
        }
    }

    static func typeName(_ v: JSONLine) -> String {
        switch v {
        case .string: "文本"
        case .bool: "布尔值"
        case .number: "数字"
        case .array: "列表"
        case .object: "对象"
        case .null: "空值"
        }
    }
}
