import SegqSyntax

/// Checks one `field [test]` and builds its typed `Condition`
/// (Grammar/README.md "Fields", "Tests by type" and "Time"): resolve the field, check the test is allowed
/// for its type, type the operands, then the value-level checks (bound
/// order, known segments and values, never-missing fields).
///
/// Contract: returns nil exactly when it appended an error (or an operand
/// failed to parse, whose error the parser recorded). Negative forms
/// become `negated` positive tests: `!=` → equals, `not in` → oneOf,
/// `is not null` → isNull, and so on; a bare bool field is `= true`;
/// `f all (a, b)` is the conjunction `f = a and f = b`.
struct ConditionChecker {
    var resolver: FieldResolver
    let literals: LiteralTyper
    let knownValues: KnownValueChecks

    mutating func check(_ syntax: ConditionSyntax, into diagnostics: inout [Diagnostic]) -> QueryNode? {
        guard let field = resolver.resolve(syntax.field, into: &diagnostics) else { return nil }
        let form = TestForm(syntax.test)
        guard field.type.allows(form), field.field.tagKey == nil || TagKeys.allowedTests.contains(form) else {
            diagnostics.append(refusal(form, of: field, in: syntax))
            return nil
        }
        if let key = field.field.tagKey { knownValues.checkTagKey(key, at: syntax.field.span, into: &diagnostics) }
        guard let written = syntax.test else {
            return .condition(Condition(field: field.field, type: field.type, test: .equals(.bool(true)),
                                        span: syntax.span))
        }
        if case .all(let operands) = written {
            guard let values = typedList(operands, of: field, into: &diagnostics) else { return nil }
            let each = values.map {
                QueryNode.condition(Condition(field: field.field, type: field.type, test: .equals($0), span: syntax.span))
            }
            return each.count == 1 ? each[0] : .and(each, syntax.span)
        }
        guard let typed = typedTest(written, form: form, of: field, in: syntax, into: &diagnostics) else { return nil }
        return .condition(Condition(field: field.field, type: field.type, test: typed.test, negated: typed.negated,
                                    span: syntax.span))
    }

    /// The values of `in (…)` or `all (…)`, checked against the known values; nil when one failed.
    private func typedList(_ operands: [ValueSyntax], of field: ResolvedField,
                           into diagnostics: inout [Diagnostic]) -> [Value]? {
        // An empty list: the parser reported E0207 already.
        if operands.isEmpty { return nil }
        var typed: [(value: Value, syntax: ValueSyntax)] = []
        typed.reserveCapacity(operands.count)
        var complete = true
        for operand in operands {
            if let value = literals.value(operand, for: field, role: .equality, into: &diagnostics) {
                typed.append((value, operand))
            } else {
                complete = false
            }
        }
        guard complete, knownValues.check(typed, of: field, into: &diagnostics) else { return nil }
        return typed.map(\.value)
    }

