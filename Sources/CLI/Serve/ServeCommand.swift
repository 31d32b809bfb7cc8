import ArgumentParser
import Dispatch
import Foundation
import Hummingbird
import Logging
import Rules
import Scheduling
import ServiceLifecycle
import Synchronization
import UnixSignals
import ServiceLifecycle
import WebService
import WorkingDays

/// `tally serve`: the long-running service — the HTTP API and console, the durable scheduler
/// (with the schedule files and the rules kept live) and the outbox courier, until SIGINT or
/// SIGTERM. Several instances may share one PostgreSQL database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "运行 Tally 服务：网页控制台与 API、日程调度（多实例共享 PostgreSQL 时每次触发只执行一次）、提醒发送；日程文件与规则修改后自动生效。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "HTTP port of the API and console (0: no HTTP).") var port: Int = 8080
    @Option(name: .long, help: "Address to listen on (0.0.0.0 for every interface).") var host: String = "127.0.0.1"
    @Flag(name: .long, help: "Send the session cookie only over HTTPS (behind a TLS proxy).") var secureCookies = false
    @Option(name: .long, help: "File holding the bearer token that /metrics requires (default: $TALLY_METRICS_TOKEN; neither: /metrics is open, for a loopback address).")
    var metricsTokenFile: String?
    @Option(name: .long, help: "This instance's name in the history (default host:pid).") var node: String?
    @Option(name: .long, help: "Seconds a claimed run is held before another instance may take it over.") var lease: Int64 = 60
    @Option(name: .long, help: "Longest sleep in seconds (how soon work added by other processes is seen).") var maxIdle: Int64 = 60
    @Option(name: .long, help: ArgumentHelp("Run on simulated time from this instant (tests and rehearsals only).", visibility: .hidden))
    var simulatedStart: String?
    @Option(name: .long, help: ArgumentHelp("How many times faster simulated time runs.", visibility: .hidden)) var simulatedSpeed: Double = 1
    @Option(name: .long, help: ArgumentHelp("bcrypt cost of new password hashes (tests only).", visibility: .hidden)) var passwordCost: UInt8 = 12

    func validate() throws {
        guard (3...3600).contains(lease) else { throw ValidationError("--lease: 应在 3–3600 秒之间") }
        guard (1...3600).contains(maxIdle) else { throw ValidationError("--max-idle: 应在 1–3600 秒之间") }
        guard (0...65535).contains(port) else { throw ValidationError("--port: 应在 0–65535 之间") }
        if let t = simulatedStart, Instant(iso: t) == nil { throw ValidationError("--simulated-start: 时间格式应为 ISO 8601 并带时区，实际为 '\(t)'") }
        guard (1...1_000_000).contains(simulatedSpeed) else { throw ValidationError("--simulated-speed: 应在 1–1000000 之间") }
        guard (4...31).contains(passwordCost) else { throw ValidationError("--password-cost: 应在 4–31 之间") }
    }

    /// The token /metrics requires: the file's first line, or $TALLY_METRICS_TOKEN.
    func metricsToken() throws -> String? {
        if let metricsTokenFile {
            guard let text = try? String(contentsOfFile: metricsTokenFile, encoding: .utf8) else {
                throw CommandFailure("--metrics-token-file: 无法读取 \(metricsTokenFile)")
            }
            let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard token.count >= 16 else { throw CommandFailure("\(metricsTokenFile):1: token: 令牌至少 16 个字符") }
            return token
        }
        guard let env = ProcessInfo.processInfo.environment["TALLY_METRICS_TOKEN"], !env.isEmpty else { return nil }
        guard env.count >= 16 else { throw CommandFailure("TALLY_METRICS_TOKEN: 令牌至少 16 个字符") }
        return env
    }

    func run() async throws {
        let logger = Logger(label: "tally.serve")
        let metricsToken = try metricsToken()
        let configuration = Scheduler.Configuration(node: node ?? Scheduler.Configuration.defaultNode, lease: lease, maxIdle: maxIdle)
        let clock: any SchedulerClock = simulatedStart.flatMap(Instant.init(iso:)).map { SimulatedClock(start: $0, speed: simulatedSpeed) } ?? SystemClock()
        let context = try await ServiceContext.open(global, node: configuration.node, clock: clock,
                                                    courier: Courier.Configuration(node: configuration.node, lease: max(lease, 120), maxIdle: maxIdle))
        let deadlines = try RuleDeadlines(global)
        let scheduler = Scheduler(schedule: context.schedule, store: context.store, registry: context.registry, clock: clock,
                                  events: context.store, rules: deadlines, configuration: configuration)
        let backend = ServiceBackend(store: context.store, global: global, engine: deadlines.engine, clock: clock, schedule: context.schedule,
                                     wakeScheduler: { scheduler.wake() }, wakeCourier: { context.courier.wake() })
        let background = BackgroundWork(global: global, context: context, scheduler: scheduler, deadlines: deadlines, backend: backend, logger: logger)
        var services: [any Service] = [background]
        if port > 0 {
            let deps = WebDependencies(store: context.store, operations: backend, now: { clock.now() }, passwords: Passwords(cost: passwordCost),
                                       secureCookies: secureCookies, metricsToken: metricsToken, logger: Logger(label: "tally.web"))
            services.append(WebApplication.application(deps, host: host, port: port))
        }
        let console = port > 0 ? "，控制台 http://\(host):\(port)/" : ""
        logger.info("Tally 服务启动：节点 \(configuration.node)，数据库 \(global.database)，\(context.schedule.jobs.count) 个任务\(console)")
        if port > 0, metricsToken == nil, !["127.0.0.1", "::1", "localhost"].contains(host) {
            logger.warning("/metrics 未设令牌且监听 \(host)：任何能访问该地址的人都能读取指标（用 --metrics-token-file 或 TALLY_METRICS_TOKEN 设置）")
        }
        if let simulatedStart { logger.warning("使用模拟时间：从 \(simulatedStart) 起，\(simulatedSpeed) 倍速（仅用于测试和演练）") }
        // SIGTERM/SIGINT: the HTTP server stops accepting and finishes the requests in flight
        // (services stop in reverse order), then the scheduler and courier stop; runs they had
        // claimed go back to the others when their leases end.
        let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
        logger.info("Tally 服务已停止")
    }
}

