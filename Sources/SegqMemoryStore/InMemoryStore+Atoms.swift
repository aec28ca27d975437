import SegqStore
import SegqSemantics

/// Resolving an atom against the columns (Grammar/README.md "Missing values and negation": an atom is a
/// positive test, false on a missing value). An operand only matches
/// stored values of its own kind; a range with no bound selects the
/// present values; `isEmpty` applies to sets only. These rules are the
/// SQLite store's too, so both stores answer alike.
extension InMemoryStore {
    func selection(_ atom: Atom) -> Selection {
        let p = atom.predicate
        switch atom.column {
        case .id: return idSelection(p)
        case .name: return stringSelection(name, p)
        case .added: return int64Selection(added, p)
        case .tag: return setSelection(tags, p)
        case .shopifyLinked: return flagSelection(shopify.linked, p)
        case .shopifyId: return plainSelection(shopify.id, p)
        case .shopifyTag: return setSelection(shopify.tags, p)
        case .shopifyPurchases: return int64Selection(shopify.purchases, p)
        case .shopifyLastPurchase: return int64Selection(shopify.lastPurchaseAt, p)
        case .shopifyCartAbandonedAt: return int64Selection(shopify.abandonedCartAt, p)
        case .hubspotLinked: return flagSelection(hubspot.linked, p)
        case .hubspotId: return plainSelection(hubspot.id, p)
        case .hubspotList: return setSelection(hubspot.lists, p)
        case .hubspotProperty(let n): return propertySelection(hubspot.property(named: n), p)
        case .klaviyoLinked: return flagSelection(klaviyo.linked, p)
        case .klaviyoId: return plainSelection(klaviyo.id, p)
        case .klaviyoList: return setSelection(klaviyo.lists, p)
        case .klaviyoProperty(let n): return propertySelection(klaviyo.property(named: n), p)
        }
    }

    private func idSelection(_ p: Predicate) -> Selection {
        switch p {
        case .present: return .rowsExcept(Bitmap(count: count))
        case .equals(let v): return idRows([v])
        case .oneOf(let vs): return idRows(vs)
        case let .range(lower, li, upper, ui):
            switch RangeOperands(lower, upper) {
            case .unbounded: return .rowsExcept(Bitmap(count: count))
            case .bounds(.string):
                guard let r = ByteStringRange(lower, li, upper, ui) else { return .nothing }
                return .idsWhere(r.contains)
            default: return .nothing
            }
        case let .text(match, needle):
            let matcher = TextMatcher(match, needle)
            return .idsWhere(matcher.matches)
        case .isEmpty: return .nothing
        }
    }

    private func idRows(_ values: [Scalar]) -> Selection {
        var out = Bitmap(count: count)
        for v in values {
            if let s = v.nfcString, let row = ids.row(of: s) { out.insert(row) }
        }
        return .rows(out)
    }

    func stringSelection(_ column: StringColumn, _ p: Predicate) -> Selection {
        switch p {
        case .present: return .rows(column.presence.bitmap)
        case .equals(let v):
            guard let s = v.nfcString, let code = column.dictionary.code(of: s) else { return .nothing }
            return .stringCodes(column, [code])
        case .oneOf(let vs):
            let codes = Set(vs.compactMap { $0.nfcString.flatMap { column.dictionary.code(of: $0) } })
            return codes.isEmpty ? .nothing : .stringCodes(column, codes.sorted())
        case let .range(lower, li, upper, ui):
            switch RangeOperands(lower, upper) {
            case .unbounded: return .rows(column.presence.bitmap)
            case .bounds(.string):
                guard let r = ByteStringRange(lower, li, upper, ui) else { return .nothing }
                return .stringCodes(column, column.codes(where: r.contains))
            default: return .nothing
            }
        case let .text(match, needle):
            return .stringCodes(column, column.matchingCodes(TextMatcher(match, needle)))
        case .isEmpty: return .nothing
        }
    }

