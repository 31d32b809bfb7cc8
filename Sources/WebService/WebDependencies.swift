import Foundation
import HTTPTypes
import Tagged
package import Domain
package import Logging
package import WorkingDays

/// Everything the routes use, put together by whoever starts the service.
package struct WebDependencies: Sendable {
    package var store: any WebStore
    package var operations: any ServiceOperations
    /// The service's clock (a simulated one in rehearsals and tests).
    package var now: @Sendable () -> Instant
    package var passwords: Passwords
    package var organisation: OrganisationCache
    package var limiter: LoginLimiter
    package var metrics: WebMetrics
    /// How long a console or API session lasts.
    package var sessionSeconds: Int64
    /// Send cookies only over HTTPS (set behind a TLS-terminating proxy).
    package var secureCookies: Bool
    /// The bearer token `/metrics` requires; nil leaves it open (for a loopback address).
    package var metricsToken: String?
    package var logger: Logger

    package init(store: any WebStore, operations: any ServiceOperations, now: @escaping @Sendable () -> Instant, passwords: Passwords = Passwords(),
                 limiter: LoginLimiter = LoginLimiter(), metrics: WebMetrics = WebMetrics(), sessionSeconds: Int64 = 12 * 3600,
                 secureCookies: Bool = false, metricsToken: String? = nil, logger: Logger = Logger(label: "tally.web")) {
        self.store = store
        self.operations = operations
        self.now = now
        self.passwords = passwords
        self.organisation = OrganisationCache(store: store)
        self.limiter = limiter
        self.metrics = metrics
        self.sessionSeconds = sessionSeconds
        self.secureCookies = secureCookies
        self.metricsToken = metricsToken
        self.logger = logger
    }
}
