import Testing
@testable import SegqPostgresStore

/// Parsing store URLs: the account is taken out, everything else goes to
/// libpq unchanged, and the password never shows in the description.
@Suite struct PostgresLocationTests {
    @Test func accountIsTakenOutAndTheRestGoesToLibpq() throws {
        let location = try PostgresLocation("postgresql://marketer@db.example:5433/segq?account=acme&sslmode=require")
        #expect(location.account == "acme")
        #expect(location.connectionURI == "postgresql://marketer@db.example:5433/segq?sslmode=require")
        #expect(location.description == "postgresql://marketer@db.example:5433/segq?sslmode=require&account=acme")
    }

    @Test func bothSchemesAndSocketFoldersAreAccepted() throws {
        let short = try PostgresLocation("postgres://u@/segq?host=/run/pg&account=a%20b")
        #expect(short.account == "a b")
        #expect(short.connectionURI == "postgres://u@/segq?host=/run/pg")
        #expect(PostgresLocation.isPostgresURL("POSTGRESQL://x/y?account=z"))
        #expect(!PostgresLocation.isPostgresURL("friends.sqlite"))
        #expect(throws: PostgresLocation.ParseError.notPostgres) { try PostgresLocation("mysql://x/y?account=a") }
    }

    @Test func anAccountIsRequired() {
        #expect(throws: PostgresLocation.ParseError.missingAccount("postgresql://u@h/db")) {
            try PostgresLocation("postgresql://u:hunter2@h/db")
        }
        #expect(throws: PostgresLocation.ParseError.self) { try PostgresLocation("postgresql://u@h/db?account=") }
        #expect(throws: PostgresLocation.ParseError.self) { try PostgresLocation("postgresql://u@h/db?account=%zz") }
    }

    @Test func passwordsAreKeptForLibpqButNeverDescribed() throws {
        let inUserinfo = try PostgresLocation("postgresql://alice:s%40cret-pw@h:5432/db?account=acme")
        #expect(inUserinfo.connectionURI == "postgresql://alice:s%40cret-pw@h:5432/db")
        #expect(inUserinfo.description == "postgresql://alice@h:5432/db?account=acme")
        #expect(!inUserinfo.description.contains("cret"))
        var dumped = ""
        dump(inUserinfo, to: &dumped)
        #expect(!dumped.contains("cret") && !String(reflecting: inUserinfo).contains("cret"))

        let inQuery = try PostgresLocation("postgresql://alice@h/db?password=p4ss-word&account=acme&connect_timeout=3")
        #expect(inQuery.connectionURI == "postgresql://alice@h/db?password=p4ss-word&connect_timeout=3")
        #expect(inQuery.description == "postgresql://alice@h/db?connect_timeout=3&account=acme")
    }

    @Test func scrubbingRemovesThePasswordRawAndDecoded() throws {
        let location = try PostgresLocation("postgresql://alice:s%40cret-pw@h/db?account=acme")
        #expect(location.scrub("bad: s@cret-pw and s%40cret-pw") == "bad: *** and ***")
        #expect(location.adding(secret: "from-env").scrub("x from-env y") == "x *** y")
    }
}
