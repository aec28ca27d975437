import Foundation

/// What `forEach(skipping:_:)` hands on for one accepted record.
package enum HashedRecord {
    /// A parsed friend and the `LineHash` of its line.
    case parsed(Friend, lineHash: Int64)
    /// A line found in `KnownLines` (its entry): the stored friend is unchanged, nothing was parsed.
    case known(Int32)
}

extension ParallelJSONLFriendReader {
    /// One line's outcome on a parsing thread.
    enum HashedLine {
        case friend(line: Int, Friend, lineHash: Int64)
        case known(line: Int, entry: Int32)
        case problem(line: Int, message: String)
    }

    /// Like `forEach`, but each worker first hashes the raw line
    /// (`LineHash`) and parses it only when `known` does not hold that hash.
    /// A known line still has its id checked for duplicates (the stored
    /// friend's id, which the line holds) and counts as accepted, so the
    /// report — accepted records, problems and their lines — is the one
    /// `forEach` gives for the same input.
    package func forEach(skipping known: KnownLines, _ body: (HashedRecord) throws -> Void) throws -> ImportReport {
        var report = ImportReport()
        let file = input.displayName
        let ids = self.ids
        // Every known line's id is registered: room for them all at once.
        ids?.reserveCapacity((ids?.count ?? 0) + known.count)
        try run(parse: { block, _ in Self.parse(block, skipping: known) }, recycle: nil, check: nil) {
            (records: inout [HashedLine], base: Int) in
            records.reverse()
            while let record = records.popLast() {
                switch record {
                case .problem(let local, let message):
                    report.problems.append(ImportProblem(file: file, line: base + local, message: message))
                case .friend(let local, let friend, let lineHash):
                    if let ids, let problem = ids.duplicateProblem(for: friend.id, line: base + local, file: file) {
                        report.problems.append(problem)
                        continue
                    }
                    report.accepted += 1
                    try body(.parsed(friend, lineHash: lineHash))
                case .known(let local, let entry):
                    if let ids {
                        let line = base + local
                        let id = known.id(entry)
                        let problem = if let (hi, lo) = id.packed {
                            ids.duplicateProblem(forPacked: hi, lo, line: line, file: file)
                        } else {
                            ids.duplicateProblem(for: id.text ?? "", line: line, file: file)
                        }
                        if let problem {
                            report.problems.append(problem)
                            continue
                        }
                    }
                    report.accepted += 1
                    try body(.known(entry))
                }
            }
        }
        return report
    }

    static func parse(_ block: Block, skipping known: KnownLines) -> ([HashedLine], lineCount: Int) {
        var out: [HashedLine] = []
        let lookUp = !known.isEmpty
        let lineCount = forEachLine(block) { number, line in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            let hash = LineHash.of(line)
            if lookUp, let entry = known.entry(hash) {
                out.append(.known(line: number, entry: entry))
                return
            }
            do {
                out.append(.friend(line: number, try JSONRecordParser.parse(line), lineHash: hash))
            } catch let error as RecordError {
                out.append(.problem(line: number, message: error.message))
            } catch {
                out.append(.problem(line: number, message: "\(error)"))
            }
        }
        return (out, lineCount)
    }
}
