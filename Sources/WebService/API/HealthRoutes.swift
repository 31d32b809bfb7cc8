import Domain
import HTTPTypes
import Logging
import Tagged
import Foundation
package import Hummingbird

/// `/health` (the process answers), `/ready` (the database answers; 503 otherwise),
/// `/metrics` (Prometheus text format; behind a bearer token when the service has one) and
/// the OpenAPI document.
package struct HealthRoutes: Sendable {
    let deps: WebDependencies

    struct Ready: ResponseEncodable {
        var status: String
        var outboxPending: Int?
        var schedulerLagSeconds: Double?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case status, error
            case outboxPending = "outbox_pending"
            case schedulerLagSeconds = "scheduler_lag_seconds"
        }
    }

    package func register(_ router: Router<TallyRequestContext>) {
        router.get("health") { _, _ in "ok" }
        router.get("ready") { request, context -> Response in
            do {
                _ = try await deps.store.accounts()
                let backlog = try await deps.operations.backlog()
                return try Ready(status: "ready", outboxPending: backlog.outboxPending, schedulerLagSeconds: backlog.schedulerLagSeconds)
                    .response(from: request, context: context)
            } catch {
                deps.logger.error("not ready", metadata: ["error": "\(error)"])
                var response = try Ready(status: "unavailable", error: "数据库不可用").response(from: request, context: context)
                response.status = .serviceUnavailable
                return response
            }
        }
        router.get("metrics") { request, _ -> Response in
            if let token = deps.metricsToken, !Self.bearer(request, equals: token) { throw APIError.unauthenticated }
            let text = deps.metrics.exposition(try? await deps.operations.backlog())
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("api/v1/openapi.yaml") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
        }
    }
}

extension HealthRoutes {
    /// Whether the request's `Authorization: Bearer …` is `token`, compared in constant time.
    static func bearer(_ request: Request, equals token: String) -> Bool {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.utf8.dropFirst(7)), wanted = Array(token.utf8)
        var difference = UInt8(given.count == wanted.count ? 0 : 1)
        for i in 0..<wanted.count { difference |= wanted[i] ^ (i < given.count ? given[i] : 0) }
        return difference == 0
    }
}

/// The OpenAPI document of `/api/v1`, as kept in the repository (the resource
/// `openapi.yaml`; `OpenAPITests` check that it names every route the router has).
package enum OpenAPIDocument {
    package static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"), let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("openapi.yaml is missing from the WebService resources: the build is incomplete") }
        return text
    }()
}
