// swift-tools-version:6.0
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
    ],
    targets: [
        // Phase modules: data flows one way, text → tokens → tree → typed query → normal form → plan → rows.
        .target(name: "SegqSyntax"),
        .target(name: "SegqSemantics", dependencies: ["SegqSyntax"]),
        .target(name: "SegqNormalForm", dependencies: ["SegqSyntax", "SegqSemantics"]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .target(name: "SegqStore", dependencies: ["SegqSyntax", "SegqSemantics", "CSQLite"]),
        // Many accounts in one PostgreSQL database, through libpq.
        .target(name: "SegqPostgresStore", dependencies: ["SegqSemantics", "SegqStore", "CLibPQ"]),
        .target(name: "SegqPlanner", dependencies: ["SegqSyntax", "SegqSemantics", "SegqNormalForm", "SegqStore"]),
        .target(name: "Segq", dependencies: ["SegqSyntax", "SegqSemantics", "SegqNormalForm", "SegqStore", "SegqPlanner"]),
        // The REPL's terminal-free half: input state machine, command table, completion,
        // preview rendering. Talks to the engine only through `REPLEngine`; no libedit.
        .target(name: "SegqREPLCore"),
        .executableTarget(name: "segq", dependencies: [
            "Segq", "SegqREPLCore", "CLibEdit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "TestSupport", dependencies: ["Segq"], path: "Tests/TestSupport"),
        .testTarget(name: "SegqSyntaxTests", dependencies: ["SegqSyntax", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqSemanticsTests", dependencies: ["SegqSemantics", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqNormalFormTests", dependencies: ["SegqNormalForm", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqStoreTests", dependencies: ["SegqStore", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqPostgresStoreTests", dependencies: ["SegqPostgresStore", "TestSupport"]),
        .testTarget(name: "SegqPlannerTests", dependencies: ["SegqPlanner", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqREPLCoreTests", dependencies: ["SegqREPLCore", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SegqCLITests", dependencies: ["Segq", "TestSupport"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v5]
)
