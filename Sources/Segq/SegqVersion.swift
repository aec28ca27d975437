/// segq's version, the one place it is written: `segq --version`, the REPL
/// banner and the MCP server's handshake all read it from here.
public enum SegqVersion {
    public static let current = "0.3.0"
}
