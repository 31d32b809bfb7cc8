import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL database is, parsed from a libpq-style URL:
///
///     postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable
///     postgresql://USER@HOST/DATABASE
///     postgres://USER@/DATABASE?host=/var/run/postgresql      (Unix socket folder)
///
/// User and password may be percent-encoded. The port defaults to 5432, the database to the
/// user's name. `sslmode` is `disable` unless given (`disable`, `allow`, `prefer`,
/// `require`, `verify-ca`, `verify-full`): Tally's default is no TLS.
package struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    package enum TLSMode: String, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    package var host: String
    package var port: Int
    /// A Unix socket folder (`?host=/path`), used instead of `host` when set.
    package var socketFolder: String?
    package var user: String
    package var password: String?
    package var database: String
    package var tls: TLSMode

    package init(host: String = "127.0.0.1", port: Int = 5432, socketFolder: String? = nil, user: String, password: String?,
                 database: String, tls: TLSMode = .disable) {
        self.host = host
        self.port = port
        self.socketFolder = socketFolder
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    package struct Invalid: Error, CustomStringConvertible {
        package var reason: String
        package var description: String { "无效的 PostgreSQL 地址：\(reason)" }
    }

    /// Whether `s` names a PostgreSQL database (rather than a SQLite file).
    package static func matches(_ s: String) -> Bool {
        s.hasPrefix("postgres://") || s.hasPrefix("postgresql://")
    }

    package init(_ string: String) throws {
        guard Self.matches(string) else { throw Invalid(reason: "须以 postgres:// 或 postgresql:// 开头") }
        guard let c = URLComponents(string: string) else { throw Invalid(reason: "无法解析") }
        var query: [String: String] = [:]
        for item in c.queryItems ?? [] { query[item.name] = item.value ?? "" }
        var host = c.host ?? ""
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        host = host.removingPercentEncoding ?? host
        if let h = query["host"], !h.isEmpty {
            if h.hasPrefix("/") { socketFolder = h } else { host = h }
        }
        self.host = host.isEmpty ? "127.0.0.1" : host
        if let p = c.port {
            guard (1...65535).contains(p) else { throw Invalid(reason: "端口 \(p) 超出范围") }
            port = p
        } else if let p = query["port"] {
            guard let n = Int(p), (1...65535).contains(n) else { throw Invalid(reason: "端口 \(p) 无效") }
            port = n
        } else {
            port = 5432
        }
        let user = c.user ?? query["user"] ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        guard !user.isEmpty else { throw Invalid(reason: "缺少用户名") }
        self.user = user
        password = c.password ?? query["password"]
        var path = c.path
        if path.hasPrefix("/") { path.removeFirst() }
        database = path.isEmpty ? (query["dbname"] ?? user) : path
        guard !database.contains("/") else { throw Invalid(reason: "数据库名不能含 /") }
        let mode = query["sslmode"] ?? "disable"
        guard let tls = TLSMode(rawValue: mode) else { throw Invalid(reason: "未知的 sslmode '\(mode)'") }
        self.tls = tls
    }

    /// The same server and credentials, another database.
    package func with(database: String) -> PostgresURL {
        var u = self
        u.database = database
        return u
    }

    /// The URL without its password.
    package var description: String {
        let auth = password == nil ? user : "\(user):***"
        let where_ = socketFolder.map { "/\(database)?host=\($0)" } ?? "\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        let ssl = tls == .disable ? "" : (socketFolder == nil ? "?" : "&") + "sslmode=\(tls.rawValue)"
        return "postgres://\(auth)@\(where_)\(ssl)"
    }

    private var socketPath: String? { socketFolder.map { "\($0)/.s.PGSQL.\(port)" } }

    private func clientTLS() throws -> PostgresClient.Configuration.TLS {
        switch tls {
        case .disable: return .disable
        case .allow, .prefer:
            var c = TLSConfiguration.makeClientConfiguration()
            c.certificateVerification = .none
            return .prefer(c)
        case .require:
            var c = TLSConfiguration.makeClientConfiguration()
            c.certificateVerification = .none
            return .require(c)
        case .verifyCA:
            var c = TLSConfiguration.makeClientConfiguration()
            c.certificateVerification = .noHostnameVerification
            return .require(c)
        case .verifyFull:
            return .require(.makeClientConfiguration())
        }
    }

    /// The pool's configuration.
    func clientConfiguration() throws -> PostgresClient.Configuration {
        var c: PostgresClient.Configuration
        if let socketPath {
            c = .init(unixSocketPath: socketPath, username: user, password: password, database: database)
        } else {
            c = .init(host: host, port: port, username: user, password: password, database: database, tls: try clientTLS())
        }
        c.options.maximumConnections = 8
        return c
    }

    /// A single connection's configuration (imports hold one of their own).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let socketPath {
            return .init(unixSocketPath: socketPath, username: user, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS
        switch self.tls {
        case .disable: tls = .disable
        case .allow, .prefer, .require, .verifyCA, .verifyFull:
            let context = try NIOSSLContext(configuration: {
                var c = TLSConfiguration.makeClientConfiguration()
                switch self.tls {
                case .verifyFull: break
                case .verifyCA: c.certificateVerification = .noHostnameVerification
                default: c.certificateVerification = .none
                }
                return c
            }())
            tls = (self.tls == .allow || self.tls == .prefer) ? .prefer(context) : .require(context)
        }
        return .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }
}
