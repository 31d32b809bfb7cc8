// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tally",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tally", targets: ["CLI"]),
        .executable(name: "tally-bench", targets: ["TallyBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/pointfreeco/swift-tagged.git", from: "0.10.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
    ],
    targets: [
        // Lua 5.4 from Debian (liblua5.4-dev): shims, bounded allocator, budget hook, sandbox.
        .target(name: "CLua", linkerSettings: [.linkedLibrary("lua5.4")]),
        .target(name: "LuaHost", dependencies: ["CLua"]),
        .target(name: "YAMLFiles", dependencies: ["Yams"]),
        .target(name: "FolderWatch"),
        .target(name: "WorkingDays", dependencies: ["YAMLFiles"]),
        .target(name: "Cron", dependencies: ["WorkingDays"]),
        .target(name: "Scheduling", dependencies: [
            "Domain", "WorkingDays", "Cron", "YAMLFiles", .product(name: "Logging", package: "swift-log"),
            .product(name: "Tagged", package: "swift-tagged"),
        ]),
        .target(name: "Domain", dependencies: ["WorkingDays", .product(name: "Tagged", package: "swift-tagged")]),
        .target(name: "Rules", dependencies: [
            "Assessment", "Domain", "FolderWatch", "LuaHost", "WorkingDays", "YAMLFiles", .product(name: "Tagged", package: "swift-tagged"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Assessment", dependencies: ["Domain", "WorkingDays", .product(name: "Tagged", package: "swift-tagged")]),
        .target(name: "SQLiteStore", dependencies: [
            "Assessment", "Domain", "WorkingDays", "Scheduling", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Tagged", package: "swift-tagged"),
        ]),
        .target(name: "PostgresStore", dependencies: [
            "Assessment", "Domain", "WorkingDays", "Scheduling", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Tagged", package: "swift-tagged"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Interchange", dependencies: [
            "Domain", "WorkingDays", .product(name: "Tagged", package: "swift-tagged"), .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "Notices", dependencies: [
            "Assessment", "Domain", "WorkingDays", .product(name: "Mustache", package: "swift-mustache"), .product(name: "Tagged", package: "swift-tagged"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // Outside channels for the outbox: email over SMTP (SwiftNIO) and webhooks (AsyncHTTPClient).
        .target(name: "Delivery", dependencies: [
            "Domain", "Scheduling", "WorkingDays", "YAMLFiles", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The HTTP API under /api/v1, the console (server-rendered, 简体中文), access control,
        // health, readiness and metrics (Hummingbird 2).
        .target(name: "WebService", dependencies: [
            "Assessment", "Domain", "Interchange", "WorkingDays", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"), .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"), .product(name: "Tagged", package: "swift-tagged"),
        ], resources: [.copy("Resources")]),
        .target(name: "DemoData", dependencies: ["Domain", "WorkingDays", .product(name: "Tagged", package: "swift-tagged")]),
        .executableTarget(name: "CLI", dependencies: [
            "Assessment", "Delivery", "Domain", "FolderWatch", "Rules", "WorkingDays", "DemoData", "LuaHost", "Interchange", "Notices", "SQLiteStore", "PostgresStore",
            "Scheduling", "WebService", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Tagged", package: "swift-tagged"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "TallyBench", dependencies: [
            "Assessment", "Domain", "Rules", "WorkingDays", "DemoData", "LuaHost", "Interchange", "SQLiteStore", "PostgresStore", "Scheduling",
            .product(name: "Tagged", package: "swift-tagged"), .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost"]),
        .testTarget(name: "FolderWatchTests", dependencies: ["FolderWatch"]),
        .testTarget(name: "WorkingDaysTests", dependencies: ["WorkingDays", "YAMLFiles"]),
        .testTarget(name: "ServiceTests", dependencies: [
            "Scheduling", "SQLiteStore", "PostgresStore", "WorkingDays",
        ], exclude: [
            "Fixtures/notice-2026Q1.md", "Fixtures/notice-2026Q1.csv", "Fixtures/year-end-2026.md", "Fixtures/year-end-2026.csv",
        ]),
        .testTarget(name: "SchedulingTests", dependencies: [
            "Scheduling", "SQLiteStore", "Domain", "WorkingDays", "Cron", "YAMLFiles", .product(name: "Tagged", package: "swift-tagged"),
        ]),
        .testTarget(name: "CronTests", dependencies: ["Cron", "WorkingDays"]),
        .testTarget(name: "PostgresStoreTests", dependencies: [
            "PostgresStore", "SQLiteStore", "Domain", "WorkingDays", .product(name: "Tagged", package: "swift-tagged"),
            .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "StoreTests", dependencies: [
            "Domain", "Interchange", "SQLiteStore", "PostgresStore", "WorkingDays", "DemoData", .product(name: "Tagged", package: "swift-tagged"),
        ]),
        .testTarget(name: "ScheduleStoreTests", dependencies: [
            "Scheduling", "SQLiteStore", "PostgresStore", "Domain", "WorkingDays", "Interchange", .product(name: "Tagged", package: "swift-tagged"),
        ]),
        .testTarget(name: "AssessmentStoreTests", dependencies: [
            "Assessment", "SQLiteStore", "PostgresStore", "Domain", "WorkingDays", .product(name: "Tagged", package: "swift-tagged"),
        ]),
        .testTarget(name: "DeliveryTests", dependencies: [
            "Delivery", "Domain", "Scheduling", "WorkingDays", "YAMLFiles", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "WebServiceTests", dependencies: [
            "WebService", "Domain", "SQLiteStore", "PostgresStore", "Assessment", "WorkingDays", .product(name: "Tagged", package: "swift-tagged"),
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "RulesTests", dependencies: ["Assessment", "Rules", "Domain", "WorkingDays", "LuaHost", .product(name: "Tagged", package: "swift-tagged")]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
