@_exported import SegqSyntax
@_exported import SegqSemantics
@_exported import SegqNormalForm
@_exported import SegqStore
@_exported import SegqMemoryStore
@_exported import SegqSQLiteStore
@_exported import SegqPlanner
