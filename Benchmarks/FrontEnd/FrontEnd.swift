import Benchmark
import Foundation
import Segq
// The phases are measured one by one, below the facade.
import SegqSyntax

/// Compile speed: lex+parse+check+normalise over a corpus of
/// realistic queries (`samples/corpus.segq`), per query; and lexing and
/// compiling a ~1 MB query. Targets: a typical 100-character query in
/// under 20 µs median; lexing at 100 MB/s or more.
let benchmarks: @Sendable () -> Void = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let corpusText = (try? String(contentsOf: root.appendingPathComponent("samples/corpus.segq"), encoding: .utf8)) ?? ""
    let corpus = corpusText.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    let typical = "tag = \"VIP\" and shopify.purchases >= 3 or hubspot.stage = \"Customer\" and added >= -30d"
    // The issue's "typical 100-character query": two groups, a negation, parentheses.
    let hundred = #"(tag = "VIP" and shopify.purchases >= 3) or (hubspot.stage = "Customer" and not tag = "Unsubscribed")"#
    let big = BigQuery.make(bytes: 1_000_000)
    let bigSource = SourceFile(big)
    let bigLimits = Limits(maxQueryBytes: 2 << 20, maxDepth: 256, maxConditions: 1 << 20, maxGroups: 1 << 20)
    let compiler = Compiler()

    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal],
                                           maxDuration: .seconds(3))

    Benchmark("compile typical query (\(typical.utf8.count) bytes)",
              configuration: .init(timeUnits: .nanoseconds)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(compiler.compile(typical))
        }
    }

    Benchmark("compile 100-character query (\(hundred.utf8.count) bytes)",
              configuration: .init(timeUnits: .nanoseconds)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(compiler.compile(hundred))
        }
    }

    Benchmark("compile corpus (\(corpus.count) queries, per query)",
              configuration: .init(timeUnits: .nanoseconds, scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            for q in corpus { blackHole(compiler.compile(q)) }
        }
    }

    Benchmark("lex 1 MB query", configuration: .init(timeUnits: .microseconds)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Lexer.tokenize(bigSource))
        }
    }

    Benchmark("parse 1 MB query", configuration: .init(timeUnits: .microseconds)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(QueryParser.parse(bigSource, limits: bigLimits))
        }
    }

    Benchmark("compile 1 MB query", configuration: .init(timeUnits: .milliseconds)) { benchmark in
        var c = Compiler()
        c.limits = bigLimits
        for _ in benchmark.scaledIterations {
            blackHole(c.compile(big))
        }
    }
}

/// A query of about `bytes` bytes: realistic conditions ORed, so the
/// normal form is one group per condition.
enum BigQuery {
    static func make(bytes: Int) -> String {
        let parts = [
            "tag = \"campaign-%d\"", "shopify.purchases >= %d", "hubspot.stage = \"Stage %d\"",
            "added >= -%dd", "klaviyo.list = \"list %d\"", "shopify.tag contains \"promo%d\"",
        ]
        var out = ""
        var i = 0
        while out.utf8.count < bytes {
            if i > 0 { out += " or " }
            out += parts[i % parts.count].replacingOccurrences(of: "%d", with: String(i % 997 + 1))
            i += 1
        }
        return out
    }
}
