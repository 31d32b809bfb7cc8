import Foundation
import HTTPTypes
import Logging
import Tagged
package import Domain
package import Hummingbird
package import WorkingDays

/// Reading query parameters, with errors that name the parameter.
extension Request {
    package func query(_ name: String) -> String? {
        guard let v = uri.queryParameters.get(name), !v.isEmpty else { return nil }
        return v
    }

    /// A text parameter that reaches the database (a search text, an id to match): as `query`,
    /// but a NUL character, which no stored text can hold (PostgreSQL refuses it outright), is
    /// refused with 422 naming the parameter.
    package func text(_ name: String) throws -> String? {
        guard let v = query(name) else { return nil }
        guard !v.utf8.contains(0) else { throw APIError.invalid(name, "\(name) 不能含有 NUL 字符") }
        return v
    }

    /// `limit` (default 50, at most 200).
    package func pageLimit(default value: Int = 50) throws -> Int {
        guard let text = query("limit") else { return value }
        guard let n = Int(text), (1...200).contains(n) else { throw APIError.invalid("limit", "limit 应为 1–200 之间的整数") }
        return n
    }

    /// A yes/no parameter: `true`/`1` or `false`/`0`; false when absent.
    package func flag(_ name: String) throws -> Bool {
        switch query(name) {
        case nil, "false", "0": return false
        case "true", "1": return true
        case let other?: throw APIError.invalid(name, "\(name) 应为 true 或 false，实际为 '\(other)'")
        }
    }

    /// The `cursor` a previous page returned as `next`.
    package func cursor() throws -> Int64? {
        guard let text = query("cursor") else { return nil }
        guard let n = Int64(text), n > 0 else { throw APIError.invalid("cursor", "cursor 无效（应为上一页返回的 next）") }
        return n
    }

    package func day(_ name: String) throws -> Day? {
        guard let text = query(name) else { return nil }
        guard let d = Day(iso: text) else { throw APIError.invalid(name, "\(name) 应为日期 YYYY-MM-DD，实际为 '\(text)'") }
        return d
    }

    package func period(_ name: String = "period") throws -> Period? {
        guard let text = query(name) else { return nil }
        guard let p = Period(text) else { throw APIError.invalid(name, "\(name) 应为 2026、2026Q2 或 2026-05，实际为 '\(text)'") }
        return p
    }

    package func office(_ name: String = "office") throws -> OfficeID? {
        guard let text = query(name) else { return nil }
        guard let o = OfficeID(text) else { throw APIError.invalid(name, "'\(text)' 不是有效的办公室编号") }
        return o
    }
}

/// A page of a list as the API returns it: `{"items": […], "next": "…"}`.
package struct PageBody<Element: Encodable & Sendable>: ResponseEncodable, Sendable {
    package var items: [Element]
    package var next: String?

    package init(items: [Element], next: Int64?) {
        self.items = items
        self.next = next.map(String.init)
    }
}

/// A list returned whole: `{"items": […]}`.
package struct ListBody<Element: Encodable & Sendable>: ResponseEncodable, Sendable {
    package var items: [Element]
    package init(_ items: [Element]) { self.items = items }
}
