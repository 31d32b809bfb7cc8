package import Domain
package import Logging
package import WorkingDays

/// Delivers the outbox: claims the messages that are due, sends each through its channel,
/// and records what happened — delivered, to be retried later (`RetryPolicy`), dead, or
/// cancelled because its event was settled meanwhile. Several instances may run couriers on
/// one database: a claim leases a message to one of them, and a courier that dies mid-send
/// leaves it to be taken over when the lease ends.
///
/// A message is marked delivered right after its channel accepts it; only a crash between
/// the two could send it again, and then with the same Message-ID / `Idempotency-Key`
/// (its outbox key), so receivers can recognise the repeat.
package final class Courier: Sendable {
    package struct Configuration: Sendable {
        package var node: String
        /// Seconds a claimed message is held; longer than any channel's timeouts.
        package var lease: Int64
        /// Longest sleep in seconds (how soon messages other processes stored are seen).
        package var maxIdle: Int64
        package var batch: Int
        /// Messages sent at the same time.
        package var parallel: Int
        package var retry: RetryPolicy

        package init(node: String, lease: Int64 = 120, maxIdle: Int64 = 60, batch: Int = 32, parallel: Int = 4, retry: RetryPolicy = RetryPolicy()) {
            self.node = node
            self.lease = lease
            self.maxIdle = maxIdle
            self.batch = batch
            self.parallel = parallel
            self.retry = retry
        }
    }

    private let store: any OutboxStore
    private let channels: [String: any DeliveryChannel]
    private let events: (any EventSource)?
    private let clock: any SchedulerClock
    private let configuration: Configuration
    private let waker = Waker()
    private let logger = Logger(label: "tally.courier")

    /// `channels` by outbox channel name (`email`, `webhook:<name>`); `events` tells whether
    /// a message's event was settled (nil: never cancel).
    package init(store: any OutboxStore, channels: [String: any DeliveryChannel], events: (any EventSource)?, clock: any SchedulerClock,
                 configuration: Configuration) {
        self.store = store
        self.channels = channels
        self.events = events
        self.clock = clock
        self.configuration = configuration
    }

    /// Makes a sleeping `serve` look at the outbox now (new messages were stored).
    package func wake() { waker.signal() }

    /// Delivers until cancelled.
    package func serve() async throws {
        while !Task.isCancelled {
            do {
                if try await deliverDue() == configuration.batch { continue }
            } catch is CancellationError {
                return
            } catch {
                logger.error("发送队列出错，稍后重试：\(error)")
            }
            let now = clock.now()
            let idle = Instant(seconds: now.seconds + configuration.maxIdle)
            let next = (try? await store.nextDeliveryWake()).flatMap { $0 } ?? idle
            await waker.wait(until: min(next, idle), clock: clock)
        }
    }

    /// One pass: claims up to a batch of due messages and attempts each; returns how many.
    @discardableResult
    package func deliverDue() async throws -> Int {
        let now = clock.now()
        let claimed = try await store.claimDeliveries(now: now, node: configuration.node,
                                                      leaseUntil: Instant(seconds: now.seconds + configuration.lease), limit: configuration.batch)
        guard !claimed.isEmpty else { return 0 }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for entry in claimed {
                if running == configuration.parallel {
                    try await group.next()
                    running -= 1
                }
                group.addTask { try await self.attempt(entry) }
                running += 1
            }
            try await group.waitForAll()
        }
        return claimed.count
    }

    private func attempt(_ entry: OutboxEntry) async throws {
        let m = entry.message
        let result: DeliveryResult
        let settled: String?
        do {
            settled = try await cancellation(of: m)
        } catch {
            // Unsure whether the event is settled: try this message again later, and let the
            // rest of the batch go on (a throw here would hold every claimed message until its
            // lease ended).
            let reason = DeliveryFailure(transient: true, "无法确认事件 \(m.eventSubject ?? "") 是否已办结：\(error)")
            let recorded = try await store.record(failed(entry, reason), key: m.key, fence: entry.fence, at: clock.now())
            if !recorded { logger.warning("发送结果未记录（已由其他实例接管）：\(m.key)") }
            logger.warning("\(reason.reason)：\(m.channel) \(m.recipient)")
            return
        }
        if let reason = settled {
            result = .cancelled(reason)
        } else if let channel = channels[m.channel] {
            do {
                result = .delivered(try await channel.send(m, now: clock.now()))
            } catch {
                result = failed(entry, error)
            }
        } else {
            result = failed(entry, DeliveryFailure(transient: true, "渠道 \(m.channel) 未配置（见 schedules/delivery.yaml）"))
        }
        let recorded = try await store.record(result, key: m.key, fence: entry.fence, at: clock.now())
        switch (result, recorded) {
        case (_, false): logger.warning("发送结果未记录（已由其他实例接管）：\(m.key)")
        case (.delivered, _): logger.info("已送达 \(m.channel) \(m.recipient)：\(m.subject)")
        case (.retry(let at, let error), _): logger.warning("发送失败，\(at.iso) 重试（第 \(entry.attempts) 次）：\(m.channel) \(m.recipient)：\(error)")
        case (.dead(let error), _): logger.error("放弃发送 \(m.channel) \(m.recipient)：\(m.subject)：\(error)")
        case (.cancelled(let why), _): logger.info("已取消 \(m.channel) \(m.recipient)：\(m.subject)：\(why)")
        }
    }

    private func failed(_ entry: OutboxEntry, _ failure: DeliveryFailure) -> DeliveryResult {
        guard failure.transient else { return .dead(failure.reason) }
        guard let next = configuration.retry.nextAttempt(after: entry.attempts, now: clock.now(), due: entry.retryFrom) else {
            return .dead("多次重试仍失败，已放弃：\(failure.reason)")
        }
        return .retry(at: next, error: failure.reason)
    }

    /// Why the message should not go out any more: its event (`absence:A-7`) is settled.
    private func cancellation(of m: OutboxMessage) async throws -> String? {
        guard let events, let subject = m.eventSubject, let colon = subject.firstIndex(of: ":"),
              let kind = DeadlineEvent.Kind(rawValue: String(subject[..<colon])) else { return nil }
        return try await events.isSettled(kind, id: String(subject[subject.index(after: colon)...])) ? "事件已办结，提醒不再发送" : nil
    }
}
