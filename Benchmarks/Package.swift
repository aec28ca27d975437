// swift-tools-version:6.1
// The segq benchmarks (package-benchmark), a package of their own so the
// main build and `make test` never compile them. Run from this folder:
//   swift package --allow-writing-to-directory .benchmarkBaselines benchmark
import PackageDescription

let package = Package(
    name: "segq-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "segq", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FrontEnd",
            dependencies: [
                .product(name: "Segq", package: "segq"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "FrontEnd",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Stores",
            dependencies: [
                .product(name: "Segq", package: "segq"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Stores",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
