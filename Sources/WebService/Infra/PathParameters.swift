import Foundation
package import Hummingbird

/// Reading path parameters (`/items/{id}`): the router matches the raw, still
/// percent-encoded path, so each parameter is decoded here — `/schedules/quarterly%20notice`
/// names the job `quarterly notice`. A malformed escape or a NUL character (which no stored
/// text can hold) is refused with 422 naming the parameter.
extension Parameters {
    package func decoded(_ name: String) throws -> String {
        try Self.decode(try require(name), name: name)
    }

    /// The segments a `**` route matched, each decoded as `decoded` does, joined by `/`.
    package func decodedCatchAll(name: String = "id") throws -> String {
        try getCatchAll().map { try Self.decode(String($0), name: name) }.joined(separator: "/")
    }

    private static func decode(_ raw: String, name: String) throws -> String {
        guard let text = raw.removingPercentEncoding else {
            throw APIError.invalid(name, "路径中的 \(name) 编码无效：'\(raw)'")
        }
        guard !text.utf8.contains(0) else { throw APIError.invalid(name, "\(name) 不能含有 NUL 字符") }
        return text
    }
}
