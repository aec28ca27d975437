import Testing
@testable import SegqPlanner

@Test func moduleLoads() { #expect(Bool(true)) }
