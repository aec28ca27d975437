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
        #expect(script.contains("--store"))
        #expect(script.contains("--output"))
        for command in ["check", "import", "segment", "test"] { #expect(script.contains(command)) }
        // How each shell's generated script asks for file names.
        let fileCompletion: String
        switch shell {
        case "bash": fileCompletion = "__segq_complete_files"
        case "zsh": fileCompletion = "_files"
        default: fileCompletion = "__fish_complete_path"
        }
        #expect(script.contains(fileCompletion), "\(shell) script has no file completion")
    }
}
