import Foundation
import Testing
import GalleyIO
#if canImport(Glibc)
import Glibc
#endif

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

    /// Submits 0..<20 from a producer thread to a one-worker pool whose worker waits at a gate;
    /// after 0.1 s, how many went in; then opens the gate and expects every item, in order.
    static func submittedWhileTheWorkerWaits(capacity: Int, maximumSize: Int = .max, size: ((Int) -> Int)? = nil) -> Int {
        let gate = NSCondition()
        nonisolated(unsafe) var open = false
        let log = Log()
        let pool = WorkerPool<Int>(workers: 1, capacity: capacity, maximumSize: maximumSize, size: size) { n in
            gate.lock(); while !open { gate.wait() }; gate.unlock()
            log.add(n)
        }
        let submitted = Log()
        let producer = Thread { for n in 0..<20 { pool.submit(n); submitted.add(n) } }
        producer.start()
        usleep(100_000)
        let count = submitted.count
        gate.lock(); open = true; gate.broadcast(); gate.unlock()
        while submitted.count < 20 { usleep(1_000) }
        pool.finish()
        #expect(log.seen == Array(0..<20))
        return count
    }

    /// The producer waits while the queue is full: at most `capacity` items wait at once.
    @Test func theQueueIsBounded() {
        let submitted = Self.submittedWhileTheWorkerWaits(capacity: 4)
        // At most one item held by the blocked worker and four waiting in the queue (four, if
        // the worker had not taken the first one when the queue filled).
        #expect((4...5).contains(submitted), "\(submitted) submitted")
    }

    /// With sizes, the queue also stops at a total size: big items wait sooner than small ones.
    @Test func theQueueIsBoundedBySizeToo() {
        let submitted = Self.submittedWhileTheWorkerWaits(capacity: 1_000, maximumSize: 10, size: { _ in 4 })
        // Size 4 each, at most 10 queued: three items fill it (12 >= 10), plus the one the worker holds.
        #expect((3...4).contains(submitted), "\(submitted) submitted")
    }
}

/// Write-behind: lines keep their order, the producer is not held up by a slow reader while
/// the waiting bytes stay under the bound, `flush` waits for the writer, a closed reader is reported.
@Suite struct OutputWriterTests {
    static func pipe() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        _ = Glibc.pipe(&fds)
        return (fds[0], fds[1])
    }

    static func readAll(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return out
    }

    @Test func linesArriveInOrderThroughASlowReader() throws {
        let (r, w) = Self.pipe()
        let writer = OutputWriter(fd: w, flushThreshold: 1_000, writeBehind: 1 << 20)
        // More than the pipe holds: without write-behind this would block until the reader reads.
        let lines = (0..<5_000).map { Array("line \($0) ".utf8) + [UInt8](repeating: 0x78, count: 100) }
        let started = Date()
        for l in lines { try writer.writeLine(l) }
        #expect(Date().timeIntervalSince(started) < 2, "the producer went on while nobody read")
        let collected = Log2()
        let reader = Thread { collected.set(Self.readAll(r)) }
        reader.start()
        try writer.flush()
        close(w)
        while collected.value == nil { usleep(1_000) }
        close(r)
        let expected: [UInt8] = lines.flatMap { $0 + [UInt8(0x0A)] }
        #expect(collected.value == expected)
    }

    @Test func oneWriterThreadServesAStreamAndFlushDoesNotWaitForItToEnd() throws {
        let (r, w) = Self.pipe()
        let drained = Log2()
        let drainer = Thread { drained.set(Self.readAll(r)) }
        drainer.start()
        let writer = OutputWriter(fd: w, flushThreshold: 100, writeBehind: 1 << 20)
        // Twenty hand-offs a few milliseconds apart, as a stream's buffers come.
        for k in 0..<20 {
            try writer.writeLine([UInt8](repeating: 0x61 + UInt8(k), count: 150))
            usleep(3_000)
        }
        let flushing = Date()
        try writer.flush()
        #expect(Date().timeIntervalSince(flushing) < OutputWriter.writerLinger / 2, "flush waited for the idle writer to end")
        #expect(writer.writerThreadsStarted == 1)
        // An idle writer ends after its linger; the next hand-off starts another.
        usleep(UInt32(OutputWriter.writerLinger * 1_000_000) + 200_000)
        try writer.writeLine([UInt8](repeating: 0x7A, count: 150))
        try writer.flush()
        #expect(writer.writerThreadsStarted == 2)
        close(w)
        while drained.value == nil { usleep(1_000) }
        close(r)
        let expected: [UInt8] = (0..<20).flatMap { k in [UInt8](repeating: 0x61 + UInt8(k), count: 150) + [0x0A] }
            + [UInt8](repeating: 0x7A, count: 150) + [0x0A]
        #expect(drained.value == expected)
    }

    @Test func theWaitingBytesAreBounded() throws {
        let (r, w) = Self.pipe()
        let writer = OutputWriter(fd: w, flushThreshold: 1_000, writeBehind: 200_000)
        let written = WorkerPoolTests.Log()
        let producer = Thread {
            for k in 0..<2_000 { try? writer.writeLine([UInt8](repeating: 0x61, count: 999)); written.add(k) }
        }
        producer.start()
        usleep(300_000)
        // About 200 KB waiting plus what the pipe holds (grown to 1 MB, see PipeCapacity) and one
        // buffer being written: the producer stops.
        let inPipe = Int(max(fcntl(w, 1032), 1 << 16))
        #expect(written.count < (200_000 + inPipe) / 1_000 + 130, "\(written.count) lines of 1 KB went out unread")
        let drained = Log2()
        let drainer = Thread { drained.set(Self.readAll(r)) }
        drainer.start()
        while written.count < 2_000 { usleep(1_000) }
        try writer.flush()
        close(w)
        // Close the read end only once the drainer has seen the end: tests run in parallel, and
        // a descriptor number closed under a reading thread can be another test's new pipe.
        while drained.value == nil { usleep(1_000) }
        close(r)
    }

    @Test func aClosedReaderIsReported() throws {
        OutputWriter.ignoreSIGPIPE()
        let (r, w) = Self.pipe()
        close(r)
        let writer = OutputWriter(fd: w, flushThreshold: 10, writeBehind: 1 << 16)
        var failed = false
        for _ in 0..<100 {
            do { try writer.writeLine(Array("0123456789".utf8)) } catch { failed = true; break }
            usleep(1_000)
        }
        if !failed { do { try writer.flush() } catch { failed = true } }
        #expect(failed)
        close(w)
    }
}

final class Log2: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [UInt8]?
    func set(_ v: [UInt8]) { lock.withLock { stored = v } }
    var value: [UInt8]? { lock.withLock { stored } }
}
