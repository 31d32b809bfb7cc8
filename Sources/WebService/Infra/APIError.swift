import Domain
import HTTPTypes
import Logging
import Tagged
import Foundation
package import Hummingbird

/// An error as the API returns it: a status, a stable machine code, a message in Chinese
/// and, for invalid input, the field at fault — `{"error":{"code":…,"message":…,"field":…}}`.
package struct APIError: HTTPResponseError, Sendable {
    package var status: HTTPResponse.Status
    package var code: String
    package var message: String
    package var field: String?

    package init(_ status: HTTPResponse.Status, _ code: String, _ message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    package static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.unprocessableContent, "invalid_field", message, field: field)
    }
    package static func notFound(_ what: String) -> APIError { APIError(.notFound, "not_found", "\(what)不存在或无权查看") }
    package static let unauthenticated = APIError(.unauthorized, "unauthenticated", "请先登录")
    package static func forbidden(_ message: String) -> APIError { APIError(.forbidden, "forbidden", message) }
    package static func conflict(_ code: String, _ message: String) -> APIError { APIError(.conflict, code, message) }

    struct Body: Encodable {
        struct Inner: Encodable {
            var code: String
            var message: String
            var field: String?
        }
        var error: Inner
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(Body(error: .init(code: code, message: message, field: field)))
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"tally\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