    private func typedTest(_ written: TestSyntax, form: TestForm, of field: ResolvedField, in syntax: ConditionSyntax,
                           into diagnostics: inout [Diagnostic]) -> (test: Test, negated: Bool)? {
        switch written {
        case .compare(let op, let operand):
            let equality = op == .equal || op == .notEqual
            guard let value = literals.value(operand, for: field, role: equality ? .equality : .ordering,
                                             into: &diagnostics) else { return nil }
            if equality, !knownValues.check([(value, operand)], of: field,
                                            comparison: .init(span: syntax.span, negated: op == .notEqual),
                                            into: &diagnostics) { return nil }
            switch op {
            case .equal: return (.equals(value), false)
            case .notEqual: return (.equals(value), true)
            case .less: return (.less(value), false)
            case .lessOrEqual: return (.lessOrEqual(value), false)
            case .greater: return (.greater(value), false)
            case .greaterOrEqual: return (.greaterOrEqual(value), false)
            }
        case .in(let negated, let operands):
            guard let values = typedList(operands, of: field, into: &diagnostics) else { return nil }
            return (.oneOf(values), negated)
        case .all(let operands):
            // `check` expands `all` into its conjunction; a one-value list is `=`.
            guard let values = typedList(operands, of: field, into: &diagnostics), values.count == 1 else { return nil }
            return (.equals(values[0]), false)
        case .between(let negated, let low, let high):
            let a = literals.value(low, for: field, role: .ordering, into: &diagnostics)
            let b = literals.value(high, for: field, role: .ordering, into: &diagnostics)
            guard let a, let b else { return nil }
            if case .reversed(let inUTC) = RangeChecks.order(a, b) {
                diagnostics.append(reversedRange(low, high, timed: field.type == .time, inUTC: inUTC))
                return nil
            }
            return (.between(a, b), negated)
        case .text(let negated, let match, let operand):
            guard case .string(let s)? = literals.value(operand, for: field, role: .text(form), into: &diagnostics)
            else { return nil }
            switch match {
            case .contains: return (.contains(s), negated)
            case .startsWith: return (.startsWith(s), negated)
            case .endsWith: return (.endsWith(s), negated)
            }
        case .isNull(let negated):
            if !field.field.canBeMissing {
                let path = field.path
                diagnostics.append(negated
                    ? .warning(.alwaysTrueCondition, CheckerMessage.alwaysTrue(path: path), at: syntax.span)
                    : .warning(.alwaysFalseCondition, CheckerMessage.alwaysFalse(path: path), at: syntax.span))
            }
            return (.isNull, negated)
        case .isEmpty(let negated):
            return (.isEmpty, negated)
        case .within(let operand):
            switch operand.kind {
            case .relative(let r): return (RangeChecks.within(r), false)
            case .error: return nil
            case .period(let period):
                // A period is a range of days already: `= this month` is what `within` would mean.
                let span = (syntax.operatorSpan ?? operand.span).union(operand.span)
                diagnostics.append(.error(.invalidWithin,
                                          CheckerMessage.withinNeedsRelative(found: literals.describe(operand)),
                                          at: operand.span,
                                          suggestion: Suggestion(message: CheckerMessage.periodIsARange(period.description),
                                                                 replacement: "= " + period.description, span: span)))
                return nil
            default:
                diagnostics.append(.error(.invalidWithin,
                                          CheckerMessage.withinNeedsRelative(found: literals.describe(operand)),
                                          at: operand.span, notes: [CheckerMessage.withinHint]))
                return nil
            }
        }
    }

    /// E0204 for a bare non-bool field, E0202 for any other refused test.
    private func refusal(_ form: TestForm, of field: ResolvedField, in syntax: ConditionSyntax) -> Diagnostic {
        if form == .bare {
            return .error(.bareFieldNotBool, CheckerMessage.bareFieldNotBool(path: field.path, type: field.type),
                          at: syntax.field.span,
                          suggestion: Suggestion(message: CheckerMessage.bareFieldHint(path: field.path,
                                                                                       type: field.type)))
        }
        if field.field.tagKey != nil {
            return .error(.testNotAllowed, CheckerMessage.testNotAllowedOnTagKey(form, path: field.path),
                          at: syntax.operatorSpan ?? syntax.span, notes: [CheckerMessage.tagKeyTestsNote])
        }
        return .error(.testNotAllowed, CheckerMessage.testNotAllowed(form, path: field.path, type: field.type),
                      at: syntax.operatorSpan ?? syntax.span, notes: [CheckerMessage.allowedTestsNote(field.type)])
    }

    /// E0205 with a fix-it that swaps the bounds as written.
    private func reversedRange(_ low: ValueSyntax, _ high: ValueSyntax, timed: Bool, inUTC: Bool) -> Diagnostic {
        let lowText = literals.source.text(of: low.span), highText = literals.source.text(of: high.span)
        let message = timed ? CheckerMessage.reversedTimes(lowText, highText)
                            : CheckerMessage.reversedNumbers(lowText, highText)
        let span = low.span.union(high.span)
        var notes = [CheckerMessage.reversedRangeMatchesNothing]
        if inUTC { notes.append(CheckerMessage.dayComparedInUTC) }
        return .error(.reversedRange, message, at: span,
                      suggestion: Suggestion(message: CheckerMessage.swapBounds,
                                             replacement: "\(highText) and \(lowText)", span: span),
                      notes: notes)
    }
}
