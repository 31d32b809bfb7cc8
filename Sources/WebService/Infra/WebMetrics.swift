import Domain
import HTTPTypes
import Logging
import Tagged
import Foundation
package import Hummingbird
package import Prometheus

/// The service's Prometheus metrics: requests by route and status, their durations, and
/// gauges read at scrape time (outbox backlog, scheduler lag, rule evaluations and budget
/// trips). Each service has its own registry (no process-wide bootstrap).
package final class WebMetrics: Sendable {
    package let registry = PrometheusCollectorRegistry()
    private let outbox: Gauge
    private let lag: Gauge
    private let evaluations: Gauge
    private let trips: Gauge

    package init() {
        outbox = registry.makeGauge(descriptor: Self.name("outbox", "pending", "messages", "Outbox messages not yet delivered"))
        lag = registry.makeGauge(descriptor: Self.name("scheduler", "lag", "seconds", "How late the oldest due schedule run is"))
        evaluations = registry.makeGauge(descriptor: Self.name("rules", "evaluations", "total", "Rule evaluations since start"))
        trips = registry.makeGauge(descriptor: Self.name("rules", "budget_trips", "total", "Rule evaluations stopped by a budget since start"))
    }

    static func name(_ subsystem: String, _ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tally", subsystem: subsystem, metricName: metric, unitName: unit, helpText: help)
    }

    /// Counts one answered request; `route` is the matched route pattern, never the raw path
    /// (ids would make unbounded label values).
    package func record(method: String, route: String, status: Int, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: Self.name("http", "requests", "total", "HTTP requests answered"), labels: labels).increment()
        registry.makeDurationHistogram(descriptor: Self.name("http", "request_duration", "seconds", "HTTP request durations"),
                                       labels: [("method", method), ("route", route)],
                                       buckets: [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                                 .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]).record(duration)
    }

    /// The text exposition, with the gauges set from `backlog`.
    package func exposition(_ backlog: Backlog?) -> String {
        if let backlog {
            outbox.set(Double(backlog.outboxPending))
            lag.set(backlog.schedulerLagSeconds)
            evaluations.set(Double(backlog.ruleEvaluations))
            trips.set(Double(backlog.ruleBudgetTrips))
        }
        return registry.emitToString()
    }
}

/// Records every request in `WebMetrics`.
package struct MetricsRecorder: RouterMiddleware {
    package typealias Context = TallyRequestContext
    let metrics: WebMetrics

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: response.status.code,
                           duration: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: status,
                           duration: ContinuousClock.now - start)
            throw error
        }
    }
}
