import Synchronization

/// A flag a long evaluation polls to stop early (Ctrl-C during an
/// evaluation). Setting it is async-signal-safe: one atomic store, no
/// allocation, so a SIGINT handler may call `cancel()`.
public final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)

    public init() {}

    /// True once `cancel()` was called and until `reset()`.
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public func reset() { cancelled.store(false, ordering: .relaxed) }
}
