import Testing
@testable import SegqREPLCore
