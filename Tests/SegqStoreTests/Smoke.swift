import Testing
@testable import SegqStore

@Test func moduleLoads() { #expect(Bool(true)) }
