import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A small MCP client written for the tests: it starts the built `segq mcp
/// --store PATH` and speaks JSON-RPC to it over the process's standard
/// input and output, one message a line, as an MCP host does over stdio.
/// Requests the server sends (`elicitation/create`) are answered by
/// `answerElicitation`; every line the server writes must be a JSON-RPC
/// message.
final class MCPTestClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer: [UInt8] = []
    private var nextID = 1
    /// Answers `elicitation/create` (its params) with a result object; nil
    /// answers with a JSON-RPC error.
    var answerElicitation: (([String: Any]) -> [String: Any]?)?
    /// Every elicitation the server sent, in order.
    private(set) var elicitations: [[String: Any]] = []

    /// Starts the server and initialises the session, declaring the
    /// elicitation capability when `elicitation` is true.
    init(store: String, elicitation: Bool, clientName: String = "test-host") throws {
        guard let binary = CLIRunner.binaryURL else { throw Failure(description: "segq is not built") }
        process.executableURL = binary
        process.arguments = ["mcp", "--store", store]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let capabilities: [String: Any] = elicitation ? ["elicitation": ["form": [String: Any]()]] : [:]
        let result = try request("initialize", ["protocolVersion": "2025-11-25", "capabilities": capabilities,
                                                "clientInfo": ["name": clientName, "version": "1.0"]])
        guard result["protocolVersion"] as? String == "2025-11-25" else {
            throw Failure(description: "unexpected initialize result \(result)")
        }
        try send(["jsonrpc": "2.0", "method": "notifications/initialized"])
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Closes the server's input and waits for it to end; returns its status.
    func close() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    // MARK: Requests

    /// Sends a request and waits for its response, answering the server's
    /// own requests meanwhile. Throws on a JSON-RPC error.
    func request(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        while true {
            let message = try receive()
            if let serverMethod = message["method"] as? String {
                try handleServerMessage(serverMethod, message)
                continue
            }
            guard (message["id"] as? Int) == id else { continue }
            if let error = message["error"] as? [String: Any] {
                throw Failure(description: "\(method): error \(error)")
            }
            return message["result"] as? [String: Any] ?? [:]
        }
    }

    /// `tools/call`: the result (`content`, `structuredContent`, `isError`).
    func call(_ tool: String, _ arguments: [String: Any] = [:]) throws -> ToolResult {
        ToolResult(raw: try request("tools/call", ["name": tool, "arguments": arguments]))
    }

    struct ToolResult {
        let raw: [String: Any]
        var isError: Bool { raw["isError"] as? Bool ?? false }
        var structured: [String: Any] { raw["structuredContent"] as? [String: Any] ?? [:] }
        var text: String {
            ((raw["content"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String }.joined()
        }
    }

    private func handleServerMessage(_ method: String, _ message: [String: Any]) throws {
        guard let id = message["id"] else { return }  // a notification
        if method == "elicitation/create" {
            let params = message["params"] as? [String: Any] ?? [:]
            elicitations.append(params)
            if let result = answerElicitation?(params) {
                try send(["jsonrpc": "2.0", "id": id, "result": result])
            } else {
                try send(["jsonrpc": "2.0", "id": id, "error": ["code": -32603, "message": "the user could not be asked"]])
            }
            return
        }
        try send(["jsonrpc": "2.0", "id": id, "error": ["code": -32601, "message": "not supported"]])
    }

    // MARK: Lines

    private func send(_ message: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0x0A)
        try input.fileHandleForWriting.write(contentsOf: data)
    }

    /// The next message; every line must be JSON-RPC 2.0.
    private func receive(timeout: Double = 30) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      object["jsonrpc"] as? String == "2.0" else {
                    throw Failure(description: "standard output carried a line that is not JSON-RPC: "
                                  + String(decoding: line, as: UTF8.self))
                }
                return object
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw Failure(description: "no message from segq mcp within \(timeout) s") }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(remaining, 1) * 1000)) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = read(fd, &chunk, chunk.count)
            guard n > 0 else { throw Failure(description: "segq mcp closed its output") }
            buffer += chunk[..<n]
        }
    }
}