    /// Integration ids: every test but presence is a pass over the values.
    func plainSelection(_ column: PlainStringColumn, _ p: Predicate) -> Selection {
        func equalToAny(_ values: [Scalar]) -> Selection {
            let wanted = Array(Set(values.compactMap { $0.nfcString.map { Array($0.utf8) } }))
            if wanted.isEmpty { return .nothing }
            return .plainWhere(column, estimate: wanted.count) { bytes in
                wanted.contains { $0.count == bytes.count && $0.elementsEqual(bytes) }
            }
        }
        switch p {
        case .present: return .rows(column.presence.bitmap)
        case .equals(let v): return equalToAny([v])
        case .oneOf(let vs): return equalToAny(vs)
        case let .range(lower, li, upper, ui):
            switch RangeOperands(lower, upper) {
            case .unbounded: return .rows(column.presence.bitmap)
            case .bounds(.string):
                guard let r = ByteStringRange(lower, li, upper, ui) else { return .nothing }
                return .plainWhere(column, estimate: column.presence.count / 4, r.contains)
            default: return .nothing
            }
        case let .text(match, needle):
            let matcher = TextMatcher(match, needle)
            return .plainWhere(column, estimate: column.presence.count / 10, matcher.matches)
        case .isEmpty: return .nothing
        }
    }

    func setSelection(_ column: SetColumn, _ p: Predicate) -> Selection {
        switch p {
        case .present: return .rows(column.presence.bitmap)
        case .equals(let v):
            guard let s = v.nfcString, let code = column.dictionary.code(of: s) else { return .nothing }
            return .setCodes(column, [code])
        case .oneOf(let vs):
            let codes = Set(vs.compactMap { $0.nfcString.flatMap { column.dictionary.code(of: $0) } })
            return codes.isEmpty ? .nothing : .setCodes(column, codes.sorted())
        case let .range(lower, li, upper, ui):
            switch RangeOperands(lower, upper) {
            case .unbounded: return .rows(column.presence.bitmap)
            case .bounds(.string):
                guard let r = ByteStringRange(lower, li, upper, ui) else { return .nothing }
                return .setCodes(column, column.codes(where: r.contains))
            default: return .nothing
            }
        case let .text(match, needle):
            return .setCodes(column, column.matchingCodes(TextMatcher(match, needle)))
        case .isEmpty: return .rows(column.emptySets)
        }
    }

    func int64Selection(_ column: OrderedColumn<Int64>, _ p: Predicate) -> Selection {
        switch p {
        case .present: return .rows(column.presence.bitmap)
        case .equals(let v):
            guard let i = v.exactInt64 else { return .nothing }
            return .int64Positions(column, column.sortedBounds(.exactly(i)))
        case .oneOf(let vs):
            let ints = Set(vs.compactMap(\.exactInt64)).sorted()
            if ints.count == 1 { return .int64Positions(column, column.sortedBounds(.exactly(ints[0]))) }
            return .union(ints.map { .int64Positions(column, column.sortedBounds(.exactly($0))) })
        case let .range(lower, li, upper, ui):
            switch RangeOperands(lower, upper) {
            case .unbounded: return .rows(column.presence.bitmap)
            case .bounds(.numeric):
                guard let r = NumericRange.int64(lower, li, upper, ui) else { return .nothing }
                return .int64Positions(column, column.sortedBounds(r))
            default: return .nothing
            }
        case .text, .isEmpty: return .nothing
        }
    }

    func doubleSelection(_ column: OrderedColumn<Double>, _ p: Predicate) -> Selection {
        switch p {
        case .present: return .rows(column.presence.bitmap)
        case .equals(let v):
            guard let d = v.doubleOperand else { return .nothing }
            return .doublePositions(column, column.sortedBounds(.exactly(d)))
        case .oneOf(let vs):
            let ds = Set(vs.compactMap(\.doubleOperand)).sorted()
            if ds.count == 1 { return .doublePositions(column, column.sortedBounds(.exactly(ds[0]))) }
            return .union(ds.map { .doublePositions(column, column.sortedBounds(.exactly($0))) })
        case let .range(lower, li, upper, ui):
            switch RangeOperands(lower, upper) {
            case .unbounded: return .rows(column.presence.bitmap)
            case .bounds(.numeric):
                guard let r = NumericRange.double(lower, li, upper, ui) else { return .nothing }
                return .doublePositions(column, column.sortedBounds(r))
            default: return .nothing
            }
        case .text, .isEmpty: return .nothing
        }
    }