/// The scheduler, the outbox courier and the file watchers, as one service that ends on
/// graceful shutdown.
struct BackgroundWork: Service {
    let global: GlobalOptions
    let context: ServiceContext
    let scheduler: Scheduler
    let deadlines: RuleDeadlines
    let backend: ServiceBackend
    let logger: Logger

    func run() async throws {
        let (global, context, scheduler, deadlines, backend, logger) = (global, context, scheduler, deadlines, backend, logger)
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await scheduler.serve() }
                group.addTask { try await context.courier.serve() }
                group.addTask {
                    await SchedulesWatcher(directory: global.schedulesURL).run {
                        do {
                            let schedule = try ScheduleCommand.load(global, registry: context.registry)
                            await scheduler.update(schedule)
                            backend.schedule.withLock { $0 = schedule }
                            logger.info("日程文件已重新加载")
                        } catch {
                            logger.error("日程文件有误，继续使用上一个有效版本：\((error as? CommandFailure)?.message ?? "\(error)")")
                        }
                    }
                }
                group.addTask {
                    await RuleWatcher(engine: deadlines.engine, interval: .seconds(1)).run { report in
                        for (office, version) in report.activated { logger.info("规则已生效：\(office) 版本 \(version.prefix(12))") }
                        for (office, errors) in report.rejected { logger.error("规则未生效（\(office)），继续使用上一个有效版本：\(errors.joined(separator: "；"))") }
                    }
                }
                // The first task to end (the scheduler failing) stops the service.
                defer { group.cancelAll() }
                try await group.next()
            }
        }
    }
}
