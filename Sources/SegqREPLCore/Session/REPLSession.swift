/// One REPL session: reads lines through a `LineReader`, runs them through
/// the input state machine, dispatches dot-commands from the command table
/// and evaluates queries on the engine. Terminal-free: the `segq` program
/// supplies the line editor, console and interrupt handling.
///
/// Exit status (`run`): 0, or in script mode 1 when any query or command
/// failed.
public final class REPLSession {
    public let engine: REPLEngine
    public var settings: REPLSettings
    /// Set by Ctrl-C while a query or command runs. Reset each time the
    /// interactive reader asks for a new line; once set, the running query
    /// stops and so does the `.read` file around it.
    public let cancellation: CancellationFlag
    public let commands: CommandTable
    /// Asked before each result for the terminal's current width (the
    /// window may have been resized); nil keeps `settings.terminalWidth`.
    public var measureTerminalWidth: (() -> Int?)?
    /// Asked before each result for the screen's height in lines; nil
    /// keeps `settings.terminalHeight`.
    public var measureTerminalHeight: (() -> Int?)?
    /// Shows long results page by page (`.pager`); nil never pages.
    public var pager: Pager?

    let console: Console
    /// The reader of the outermost loop (the terminal or the script).
    private(set) var reader: LineReader?
    /// The input state of the outermost loop, for completion.
    private let input = InputBox()
    /// The last query that evaluated without errors (`.save NAME` uses it).
    var lastQuery: String?
    /// Failed queries and commands so far.
    private(set) var failureCount = 0
    /// `.bail on`: stop a script at its first failure.
    var bailsOnError = false
    /// `.echo on`: print each input before running it (scripts).
    var echoesInput = false
    var results = ResultDestination()
    /// Whether "Interrupted." was printed for the current Ctrl-C.
    private var interruptionReported = false
    /// Where the input being run started in a script (`stdin`, a `.read`
    /// file) and on which line; nil at a terminal. Errors name it.
    var inputOrigin: QueryOrigin?
    /// Depth of nested `.read` files.
    var readDepth = 0
    static let maximumReadDepth = 8

    public init(engine: REPLEngine, console: Console, settings: REPLSettings,
                cancellation: CancellationFlag = CancellationFlag()) {
        self.engine = engine
        self.console = console
        self.settings = settings
        self.cancellation = cancellation
        self.commands = BuiltinCommands.table
    }

    /// Runs until the input ends or `.quit`; returns the exit status.
    public func run(_ reader: LineReader) -> Int32 {
        self.reader = reader
        defer {
            self.reader = nil
            results.close()
        }
        _ = process(reader, input: input)
        return !reader.isInteractive && failureCount > 0 ? 1 : 0
    }

    /// Completes the current line for the line editor (Tab), taking the
    /// unfinished query typed on earlier lines into account. `cursor` is a
    /// UTF-8 byte offset into `line`.
    public func complete(line: String, cursor: Int) -> Completion {
        REPLCompleter(commands: commands, engine: engine)
            .complete(pending: input.state.pendingText, line: line, cursor: cursor)
    }

