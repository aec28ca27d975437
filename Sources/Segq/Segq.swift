@_exported import SegqSyntax
@_exported import SegqSemantics
@_exported import SegqNormalForm
@_exported import SegqStore
@_exported import SegqPlanner
