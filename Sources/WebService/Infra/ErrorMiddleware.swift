import Domain
import Foundation
import HTTPTypes
import Tagged
package import Hummingbird
import Logging
import NIOCore

/// Every error leaves as JSON (`APIError`): Hummingbird's own (unknown route, body too large)
/// keep their status; anything unexpected is logged with the request id and answered 500
/// without details. A browser asking for a page that does not exist (outside `/api/`, HTML
/// accepted) gets a short Chinese page linking back to the console instead.
package struct ErrorMiddleware: RouterMiddleware {
    package typealias Context = TallyRequestContext

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError where error.status == .notFound && Self.wantsPage(request) {
            return Self.notFoundPage
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

    static func wantsPage(_ request: Request) -> Bool {
        !request.uri.path.hasPrefix("/api/") && (request.headers[.accept]?.contains("text/html") ?? false)
    }

    static var notFoundPage: Response {
        let html = """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>未找到 · Tally</title>\
            <link rel="stylesheet" href="/console.css"></head><body><main class="error"><h1>未找到</h1>\
            <p>没有这个页面。</p><p><a href="/">返回首页</a></p></main></body></html>
            """
        return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