    /// Reads `reader` to its end through an input state machine. Returns
    /// true when the session should quit.
    func process(_ reader: LineReader, input: InputBox = InputBox()) -> Bool {
        input.state = InputState()
        let failuresBefore = failureCount
        let outerOrigin = inputOrigin
        defer { inputOrigin = outerOrigin }
        var startLine = 0
        while true {
            if reader.isInteractive {
                cancellation.reset()
                interruptionReported = false
            } else if cancellation.isCancelled {
                interrupted()
                return false  // Ctrl-C stops the whole `.read` file, not only its current query
            }
            let prompt: LinePrompt = input.state.prompt == .primary ? .primary : .continuation
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                if let unfinished = input.state.finish(), !reader.isInteractive {
                    evaluate(unfinished)
                }
                return false
            case .interrupted:
                input.state.reset()
            case .invalidUTF8(let message):
                // The query this line belonged to is dropped with it: never run a repaired one.
                input.state.reset()
                inputOrigin = nil  // the message names the line
                fail(message)
                if bailsOnError && !reader.isInteractive { return true }
            case .line(let line):
                if input.state.isEmpty { startLine = reader.lineNumber }
                inputOrigin = reader.sourceName.map { QueryOrigin(name: $0, line: startLine) }
                switch input.state.accept(line) {
                case .ignore, .needsMoreInput:
                    continue
                case .command(let text):
                    reader.addToHistory(text)
                    if echoesInput { emit(text) }
                    if runCommand(text) == .quit { return true }
                case .query(let query):
                    reader.addToHistory(query)
                    if echoesInput { emit(query) }
                    evaluateOrRefine(query)
                }
                if bailsOnError && failureCount > failuresBefore && !reader.isInteractive { return true }
            }
        }
    }

    /// Runs one dot-command line.
    func runCommand(_ text: String) -> CommandStatus {
        refreshTerminalWidth()
        let line = DotCommandLine(text)
        guard let command = commands.command(named: line.name) else {
            fail(commands.unknownCommandMessage(line.name))
            return .failed
        }
        if command.readsStore { reloadIfStoreChanged() }
        let status = command.handler(self, line)
        if status == .failed { failureCount += 1 }
        return status
    }

    /// Evaluates a query typed or read on its own; one starting with `and`
    /// or `or` refines the last query (`QueryRefinement`) and, when it runs,
    /// becomes the last query.
    func evaluateOrRefine(_ query: String) {
        guard let connective = QueryRefinement.connective(of: query) else {
            evaluate(query, origin: inputOrigin)
            return
        }
        guard let lastQuery else {
            fail("a query starting with `\(connective)` refines the last query, and there is none yet; type a whole query first")
            return
        }
        let refined = QueryRefinement.refined(lastQuery, by: query)
        note(settings.style.dim("refined: " + refined))
        evaluate(refined, origin: nil)
    }

    /// Evaluates one complete query and prints its preview (or its errors).
    /// Results written to an `.output` file hold every matching friend; the
    /// display limit only applies to the screen. `origin` locates the
    /// query's diagnostics in its script.
    func evaluate(_ query: String, origin: QueryOrigin? = nil) {
        refreshTerminalWidth()
        let rowLimit = settings.format == .count ? 0 : results.isRedirected ? nil : settings.rowLimit
        guard let outcome = run(query, rowLimit: rowLimit, withColumns: settings.format.isPreview, origin: origin) else { return }
        lastQuery = query
        let renderer = PreviewRenderer(settings: settings)
        if settings.format == .count {
            emit(renderer.renderCount(outcome.preview.count, elapsed: outcome.elapsed))
        } else {
            emit(renderer.render(outcome.preview, elapsed: outcome.elapsed))
        }
    }

    /// Says so when another process changed the store and the engine read
    /// it again (one line on the error channel, never a failure).
    func reloadIfStoreChanged() {
        if let notice = engine.reloadIfStoreChanged() { warn(notice) }
    }

    /// Compiles and evaluates `query`, printing its diagnostics (warnings
    /// too). Nil when it failed or was interrupted (already reported).
    /// `withColumns` asks the engine for the values of the preview's columns;
    /// `origin` is the script line the query was read from.
    func run(_ query: String, rowLimit: Int?, withColumns: Bool = false,
             origin: QueryOrigin? = nil) -> (preview: QueryPreview, elapsed: Duration)? {
        reloadIfStoreChanged()
        let clock = ContinuousClock()
        let start = clock.now
        let compiled = origin.map { engine.compile(query, at: $0) } ?? engine.compile(query)
        if compiled.hasErrors {
            failRendered(compiled.diagnostics)
            return nil
        }
        warn(compiled.diagnostics)
        // Ctrl-C while a long query compiled counts too (the flag is reset
        // only when a new line is read, never here).
        if cancellation.isCancelled {
            interrupted()
            return nil
        }
        let columns = withColumns ? PreviewColumns.fieldColumns(PreviewRenderer(settings: settings).columns(for: compiled)) : []
        switch engine.evaluate(compiled, rowLimit: rowLimit, columns: columns, cancellation: cancellation) {
        case .result(let result):
            return (QueryPreview(compiled: compiled, result: result), clock.now - start)
        case .failed(let text):
            failRendered(text)
            return nil
        case .cancelled:
            interrupted()
            return nil
        }
    }

    private func refreshTerminalWidth() {
        if let measure = measureTerminalWidth { settings.terminalWidth = measure() }
        if let measure = measureTerminalHeight { settings.terminalHeight = measure() }
    }

    /// Whether the person at the terminal is typing (not a script).
    var isInteractive: Bool { reader?.isInteractive ?? false }

    // MARK: Output

    /// A result: standard output, or the `.output` file.
    func emit(_ text: String) {
        guard !text.isEmpty else { return }
        if let error = results.write(Self.terminated(text)) {
            results.close()
            fail("cannot write to the output file: \(error); writing to standard output again")
            console.write(Self.terminated(text), to: .output)
        } else if !results.isRedirected {
            if let pager, PagerPolicy(settings: settings, interactive: isInteractive).pages(text),
               pager.show(Self.terminated(text)) {
                return
            }
            console.write(Self.terminated(text), to: .output)
        }
    }

    /// A notice for the person at the console (never redirected).
    func note(_ text: String) {
        guard !text.isEmpty else { return }
        console.write(Self.terminated(text), to: .output)
    }

    /// Rendered warnings (never redirected); not a failure.
    func warn(_ text: String) {
        guard !text.isEmpty else { return }
        console.write(Self.terminated(text), to: .error)
    }

    /// A one-line error of the REPL's own (`error: ` is prepended, and in
    /// a script the script's name and line: `tour.segq:3: error: …`);
    /// marks the session as failed.
    func fail(_ message: String) {
        failureCount += 1
        let location = inputOrigin.map { "\($0.name):\($0.line): " } ?? ""
        console.write(location + "error: " + Self.terminated(message), to: .error)
    }

    /// Errors already rendered by the engine (in a script, a one-line
    /// `error: …` gets the script's name and line); marks the session as failed.
    func failRendered(_ text: String) {
        failureCount += 1
        let location = inputOrigin.map { "\($0.name):\($0.line): " } ?? ""
        let shown = text.isEmpty ? "error" : text
        console.write((shown.hasPrefix("error: ") ? location : "") + Self.terminated(shown), to: .error)
    }

    /// Prints a command's result on the matching channel; returns its status.
    func report(_ result: CommandResult) -> CommandStatus {
        switch result {
        case .ok(let text):
            emit(text)
            return .done
        case .failed(let text):
            failRendered(text)
            return .failed
        }
    }

    /// Reports an interrupted query; one Ctrl-C (the flag set) once,
    /// however many loops it stops.
    private func interrupted() {
        if cancellation.isCancelled {
            guard !interruptionReported else { return }
            interruptionReported = true
        }
        failureCount += 1
        console.write("Interrupted.\n", to: .error)
    }

    /// The state machine of one input loop, shared by reference so that
    /// completion can see the unfinished query while a line is being read.
    final class InputBox {
        var state = InputState()
    }

    private static func terminated(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }
}
