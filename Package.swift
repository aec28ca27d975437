// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "segq",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Segq", targets: ["Segq"]),
        .executable(name: "segq", targets: ["segq"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
    ],
    targets: [
        // Phase modules: data flows one way, text → tokens → tree → typed query → normal form → plan → rows.
        // Small concepts every module shares (quoting, nearest name, instant text, zone names,
        // CSV fields, display width, seeded random numbers, keywords); standard library only.
        .target(name: "SegqBasics"),
        .target(name: "SegqSyntax", dependencies: ["SegqBasics"]),
        .target(name: "SegqSemantics", dependencies: ["SegqBasics", "SegqSyntax"]),
        .target(name: "SegqNormalForm", dependencies: ["SegqBasics", "SegqSyntax", "SegqSemantics"]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        // Store core: friends, import readers, the physical query and the protocols an engine
        // implements. Each engine is a sibling target on the core; the planner sees only the core.
        .target(name: "SegqStore", dependencies: ["SegqBasics", "SegqSyntax", "SegqSemantics"]),
        .target(name: "SegqMemoryStore", dependencies: ["SegqBasics", "SegqSyntax", "SegqSemantics", "SegqStore"]),
        .target(name: "SegqSQLiteStore", dependencies: ["SegqBasics", "SegqSyntax", "SegqSemantics", "SegqStore", "CSQLite"]),
        // Many accounts in one PostgreSQL database, through libpq.
        .target(name: "SegqPostgresStore", dependencies: ["SegqBasics", "SegqSyntax", "SegqSemantics", "SegqStore", "CLibPQ"]),
        .target(name: "SegqPlanner", dependencies: ["SegqBasics", "SegqSyntax", "SegqSemantics", "SegqNormalForm", "SegqStore"]),
        .target(name: "Segq", dependencies: [
            "SegqBasics", "SegqSyntax", "SegqSemantics", "SegqNormalForm", "SegqStore",
            "SegqMemoryStore", "SegqSQLiteStore", "SegqPostgresStore", "SegqPlanner",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The REPL's terminal-free half: input state machine, command table, completion,
        // preview rendering. Talks to the engine only through `REPLEngine`; no libedit.
        .target(name: "SegqREPLCore", dependencies: ["SegqBasics"]),
        // The MCP server over stdio: tools, a resource and a prompt over the `Segq` facade.
        .target(name: "SegqMCP", dependencies: ["Segq", .product(name: "MCP", package: "swift-sdk")]),
        .executableTarget(name: "segq", dependencies: [
            "Segq", "SegqBasics", "SegqREPLCore", "SegqMCP", "CLibEdit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "TestSupport", dependencies: ["Segq", "SegqBasics"], path: "Tests/TestSupport"),
        .testTarget(name: "SegqBasicsTests", dependencies: ["SegqBasics"]),
        .testTarget(name: "SegqSyntaxTests", dependencies: ["SegqSyntax", "Segq", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqSemanticsTests", dependencies: ["SegqSemantics", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqNormalFormTests", dependencies: ["SegqNormalForm", "Segq", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqStoreTests", dependencies: ["SegqStore", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqMemoryStoreTests", dependencies: ["SegqStore", "SegqMemoryStore", "TestSupport"]),
        .testTarget(name: "SegqSQLiteStoreTests", dependencies: ["SegqStore", "SegqSQLiteStore", "SegqMemoryStore", "TestSupport"]),
        .testTarget(name: "SegqPostgresStoreTests", dependencies: ["SegqPostgresStore", "SegqSQLiteStore", "TestSupport"]),
        // The planner's own tests use the memory engine; the cross-engine ones (Differential, engine
        // policy, missing values on both engines) also run SQL push-down through the facade.
        .testTarget(name: "SegqPlannerTests", dependencies: ["SegqPlanner", "SegqMemoryStore", "SegqSQLiteStore", "SegqPostgresStore", "Segq", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "SegqTests", dependencies: ["Segq", "SegqSQLiteStore", "TestSupport"]),
        .testTarget(name: "SegqREPLCoreTests", dependencies: ["SegqREPLCore", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqCLITests", dependencies: ["Segq", "SegqSQLiteStore", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqMCPTests", dependencies: ["Segq", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
