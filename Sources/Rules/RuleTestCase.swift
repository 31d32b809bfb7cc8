import Foundation
package import WorkingDays

/// One input → expected output case from `rules/<office>/tests/*.json`:
///
/// ```json
/// { "cases": [
///   { "name": "市《每日要情》采用得3分", "function": "score",
///     "now": "2026-04-01T09:00:00+08:00",
///     "input": { "id": "I-1", "units": ["county-a"], "category": "economy", "submitted": "2026-03-02",
///                "adoptions": [ { "level": "city", "publication": "每日要情", "kind": "briefing", "date": "2026-03-03" } ] },
///     "expect": [ { "code": "C2", "points": 3, "reason": "市《每日要情》采用", "date": "2026-03-03" } ] }
/// ] }
/// ```
/// `expect_error` (a substring of the error message) replaces `expect` for cases that must fail.
package struct RuleTestCase: Sendable {
    package var name: String
    package var function: RuleFunction
    package var now: Instant
    package var input: JSONValue
    package var expect: JSONValue?
    package var expectError: String?
    /// `rules/<office>/tests/<file>.json`, and the 1-based case number in it.
    package var file: String
    package var index: Int

    static let defaultNow = Instant(iso: "2026-01-05T09:00:00+08:00")!

    /// Parses a case file; problems name the file and the case.
    package static func parse(_ bytes: [UInt8], file: String) throws(RuleError) -> [RuleTestCase] {
        let root: JSONValue
        do {
            root = try JSONValue(parsing: Data(bytes))
        } catch {
            throw RuleError(kind: .validation, office: nil, file: file, message: "不是有效的 JSON：\(Self.describe(error))")
        }
        guard case .object(let top) = root, case .array(let list)? = top["cases"] else {
            throw RuleError(kind: .validation, office: nil, file: file, message: "应为 { \"cases\": [ ... ] }")
        }
        var cases: [RuleTestCase] = []
        for (i, item) in list.enumerated() {
            let at = "cases[\(i + 1)]"
            guard case .object(let c) = item else { throw bad(file, at, "应为对象") }
            for key in c.keys where !["name", "function", "now", "input", "expect", "expect_error"].contains(key) {
                throw bad(file, "\(at).\(key)", "未知字段（允许：name, function, now, input, expect, expect_error）")
            }
            guard case .string(let name)? = c["name"], !name.isEmpty else { throw bad(file, "\(at).name", "缺少用例名称") }
            guard case .string(let fn)? = c["function"], let function = RuleFunction(rawValue: fn) else {
                throw bad(file, "\(at).function", "应为 score、compliance、assess 或 deadline 之一")
            }
            var now = defaultNow
            if let n = c["now"] {
                guard case .string(let s) = n, let t = Instant(iso: s) else { throw bad(file, "\(at).now", "应为带时区的时间，如 2026-04-01T09:00:00+08:00") }
                now = t
            }
            guard let input = c["input"] else { throw bad(file, "\(at).input", "缺少输入") }
            var expectError: String?
            if let e = c["expect_error"] {
                guard case .string(let s) = e else { throw bad(file, "\(at).expect_error", "应为错误信息中的一段文字") }
                expectError = s
            }
            guard c["expect"] != nil || expectError != nil else { throw bad(file, "\(at).expect", "缺少期望结果（expect 或 expect_error）") }
            cases.append(RuleTestCase(name: name, function: function, now: now, input: input, expect: c["expect"],
                                      expectError: expectError, file: file, index: i + 1))
        }
        return cases
    }

    private static func bad(_ file: String, _ field: String, _ reason: String) -> RuleError {
        RuleError(kind: .validation, office: nil, file: file, message: "\(field): \(reason)")
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? DecodingError {
            switch e {
            case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
                return "\(path(c.codingPath)): \(c.debugDescription)"
            case .keyNotFound(let key, let c):
                return "\(path(c.codingPath + [key])): 缺少必填字段"
            @unknown default:
                return "\(e)"
            }
        }
        return "\(error)"
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0 + 1)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }
}

/// The outcome of one rule test.
package struct RuleTestResult: Sendable, Equatable, Codable {
    package var name: String
    package var file: String
    package var passed: Bool
    package var message: String?

    package init(name: String, file: String, passed: Bool, message: String? = nil) {
        self.name = name
        self.file = file
        self.passed = passed
        self.message = message
    }
}
