import Foundation
import Testing
import GalleyIO

@Suite struct WorkerPoolTests {
    final class Log: @unchecked Sendable {
        let lock = NSLock()
        var seen: [Int] = []
        func add(_ n: Int) { lock.withLock { seen.append(n) } }
        var count: Int { lock.withLock { seen.count } }
    }

    @Test func everyItemIsWorkedOnOnceBeforeFinishReturns() {
        let log = Log()
        let pool = WorkerPool<Int>(workers: 3, capacity: 8) { n in
            if n % 7 == 0 { usleep(200) }
            log.add(n)
        }
        for n in 0..<2_000 { pool.submit(n) }
        pool.finish()
        #expect(log.seen.sorted() == Array(0..<2_000))
    }

    /// A lone item (streaming input, one line at a time) is worked on after `flush`, without
    /// waiting for a batch to fill.
    @Test func flushHandsOverAPartialBatch() {
        let log = Log()
        let pool = WorkerPool<Int>(workers: 2, capacity: 64) { log.add($0) }
        usleep(50_000)  // the workers are idle
        pool.submit(1)
        pool.flush()
        let deadline = Date().addingTimeInterval(5)
        while log.count < 1 && Date() < deadline { usleep(1_000) }
        #expect(log.count == 1)
        pool.finish()
    }

    /// The producer waits while the queue is full: at most `capacity` items wait at once.
    @Test func theQueueIsBounded() {
        let gate = NSCondition()
        nonisolated(unsafe) var open = false
        let log = Log()
        let pool = WorkerPool<Int>(workers: 1, capacity: 4) { n in
            gate.lock(); while !open { gate.wait() }; gate.unlock()
            log.add(n)
        }
        let submitted = Log()
        let producer = Thread { for n in 0..<20 { pool.submit(n); submitted.add(n) } }
        producer.start()
        usleep(100_000)
        // At most one item held by the blocked worker and four waiting in the queue (four, if
        // the worker had not taken the first one when the queue filled).
        #expect((4...5).contains(submitted.count), "\(submitted.count) submitted")
        gate.lock(); open = true; gate.broadcast(); gate.unlock()
        while submitted.count < 20 { usleep(1_000) }
        pool.finish()
        #expect(log.seen == Array(0..<20))
    }
}
