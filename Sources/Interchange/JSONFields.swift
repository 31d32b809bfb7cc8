import Domain
import Foundation
import WorkingDays

/// Typed access to the fields of one JSON object, with errors naming the field, and a check
/// that no unknown field was given.
struct JSONFields {
    let object: [String: Any]
    let path: String
    private(set) var used: Set<String> = []

    init(_ object: [String: Any], path: String = "") {
        self.object = object
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private mutating func raw(_ key: String) -> Any? {
        used.insert(key)
        guard let v = object[key], !(v is NSNull) else { return nil }
        return v
    }

    /// Rejects fields nobody asked for (a typo must not be silently ignored).
    func finish() throws(FieldError) {
        for key in object.keys.sorted() where !used.contains(key) {
            throw FieldError(name(key), "未知字段")
        }
    }

    mutating func string(_ key: String, max: Int = 200) throws(FieldError) -> String {
        guard let s = try optionalString(key, max: max) else { throw FieldError(name(key), "缺少必填字段") }
        return s
    }

    mutating func optionalString(_ key: String, max: Int = 200) throws(FieldError) -> String? {
        guard let v = raw(key) else { return nil }
        guard let s = v as? String else { throw FieldError(name(key), "应为文本，实际为\(Self.typeName(v))") }
        guard !s.isEmpty else { throw FieldError(name(key), "不能为空") }
        guard s.count <= max else { throw FieldError(name(key), "过长：\(s.count) 个字符（最多 \(max) 个）") }
        if s.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
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
        guard s.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0 != "/" }) else {
            throw FieldError(name(key), "编号不能含空白或斜杠：'\(s)'")
        }
        return s
    }

    mutating func bool(_ key: String, default value: Bool) throws(FieldError) -> Bool {
        guard let v = raw(key) else { return value }
        guard let n = v as? NSNumber, String(cString: n.objCType) == "c" else {
            throw FieldError(name(key), "应为 true 或 false，实际为\(Self.typeName(v))")
        }
        return n.boolValue
    }

    mutating func int(_ key: String, range: ClosedRange<Int>) throws(FieldError) -> Int {
        guard let v = raw(key) else { throw FieldError(name(key), "缺少必填字段") }
        guard let n = v as? NSNumber, String(cString: n.objCType) != "c", n.doubleValue == n.doubleValue.rounded() else {
            throw FieldError(name(key), "应为整数，实际为\(Self.typeName(v))")
        }
        guard range.contains(n.intValue) else { throw FieldError(name(key), "应在 \(range.lowerBound) 到 \(range.upperBound) 之间，实际为 \(n.intValue)") }
        return n.intValue
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

    mutating func list(_ key: String, required: Bool = false, max: Int = 1000) throws(FieldError) -> [Any] {
        guard let v = raw(key) else {
            if required { throw FieldError(name(key), "缺少必填字段") }
            return []
        }
        guard let a = v as? [Any] else { throw FieldError(name(key), "应为列表，实际为\(Self.typeName(v))") }
        guard !(required && a.isEmpty) else { throw FieldError(name(key), "至少需要一项") }
        guard a.count <= max else { throw FieldError(name(key), "过多：\(a.count) 项（最多 \(max) 项）") }
        return a
    }

    /// A list of ids without duplicates.
    mutating func ids(_ key: String, required: Bool = false) throws(FieldError) -> [String] {
        var out: [String] = []
        for (i, v) in try list(key, required: required).enumerated() {
            guard let s = v as? String, !s.isEmpty, s.count <= 64, s.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0 != "/" }) else {
                throw FieldError("\(name(key))[\(i)]", "应为编号文本，实际为\(Self.typeName(v))")
            }
            if out.contains(s) { throw FieldError("\(name(key))[\(i)]", "重复：'\(s)'") }
            out.append(s)
        }
        return out
    }

    mutating func objects(_ key: String, max: Int = 1000) throws(FieldError) -> [JSONFields] {
        try list(key, max: max).enumerated().map { (i, v) throws(FieldError) in
            guard let o = v as? [String: Any] else { throw FieldError("\(name(key))[\(i)]", "应为对象，实际为\(Self.typeName(v))") }
            return JSONFields(o, path: "\(name(key))[\(i)]")
        }
    }

    static func typeName(_ v: Any) -> String {
        switch v {
        case is String: return "文本"
        case let n as NSNumber: return String(cString: n.objCType) == "c" ? "布尔值" : "数字"
        case is [Any]: return "列表"
        case is [String: Any]: return "对象"
        default: return "空值"
        }
    }
}
