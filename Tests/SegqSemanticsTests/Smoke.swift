import Testing
@testable import SegqSemantics

@Test func moduleLoads() { #expect(Bool(true)) }
