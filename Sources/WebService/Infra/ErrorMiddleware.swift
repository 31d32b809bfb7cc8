import Domain
import Foundation
import HTTPTypes
import Tagged
package import Hummingbird
import Logging

/// Every error leaves as JSON (`APIError`): Hummingbird's own (unknown route, body too large)
/// keep their status; anything unexpected is logged with the request id and answered 500
/// without details.
package struct ErrorMiddleware: RouterMiddleware {
    package typealias Context = TallyRequestContext

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            let code = switch error.status.code {
            case 404: "not_found"
            case 405: "method_not_allowed"
            case 413: "too_large"
            case 400: "bad_request"
            default: "http_\(error.status.code)"
            }
            let message = error.status.code == 404 ? "没有这个地址" : (error.body ?? error.status.reasonPhrase)
            throw APIError(error.status, code, message)
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, "http_\(error.status.code)", error.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            throw APIError(.internalServerError, "internal", "服务器内部错误（请求编号 \(context.id)）")
        }
    }
}
