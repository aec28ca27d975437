import SegqBasics
import Testing
@testable import SegqSyntax

/// Random well-formed queries, generated from the grammar together with the
/// tree dump the parser must produce for them (spans left out) and the text
/// of every value in order. Each must parse without errors into exactly that
/// tree, with value spans covering exactly the value texts. Whitespace,
/// comments and keyword case vary.
@Suite struct GeneratedQueryTests {
    struct Generated {
        var text = ""
        var lines: [String] = []
        var valueTexts: [String] = []
    }

    struct Generator {
        var rng: SplitMix64
        var out = Generated()

        mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }

        mutating func space() {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: out.text += "\n  "
            case 1: out.text += " # note\n"
            case 2: out.text += "\t"
            default: out.text += " "
            }
        }

        mutating func keyword(_ word: String) {
            out.text += pick([word, word.uppercased(), word.prefix(1).uppercased() + word.dropFirst()])
        }

        mutating func line(_ depth: Int, _ text: String) {
            out.lines.append(String(repeating: "  ", count: depth) + text)
        }

        /// or_expr: one operand is the operand itself (no node).
        mutating func orExpr(_ depth: Int, nesting: Int) {
            chain("or", depth, nesting: nesting) { $0.andExpr($1, nesting: $2) }
        }

        mutating func andExpr(_ depth: Int, nesting: Int) {
            chain("and", depth, nesting: nesting) { $0.unary($1, nesting: $2) }
        }

        mutating func chain(_ word: String, _ depth: Int, nesting: Int,
                            operand: (inout Generator, Int, Int) -> Void) {
            let count = Int.random(in: 1...3, using: &rng)
            if count > 1 { line(depth, word) }
            for k in 0..<count {
                if k > 0 { space(); keyword(word); space() }
                operand(&self, count > 1 ? depth + 1 : depth, nesting)
            }
        }

        mutating func unary(_ depth: Int, nesting: Int) {
            if nesting < 6, chance(15) {
                keyword("not"); out.text += " "
                line(depth, "not")
                unary(depth + 1, nesting: nesting + 1)
            } else if nesting < 6, chance(20) {
                out.text += "("
                line(depth, "parentheses")
                orExpr(depth + 1, nesting: nesting + 1)
                out.text += ")"
            } else {
                condition(depth)
            }
        }

        static let fields: [(text: String, printed: String, segments: [String])] = [
            ("tag", "tag", []), ("name", "name", []), ("added", "added", []),
            ("shopify.purchases", "shopify.purchases", ["name shopify", "name purchases"]),
            ("hubspot.`lead status`", "hubspot.`lead status`", ["name hubspot", "quoted name `lead status`"]),
            ("klaviyo.now", "klaviyo.now", ["name klaviyo", "name now"]),
            ("`weird name`", "`weird name`", ["quoted name `weird name`"]),
        ]

        mutating func condition(_ depth: Int) {
            let field = pick(Self.fields)
            out.text += field.text
            var children = ["field " + field.printed] + field.segments.map { "  " + $0 }
            let bare = chance(10)
            if !bare {
                space()
                children += test()
            }
            line(depth, bare ? "condition (bare)" : "condition")
            for child in children { line(depth + 1, child) }
        }

        /// Writes a test; returns its dump lines relative to the condition's children.
        mutating func test() -> [String] {
            switch Int.random(in: 0..<8, using: &rng) {
            case 0:
                let op = pick(ComparisonOperator.allCases)
                out.text += op.rawValue
                space()
                return ["compare " + op.rawValue, "  " + value()]
            case 1:
                let negated = chance(50)
                if negated { keyword("not"); out.text += " " }
                keyword("in"); space(); out.text += "("
                var lines = [(negated ? "not " : "") + "in"]
                for k in 0..<Int.random(in: 1...3, using: &rng) {
                    if k > 0 { out.text += ","; space() }
                    lines.append("  " + value())
                }
                out.text += ")"
                return lines
            case 2:
                let negated = chance(50)
                if negated { keyword("not"); out.text += " " }
                keyword("between"); space()
                let low = value()
                space(); keyword("and"); space()
                return [(negated ? "not " : "") + "between", "  " + low, "  " + value()]
            case 3:
                let negated = chance(50)
                if negated { keyword("not"); out.text += " " }
                let match = pick([TextMatch.contains, .startsWith, .endsWith])
                for (k, word) in match.rawValue.split(separator: " ").enumerated() {
                    if k > 0 { space() }
                    keyword(String(word))
                }
                space()
                return [(negated ? "not " : "") + match.rawValue, "  " + value()]
            case 4, 5:
                keyword("is"); space()
                let negated = chance(50)
                if negated { keyword("not"); space() }
                let what = pick(["null", "empty"])
                keyword(what)
                return ["is " + (negated ? "not " : "") + what]
            default:
                keyword("within"); space()
                let count = Int.random(in: 1...400, using: &rng)
                let unit = pick(TimeUnit.allCases).rawValue
                return ["within", "  " + literal("\(count)\(unit)", "relative \(count)\(unit)")]
            }
        }

        /// Writes a value; returns its dump line (without span).
        mutating func value() -> String {
            switch Int.random(in: 0..<12, using: &rng) {
            case 0: return literal("\"VIP\"", "string \"VIP\"")
            case 1: return literal("'it\\'s'", "string \"it's\"")
            case 2: return literal("\"\\u{1F600} \\t\\\\\"", "string \"😀 \\t\\\\\"")
            case 3:
                let n = Int64.random(in: -1_000_000...1_000_000, using: &rng)
                return literal(String(n), "integer \(n)")
            case 4: return literal("2.5", "number 2.5")
            case 5: return literal(pick(["true", "TRUE"]), "bool true")
            case 6: return literal("2026-06-01", "date 2026-06-01")
            case 7: return literal("2026-06-01T09:30:00+09:00", "instant 2026-06-01T09:30:00+09:00")
            case 8: return literal("2026-06-01T09:30:00.5Z", "instant 2026-06-01T09:30:00.500Z")
            case 9:
                let word = pick(["-7d", "+3d", "-4w", "-3mo", "-1y", "-24h"])
                return literal(word, "relative " + word)
            default:
                let word = pick(["today", "yesterday", "now"])
                return literal(pick([word, word.uppercased()]), word)
            }
        }

        mutating func literal(_ text: String, _ printed: String) -> String {
            out.text += text
            out.valueTexts.append(text)
            return printed
        }
    }

    /// The dump without the trailing span of each line.
    static func withoutSpans(_ dump: String) -> [String] {
        dump.split(separator: "\n").map { line in
            guard let space = line.lastIndex(of: " ") else { return String(line) }
            return String(line[..<space])
        }
    }

    static func values(of tree: Expr) -> [ValueSyntax] {
        var found: [ValueSyntax] = []
        var stack = [tree]
        while let node = stack.popLast() {
            switch node {
            case .or(let operands, _), .and(let operands, _): stack.append(contentsOf: operands.reversed())
            case .not(let operand, _), .parenthesized(let operand, _): stack.append(operand)
            case .error: break
            case .condition(let condition):
                switch condition.test {
                case .compare(_, let v)?, .text(_, _, let v)?, .within(let v)?: found.append(v)
                case .in(_, let vs)?, .all(let vs)?: found += vs
                case .between(_, let low, let high)?: found += [low, high]
                case .isNull?, .isEmpty?, nil: break
                }
            }
        }
        return found
    }

    @Test func generatedQueriesParseIntoTheirTrees() {
        for seed in 0..<UInt64(2000) {
            var generator = Generator(rng: SplitMix64(seed: seed))
            generator.orExpr(0, nesting: 0)
            let generated = generator.out
            let result = QueryParser.parse(generated.text)
            guard !result.diagnostics.hasErrors else {
                Issue.record("seed \(seed): errors for \(generated.text.debugDescription): \(result.diagnostics)")
                return
            }
            let dumped = Self.withoutSpans(SyntaxTreePrinter.dump(result.tree))
            guard dumped == generated.lines else {
                Issue.record("seed \(seed): \(generated.text.debugDescription)\nexpected:\n\(generated.lines.joined(separator: "\n"))\nactual:\n\(dumped.joined(separator: "\n"))")
                return
            }
            let valueTexts = Self.values(of: result.tree).map { result.source.text(of: $0.span) }
            guard valueTexts == generated.valueTexts else {
                Issue.record("seed \(seed): value spans \(valueTexts) != \(generated.valueTexts)")
                return
            }
        }
    }
}
