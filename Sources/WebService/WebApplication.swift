import Domain
import Foundation
import HTTPTypes
import Tagged
package import Hummingbird
import Logging

/// The service's HTTP side: `/health`, `/ready`, `/metrics`, the API under `/api/v1` and the
/// console at `/`.
package enum WebApplication {
    /// The router with every route and middleware.
    package static func router(_ deps: WebDependencies) -> Router<TallyRequestContext> {
        let router = Router(context: TallyRequestContext.self)
        router.add(middleware: MetricsRecorder(metrics: deps.metrics))
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: SessionMiddleware(dependencies: deps))
        HealthRoutes(deps: deps).register(router)
        let api = router.group("api/v1")
        AuthRoutes(deps: deps).register(api)
        OrganisationRoutes(deps: deps).register(api)
        ItemRoutes(deps: deps).register(api)
        RunRoutes(deps: deps).register(api)
        DocumentRoutes(deps: deps).register(api)
        InboxRoutes(deps: deps).register(api)
        AdminRoutes(deps: deps).register(api)
        RuleRoutes(deps: deps).register(api)
        RecordRoutes(deps: deps).register(api)
        ScheduleRoutes(deps: deps).register(api)
        ReminderRoutes(deps: deps).register(api)
        ConsoleRoutes(deps: deps).register(router)
        return router
    }

    /// The application listening on `host:port`.
    package static func application(_ deps: WebDependencies, host: String, port: Int) -> some ApplicationProtocol {
        Application(router: router(deps), configuration: .init(address: .hostname(host, port: port), serverName: "Tally"), logger: deps.logger)
    }
}
