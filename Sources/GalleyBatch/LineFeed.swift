import Foundation
import GalleyIO

/// Hands lines to `consume` on a thread of its own, in order, holding a bounded number
/// waiting (the sender waits when it is full, so memory stays bounded). Lets `analyze` derive
/// its reports while plugins are still working instead of after them. A one-worker
/// `WorkerPool`, plus the consumer's first error.
public final class LineFeed: @unchecked Sendable {
    private let pool: WorkerPool<[UInt8]>
    private let failure: FailureBox

    /// The consumer's first error; later lines are dropped.
    private final class FailureBox: @unchecked Sendable {
        let lock = NSLock()
        var error: Error?
        var isSet: Bool { lock.withLock { error != nil } }
    }

    public init(capacity: Int = 256, consume: @escaping ([UInt8]) throws -> Void) {
        let failure = FailureBox()
        self.failure = failure
        nonisolated(unsafe) let consume = consume  // only ever called on the feed's thread
        pool = WorkerPool(workers: 1, capacity: capacity) { line in
            guard !failure.isSet else { return }
            do { try consume(line) } catch { failure.lock.withLock { failure.error = error } }
        }
    }

    /// Queues a line; after the consumer has failed, lines are dropped (`close` reports it).
    public func send(_ line: [UInt8]) {
        guard !failure.isSet else { return }
        pool.submit(line)
    }

    /// Waits until every queued line is consumed; rethrows the consumer's first error.
    public func close() throws {
        pool.finish()
        if let error = failure.lock.withLock({ failure.error }) { throw error }
    }
}
