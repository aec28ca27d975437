import SegqStore

/// What an import into a store that already held friends changed, gathered
/// friend by friend as the writer appends or rewrites rows: net changes of
/// the counts in `statistics`, the values some friend gained or lost, and
/// which ordered columns and flags moved. `SQLiteStore.updateStatistics(_:)`
/// brings the statistics and bitmaps up to date from it, touching only
/// what these values decide (the result is what a full recomputation gives).
struct FriendChanges {
    /// Friends appended with a new id.
    var appended = 0
    /// Net change of friends holding each counted column (order of `SQLiteStore.countedColumns`).
    var present = [Int](repeating: 0, count: SQLiteStore.countedColumns.count)
    /// Net change of friends with a non-empty set, per set table (order of `SQLiteSchema.setTables`).
    var nonEmpty = [Int](repeating: 0, count: SQLiteSchema.setTables.count)
    /// Per set table, the values some friend gained or lost, with the net change of their friends.
    var setValues = [[StoredString: Int]](repeating: [:], count: SQLiteSchema.setTables.count)
    /// Net change of friends holding each property.
    var propertyPresent: [PropertyName: Int] = [:]
    /// Per property, the values some friend gained or lost, with the net change of their friends.
    var propertyValues: [PropertyName: [PropertyValueKey: Int]] = [:]
    /// Ordered columns (order of `SQLiteStore.orderedColumns`) in which some friend's value changed.
    var orderedChanged = [Bool](repeating: false, count: SQLiteStore.orderedColumns.count)
    /// Whether some friend's `linked` flags changed (or a friend was appended).
    var flagsChanged = false

    struct PropertyName: Hashable {
        var integration: SQLiteSchema.PropertyIntegration
        var name: String
    }

    /// A property value as `statistics` keeps it: its kind and its SQL value.
    /// Equal when SQLite's GROUP BY finds them equal (text by its bytes).
    struct PropertyValueKey: Hashable {
        var kind: Int64
        var value: SQLiteValue

        func hash(into hasher: inout Hasher) {
            hasher.combine(kind)
            switch value {
            case .text(let text): StoredString(text).hash(into: &hasher)
            default: hasher.combine(value)
            }
        }

        static func == (a: Self, b: Self) -> Bool {
            guard a.kind == b.kind else { return false }
            if case .text(let x) = a.value, case .text(let y) = b.value { return StoredString(x) == StoredString(y) }
            return a.value == b.value
        }

        init(_ value: PropertyValue) {
            switch value {
            case .string(let s): self.init(kind: SQLiteSchema.PropertyKind.string.rawValue, value: .text(s))
            case .number(let n): self.init(kind: SQLiteSchema.PropertyKind.number.rawValue, value: .double(n))
            case .bool(let b): self.init(kind: SQLiteSchema.PropertyKind.bool.rawValue, value: .int(b ? 1 : 0))
            }
        }

        init(kind: Int64, value: SQLiteValue) {
            self.kind = kind
            self.value = value
        }
    }

    /// Whether anything the statistics describe changed.
    var isEmpty: Bool {
        appended == 0 && !flagsChanged && !orderedChanged.contains(true) && present.allSatisfy { $0 == 0 }
            && setValues.allSatisfy(\.isEmpty) && propertyValues.isEmpty && propertyPresent.isEmpty
            && nonEmpty.allSatisfy { $0 == 0 }
    }

    /// Records that the friend stored as `old` (nil: a new row) is now `new`
    /// (both in stored form: NFC, sets without repeats).
    mutating func record(old: Friend?, new: Friend) {
        if old == nil { appended += 1 }
        for (i, counted) in SQLiteStore.countedColumns.enumerated() {
            present[i] += (counted.holds(new) ? 1 : 0) - (old.map(counted.holds) == true ? 1 : 0)
        }
        for (i, ordered) in SQLiteStore.orderedColumns.enumerated() {
            let before = old.flatMap(ordered.value), after = ordered.value(new)
            if before != after || (old == nil && after != nil) { orderedChanged[i] = true }
        }
        if old == nil || (old!.shopify != nil) != (new.shopify != nil) || (old!.hubspot != nil) != (new.hubspot != nil)
            || (old!.klaviyo != nil) != (new.klaviyo != nil) {
            flagsChanged = true
        }
        for table in setValues.indices {
            let before = old.map { Self.setValues($0, table: table) } ?? []
            let after = Self.setValues(new, table: table)
            nonEmpty[table] += (after.isEmpty ? 0 : 1) - (before.isEmpty ? 0 : 1)
            for value in before where !after.contains(value) { setValues[table][StoredString(value), default: 0] -= 1 }
            for value in after where !before.contains(value) { setValues[table][StoredString(value), default: 0] += 1 }
        }
        recordProperties(old?.hubspot?.properties ?? [:], new.hubspot?.properties ?? [:], .hubspot)
        recordProperties(old?.klaviyo?.properties ?? [:], new.klaviyo?.properties ?? [:], .klaviyo)
    }

    private mutating func recordProperties(_ before: [String: PropertyValue], _ after: [String: PropertyValue],
                                           _ integration: SQLiteSchema.PropertyIntegration) {
        for (name, value) in before where after[name] != value {
            let key = PropertyName(integration: integration, name: name)
            if after[name] == nil { propertyPresent[key, default: 0] -= 1 }
            propertyValues[key, default: [:]][PropertyValueKey(value), default: 0] -= 1
        }
        for (name, value) in after where before[name] != value {
            let key = PropertyName(integration: integration, name: name)
            if before[name] == nil { propertyPresent[key, default: 0] += 1 }
            propertyValues[key, default: [:]][PropertyValueKey(value), default: 0] += 1
        }
    }

    /// The values of set table number `table` (order of `SQLiteSchema.setTables`) of a friend.
    static func setValues(_ friend: Friend, table: Int) -> [String] {
        switch table {
        case 0: return friend.tags
        case 1: return friend.shopify?.tags ?? []
        case 2: return friend.hubspot?.lists ?? []
        default: return friend.klaviyo?.lists ?? []
        }
    }
}

/// A stored string as a dictionary key that compares and hashes its UTF-8
/// bytes, as SQLite compares text (stored strings are NFC, so this is
/// String's equality without its hashing through normalisation).
struct StoredString: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: Self, b: Self) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
}
