import Testing
@testable import SegqNormalForm

@Test func moduleLoads() { #expect(Bool(true)) }
