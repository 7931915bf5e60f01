import Foundation

/// Hands lines to `consume` on a thread of its own, in order, holding at most `capacity`
/// waiting (the sender waits when it is full, so memory stays bounded). Lets `analyze` derive
/// its reports while plugins are still working instead of after them.
public final class LineFeed: @unchecked Sendable {
    private let cond = NSCondition()
    private var queue: [[UInt8]] = []
    private var head = 0
    private var closed = false
    private var finished = false
    private var failure: Error?
    private let capacity: Int

    public init(capacity: Int = 256, consume: @escaping ([UInt8]) throws -> Void) {
        self.capacity = max(1, capacity)
        nonisolated(unsafe) let consume = consume  // only ever called on the feed's thread
        Thread.detachNewThread { [self] in run(consume) }
    }

    /// Queues a line; after the consumer has failed, lines are dropped (`close` reports it).
    public func send(_ line: [UInt8]) {
        cond.lock()
        while queue.count - head >= capacity && failure == nil { cond.wait() }
        if failure == nil {
            queue.append(line)
            cond.broadcast()
        }
        cond.unlock()
    }

    /// Waits until every queued line is consumed; rethrows the consumer's first error.
    public func close() throws {
        cond.lock()
        closed = true
        cond.broadcast()
        while !finished { cond.wait() }
        let error = failure
        cond.unlock()
        if let error { throw error }
    }

    private func run(_ consume: ([UInt8]) throws -> Void) {
        while true {
            cond.lock()
            while head == queue.count && !closed { cond.wait() }
            if head == queue.count {
                finished = true
                cond.broadcast()
                cond.unlock()
                return
            }
            let line = queue[head]
            head += 1
            if head >= 1024 && head * 2 >= queue.count {
                queue.removeFirst(head)
                head = 0
            }
            cond.broadcast()
            let failed = failure != nil
            cond.unlock()
            if failed { continue }
            do { try consume(line) } catch {
                cond.withLock { failure = error; cond.broadcast() }
            }
        }
    }
}
