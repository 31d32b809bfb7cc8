import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// A submitted console form (`application/x-www-form-urlencoded`).
struct ConsoleForm: Sendable {
    /// Each field's first value.
    var fields: [String: String]

    /// The first value of `name` (nil when absent).
    subscript(_ name: String) -> String? { fields[name] }

    /// The first value of `name`, nil when absent or blank.
    func nonEmpty(_ name: String) -> String? {
        guard let value = self[name], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }

    /// Parses `a=1&b=%E4%B8%AD` (`+` is a space).
    init(encoded: String) {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        self.fields = fields
    }

    /// The form in the request's body (at most 1 MiB).
    static func read(_ request: Request) async throws -> ConsoleForm {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return ConsoleForm(encoded: String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    /// The signed-in person and their form, when its hidden `csrf` field is the session's
    /// anti-forgery token: anonymous → 401 (the console sends them to /login), a missing or
    /// wrong token → 403 before anything is changed.
    static func signed(_ request: Request, _ context: TallyRequestContext) async throws -> (SignedIn, ConsoleForm) {
        let user = try context.requireUser()
        let form = try await read(request)
        guard let token = form["csrf"], constantTimeEqual(token, user.csrfToken) else {
            throw APIError(.forbidden, "csrf", "表单已失效或来源不明（防伪令牌不符），请返回页面刷新后重试")
        }
        return (user, form)
    }
}
