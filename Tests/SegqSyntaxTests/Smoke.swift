import Testing
@testable import SegqSyntax

@Test func moduleLoads() { #expect(Bool(true)) }