    /// A never-missing bool (`linked`), false for an unlinked friend:
    /// `present` means linked (see `Predicate.present`); an unbounded range
    /// holds for every friend, as on any field that is never missing.
    private func flagSelection(_ trueRows: Bitmap, _ p: Predicate) -> Selection {
        if case .range(nil, _, nil, _) = p { return .union([.rows(trueRows), .rowsExcept(trueRows)]) }
        return boolSelection(p, present: .rows(trueRows), trueRows: .rows(trueRows), falseRows: .rowsExcept(trueRows))
    }

    /// A bool test given the rows holding true and false; `present` is
    /// what a presence test (and an unbounded range) selects.
    private func boolSelection(_ p: Predicate, present: Selection, trueRows: Selection,
                               falseRows: Selection) -> Selection {
        func rows(_ matching: [Bool]) -> Selection {
            let parts = matching.map { $0 ? trueRows : falseRows }
            switch parts.count {
            case 0: return .nothing
            case 1: return parts[0]
            default: return .union(parts)
            }
        }
        switch p {
        case .present: return present
        case .equals(let v):
            guard let b = v.boolOperand else { return .nothing }
            return rows([b])
        case .oneOf(let vs):
            return rows([false, true].filter { vs.contains(.bool($0)) })
        case let .range(lower, li, upper, ui):
            switch RangeOperands(lower, upper) {
            case .unbounded: return present
            case .bounds(.bool):
                let r = ValueRange<Scalar>(lower: lower, lowerInclusive: li, upper: upper, upperInclusive: ui)
                return rows([false, true].filter { r.contains(.bool($0)) })
            default: return .nothing
            }
        case .text, .isEmpty: return .nothing
        }
    }

    private func propertySelection(_ column: PropertyColumn?, _ p: Predicate) -> Selection {
        guard let column else { return .nothing }
        func strings(_ p: Predicate) -> Selection { column.strings.map { stringSelection($0, p) } ?? .nothing }
        func numbers(_ p: Predicate) -> Selection { column.numbers.map { doubleSelection($0, p) } ?? .nothing }
        func bools(_ p: Predicate) -> Selection {
            guard let t = column.trueRows, let f = column.falseRows else { return .nothing }
            return boolSelection(p, present: .rows(t.union(f)), trueRows: .rows(t), falseRows: .rows(f))
        }
        func byKind(_ kind: OperandKind, _ p: Predicate) -> Selection {
            switch kind {
            case .string: return strings(p)
            case .numeric: return numbers(p)
            case .bool: return bools(p)
            }
        }
        switch p {
        case .present: return .rows(column.presence)
        case .equals(let v): return byKind(v.operandKind, p)
        case .oneOf(let vs):
            var parts: [Selection] = []
            for kind in [OperandKind.string, .numeric, .bool] {
                let same = vs.filter { $0.operandKind == kind }
                if !same.isEmpty { parts.append(byKind(kind, .oneOf(same))) }
            }
            return parts.count == 1 ? parts[0] : .union(parts)
        case .range(let lower, _, let upper, _):
            switch RangeOperands(lower, upper) {
            case .unbounded: return .rows(column.presence)
            case .bounds(let kind): return byKind(kind, p)
            case .mismatched: return .nothing
            }
        case .text: return strings(p)
        case .isEmpty: return .nothing
        }
    }
}

extension CRMColumns {
    /// The property column of this name (as written, or in NFC).
    func property(named name: String) -> PropertyColumn? {
        properties[name] ?? properties[name.nfcNormalized]
    }
}
