import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Tagged
import WorkingDays

/// Errors on console pages become friendly Chinese pages with the status kept (never a
/// stack trace or JSON); an anonymous visitor is sent to `/login`, coming back afterwards.
struct ConsoleErrors: RouterMiddleware {
    typealias Context = TallyRequestContext
    let deps: WebDependencies

    struct View {
        var heading: String
        var message: String
        var status: Int
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError where error.status == .unauthorized && error.code == "unauthenticated" {
            return Self.toLogin(request)
        } catch let error as APIError {
            return await page(error.status, error.message, context)
        } catch let error as HTTPError {
            return await page(error.status, error.status == .notFound ? "没有这个页面" : "请求无效（\(error.status.code)）", context)
        } catch {
            context.logger.error("console request failed", metadata: ["error": "\(String(reflecting: error))"])
            return await page(.internalServerError, "服务器内部错误，请稍后重试或联系管理员（请求编号 \(context.id)）", context)
        }
    }

    /// To the sign-in page, with the page asked for to return to (GET only).
    static func toLogin(_ request: Request) -> Response {
        guard request.method == .get, request.uri.path != "/" else { return ConsolePage.redirect("/login") }
        let back = request.uri.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        return ConsolePage.redirect("/login?next=\(back)")
    }

    func page(_ status: HTTPResponse.Status, _ message: String, _ context: Context) async -> Response {
        let heading = switch status.code {
        case 403: "无权进行此操作"
        case 404: "未找到"
        case 409: "操作未完成"
        case 422, 400: "填写有误"
        case 429: "请稍后再试"
        default: "出错了"
        }
        return await ConsolePage(deps: deps).render("error", View(heading: heading, message: message, status: Int(status.code)), title: heading,
                                                     section: "", user: context.user, status: status)
    }
}
