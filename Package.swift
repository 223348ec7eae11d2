// swift-tools-version:6.0
import PackageDescription

/// One list of settings for every target: Swift 6 language mode is the tools
/// default; `ExistentialAny` makes every existential spelled out.
///
/// Access: `public` is a promise, made only by the two library products (`RollcallCore`,
/// `Rollcall`) for what a user of them calls (`api/*.txt` lists it, and CI checks the list);
/// what one target lends another (the seams, HTTP plumbing, connectors, the simulators, test
/// support) is `package`; the rest is internal.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Rollcall",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rollcall", targets: ["RollcallCLI"]),
        .executable(name: "rollcall-bench", targets: ["rollcall-bench"]),
        .library(name: "RollcallCore", targets: ["RollcallCore"]),
        .library(name: "Rollcall", targets: ["Rollcall"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/GraphQLSwift/GraphQL", from: "4.3.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        // The access review's CSV workbook; and the benchmark's yardstick for the roster's CSV
        // reader (which keeps line and column, as this library cannot).
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // The system's libyaml (Debian's libyaml-dev), found through pkg-config.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // glibc's mallopt, to keep the CLI to one malloc arena (see its shim.h).
        .systemLibrary(name: "CMallocArenas"),
        // Pure core: YAML, config, diagnostics, live state, the planner, digests and
        // renderers (the HTML review and JUnit through Mustache templates). Takes bytes
        // and values; never opens a file or socket, reads a clock or draws a random
        // number (SHA-256 is a pure function of its bytes).
        .target(
            name: "RollcallCore",
            dependencies: [
                "CLibYAML", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings
        ),
        // HTTP plumbing both connectors share: the retry policy and budget, adaptive
        // (AIMD) concurrency, request ids and the ledger of requests made.
        .target(
            name: "RollcallHTTP",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // athenaOne REST connector: live snapshot reads and single writes.
        .target(
            name: "AthenaOne",
            dependencies: [
                "RollcallCore", "RollcallHTTP", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        // Healthie GraphQL connector: live snapshot reads and single writes.
        .target(
            name: "Healthie",
            dependencies: [
                "RollcallCore", "RollcallHTTP", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        // Orchestration: reads config files, opens the connectors through its live-systems
        // seam, reads a snapshot of the live systems and plans from it. No server inside.
        .target(
            name: "Rollcall",
            dependencies: [
                "RollcallCore", "AthenaOne", "Healthie", "RollcallHTTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // The sandbox adapter: `--sandbox`, its state files, and the simulators served in
        // process behind `Rollcall`'s live-systems seam. The CLI, the bench and the tests use it.
        .target(
            name: "RollcallSandbox",
            dependencies: [
                "Rollcall", "RollcallCore", "AthenaOne", "Healthie", "Sandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        // Simulators of athenaOne and Healthie, for tests, benchmarks and `--sandbox`.
        .target(
            name: "Sandbox",
            dependencies: [
                "RollcallCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The command-line tool (the `rollcall` product): thin commands that hand off to
        // `Rollcall`. The target is not named `rollcall`: it would differ from the library
        // `Rollcall` only by case, which a case-insensitive file system cannot hold apart.
        .executableTarget(
            name: "RollcallCLI",
            dependencies: [
                "CMallocArenas", "Rollcall", "RollcallCore", "RollcallSandbox", "Sandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Shared fixtures for tests and the benchmark: synthetic configs of any size.
        .target(
            name: "RollcallTestSupport",
            dependencies: [
                "RollcallCore", "RollcallHTTP", "Sandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings),
        // `swift run -c release rollcall-bench`: speed and memory, measured, not asserted.
        .executableTarget(
            name: "rollcall-bench",
            dependencies: [
                "AthenaOne", "Healthie", "Rollcall", "RollcallCore", "RollcallSandbox", "RollcallTestSupport",
                "Sandbox", .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RollcallCoreTests",
            dependencies: ["RollcallCore", "RollcallTestSupport"],
            swiftSettings: strictSettings
        ),
        // The simulators' documented quirks, proven over real HTTP on loopback.
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Sandbox",
                "RollcallCore",
                "RollcallTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // The connectors against the simulators over real HTTP on loopback, faults on.
        .testTarget(
            name: "ConnectorTests",
            dependencies: [
                "AthenaOne", "Healthie", "RollcallHTTP", "RollcallCore", "Sandbox", "RollcallTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RollcallTests",
            dependencies: ["Rollcall", "RollcallCore", "RollcallSandbox", "RollcallTestSupport", "Sandbox"],
            swiftSettings: strictSettings
        ),
        // Runs the built `rollcall` binary and pins what a user sees.
        .testTarget(
            name: "RollcallCLITests",
            dependencies: ["RollcallCLI", "RollcallCore", "RollcallTestSupport"],
            // Golden plans, read from the source tree by path like the examples.
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
    ]
)
