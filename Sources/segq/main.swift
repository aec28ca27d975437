import Foundation
import Segq

// Placeholder root until the ArgumentParser root (branch `cli`) calls
// `runREPL` from its default subcommand with the real engine.
if let engine = fakeREPLEngineIfRequested() {
    exit(runREPL(engine: engine))
}
FileHandle.standardError.write(Data("segq: the REPL needs the engine from the cli branch (tests: SEGQ_FAKE_ENGINE=1)\n".utf8))
exit(2)
