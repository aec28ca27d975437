import Testing
@testable import TestSupport

@Test func moduleLoads() { #expect(Bool(true)) }
