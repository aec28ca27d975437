import Testing
@testable import SegqPostgresStore

/// A server older than the store's counts need is refused at connection,
/// naming its version and the one needed.
@Suite struct PostgresServerVersionTests {
    @Test func serversBefore14AreRefusedByName() {
        #expect(PostgresConnection.refusal(serverVersion: 13_00_12)
                == "the server is PostgreSQL 13; segq needs PostgreSQL 14 or later (its counts use bit_count)")
        #expect(PostgresConnection.refusal(serverVersion: 9_06_24)?.hasPrefix("the server is PostgreSQL 9.6;") == true)
    }

    @Test func servers14AndLaterAreUsed() {
        #expect(PostgresConnection.refusal(serverVersion: 14_00_00) == nil)
        #expect(PostgresConnection.refusal(serverVersion: 15_00_04) == nil)
        #expect(PostgresConnection.refusal(serverVersion: 17_00_02) == nil)
    }
}
