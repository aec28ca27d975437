import SegqStore

/// Bringing the statistics and bitmaps up to date after an import that
/// changed some friends of a store (`FriendChanges`), inside its
/// transaction: the counts change by what the changed friends had and now
/// have; only the bitmaps of values some friend gained or lost are built
/// again, the histograms (and range bitmaps) only of ordered columns whose
/// values moved, the flag bitmaps only when a flag moved or a friend was
/// appended. What is written is what `refreshStatistics()` computes from
/// every row (`SegqSQLiteStoreTests/IncrementalStatisticsTests`). A bulk
/// load into an empty store starts from no statistics at all, every friend
/// being new.
extension SQLiteStore {
    func updateStatistics(_ changes: FriendChanges, from before: StatisticsRows) throws -> StatisticsRows {
        var rows = before
        rows.total += Int64(changes.appended)
        for (i, counted) in Self.countedColumns.enumerated() {
            rows.present[StatColumnKey.key(counted.column), default: 0] += Int64(changes.present[i])
        }
        var affectedBitmaps: Set<String> = []
        for (table, column) in Self.setColumns.enumerated() {
            let key = StatColumnKey.key(column)
            rows.present[key, default: 0] += Int64(changes.nonEmpty[table])
            for (stored, delta) in changes.setValues[table] {
                let value = stored.text
                let valueKey = FriendChanges.PropertyValueKey(kind: SQLiteSchema.PropertyKind.string.rawValue, value: .text(value))
                let n = (rows.values[key]?[valueKey] ?? 0) + Int64(delta)
                rows.values[key, default: [:]][valueKey] = n > 0 ? n : nil
                if let bitmap = Self.valueBitmap(columnKey: key, value: value) { affectedBitmaps.insert(bitmap.key) }
            }
            if rows.values[key]?.isEmpty == true { rows.values[key] = nil }
        }
        try updatePropertyStatistics(changes, rows: &rows, before: before, affectedBitmaps: &affectedBitmaps)

        let wordCount: Int
        if changes.flagsChanged || changes.appended > 0 {
            wordCount = try storeFlagBitmaps()
        } else {
            wordCount = Int(try db.scalarInt("SELECT coalesce(max(row_id), -1) FROM friend_facts") + 64) / 64
        }
        try updateValueBitmaps(rows, affected: affectedBitmaps)
        for (i, ordered) in Self.orderedColumns.enumerated() where changes.orderedChanged[i] || changes.appended > 0 {
            try deleteBitmaps(from: "below:\(ordered.sql):", to: "below:\(ordered.sql);")
            try deleteBitmaps(from: "present:\(ordered.sql)", to: "present:\(ordered.sql)\u{0}")
            try refreshHistogram(ordered, rows: &rows, wordCount: wordCount)
        }
        try writeStatistics(rows)
        cachedBitmapKeys = nil
        return rows
    }

    /// Property presence and value counts. A property whose stored
    /// statistics had no value counts (too many distinct values) is counted
    /// again along its index, as its distinct values may now be few enough.
    private func updatePropertyStatistics(_ changes: FriendChanges, rows: inout StatisticsRows, before: StatisticsRows,
                                          affectedBitmaps: inout Set<String>) throws {
        for (property, delta) in changes.propertyPresent {
            let key = StatColumnKey.key(Self.propertyColumn(property.integration.rawValue, property.name))
            let n = (rows.present[key] ?? 0) + Int64(delta)
            rows.present[key] = n > 0 ? n : nil
        }
        for (property, deltas) in changes.propertyValues {
            let key = StatColumnKey.key(Self.propertyColumn(property.integration.rawValue, property.name))
            let hadPresent = (before.present[key] ?? 0) > 0
            var counts: [FriendChanges.PropertyValueKey: Int64]
            if hadPresent && before.values[key] == nil {
                counts = try propertyValueCounts(property)
                for (value, _) in counts where value.kind == SQLiteSchema.PropertyKind.string.rawValue {
                    if case .text(let text) = value.value, let bitmap = Self.valueBitmap(columnKey: key, value: text) {
                        affectedBitmaps.insert(bitmap.key)
                    }
                }
            } else {
                counts = rows.values[key] ?? [:]
                for (value, delta) in deltas {
                    let n = (counts[value] ?? 0) + Int64(delta)
                    counts[value] = n > 0 ? n : nil
                }
            }
            for (value, _) in deltas where value.kind == SQLiteSchema.PropertyKind.string.rawValue {
                if case .text(let text) = value.value, let bitmap = Self.valueBitmap(columnKey: key, value: text) {
                    affectedBitmaps.insert(bitmap.key)
                }
            }
            rows.values[key] = counts.isEmpty || counts.count > Self.maxCountedPropertyValues ? nil : counts
        }
    }

    /// Friends per value of one property, along the value index.
    private func propertyValueCounts(_ property: FriendChanges.PropertyName) throws -> [FriendChanges.PropertyValueKey: Int64] {
        try withStatement("SELECT kind, value, count(*) FROM properties WHERE integration = ? AND name = ? GROUP BY kind, value") { s in
            try s.bind(property.integration.rawValue, at: 1)
            try s.bind(property.name, at: 2)
            var counts: [FriendChanges.PropertyValueKey: Int64] = [:]
            while try s.step() { counts[Self.propertyValueKey(s, kind: 0, value: 1)] = s.int64(2) }
            return counts
        }
    }

    /// Builds the wanted value bitmaps that are affected or not stored yet,
    /// and deletes the stored ones no longer wanted.
    private func updateValueBitmaps(_ rows: StatisticsRows, affected: Set<String>) throws {
        let wanted = Self.wantedValueBitmaps(rows)
        let wantedKeys = Set(wanted.map(\.key))
        let stored = try storedBitmapKeys(from: "prop:", to: "prop;").union(storedBitmapKeys(from: "set:", to: "set;"))
        for key in stored where !wantedKeys.contains(key) {
            try deleteBitmaps(from: key, to: key + "\u{0}")
        }
        try storeValueBitmaps(wanted.filter { affected.contains($0.key) || !stored.contains($0.key) })
    }
}
