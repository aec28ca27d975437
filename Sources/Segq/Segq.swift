// The front ends (`segq`, the REPL, and any later one) import `Segq` alone.
// The phase and store modules stay behind it; only these value types, which
// facade calls take or return, are re-exported (ARCHITECTURE.md lists them).

// Diagnostics and their renderer: every front end shows them.
@_exported import struct SegqSyntax.Diagnostic
@_exported import struct SegqSyntax.SourceFile
@_exported import enum SegqSyntax.DiagnosticRenderer
@_exported import enum SegqSyntax.Severity
// JSON output for tools.
@_exported import enum SegqSyntax.JSONValue
// The query limits a front end may raise (`--max-depth`, …).
@_exported import struct SegqSyntax.Limits
// Instants as RFC 3339 text (`--now`, `.now`).
@_exported import enum SegqStore.RFC3339
// Values the catalogues and evaluations return.
@_exported import struct SegqStore.Friend
@_exported import struct SegqStore.SavedSegment
@_exported import enum SegqStore.SegmentKind
@_exported import struct SegqStore.TagInfo
@_exported import struct SegqStore.ImportReport
@_exported import struct SegqStore.ImportProblem
@_exported import struct SegqStore.ImportSummary
