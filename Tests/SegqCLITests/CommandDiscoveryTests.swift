import Foundation
import Testing
import TestSupport

/// `--version` / `version`, the nearest command for a mistyped one, and the
/// shell completion scripts completing file names where a file is expected.
struct CommandDiscoveryTests {
    @Test func versionFlagAndCommandAgree() throws {
        let flag = try CLIRunner.run(["--version"])
        let command = try CLIRunner.run(["version"])
        #expect(flag.status == 0 && command.status == 0)
        #expect(flag.stdout == command.stdout)
        #expect(flag.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(flag.stdout)")
    }

    @Test func mistypedCommandGetsTheNearestName() throws {
        let result = try CLIRunner.run(["chek", "tag = \"a\""])
        #expect(result.status == 2)
        #expect(result.stderr == "error: unknown command \"chek\" — did you mean \"check\"?\n", "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func wordFarFromEveryCommandListsThem() throws {
        let result = try CLIRunner.run(["frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: unknown command \"frobnicate\"; the commands are "), "\(result.stderr)")
        #expect(result.stderr.contains("normalize"))
    }

    @Test func optionsStillReachTheREPL() throws {
        let result = try CLIRunner.run(["--store", "samples/friends.jsonl"], stdin: "tag = \"VIP\"\n")
        #expect(result.status == 0, "\(result.combined)")
        #expect(!result.stderr.contains("unknown command"))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptCompletesFiles(shell: String) throws {
        let result = try CLIRunner.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        let script = result.stdout
        for command in ["check", "import", "segment", "test"] { #expect(script.contains(command)) }
        // How each shell's generated script asks for file names after --store and -o/--output.
        switch shell {
        case "bash":
            #expect(script.contains("'--store')\n        __segq_add_completions -f\n"))
            #expect(script.contains("'--output'|'-o')\n        __segq_add_completions -f\n"))
        case "zsh":
            #expect(script.contains("]:PATH:_files'"))
            #expect(script.contains("]:FILE:_files'"))
            #expect(script.contains("_files -g"), "import's friend files by extension")
        default:
            let lines = script.split(separator: "\n")
            let store = lines.filter { $0.contains("-l 'store'") }
            let output = lines.filter { $0.contains("-l 'output'") }
            #expect(!store.isEmpty && store.allSatisfy { $0.hasSuffix("-rF") })
            #expect(!output.isEmpty && output.allSatisfy { $0.hasSuffix("-rF") })
        }
    }
}
