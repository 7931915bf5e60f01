#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation

/// Buffered writes of whole lines to a file descriptor. A closed reader (`| head`) surfaces
/// as `.closed` so the caller can stop cleanly instead of dying on SIGPIPE. Safe to share
/// between threads: each call holds a lock, so lines never interleave.
///
/// With `writeBehind`, full buffers go to a writer thread and the caller goes on, up to that
/// many bytes waiting: a reader that stops to do other work (a script's garbage collector, a
/// consumer busy between reads) then does not stall whoever produces the lines, and what they
/// wrote meanwhile goes out in one go when it reads again. Lines keep their order; `flush`
/// waits until everything is written; a write error is reported by the next call.
public final class OutputWriter: @unchecked Sendable {
    private let cond = NSCondition()
    public enum WriteError: Error, CustomStringConvertible {
        case closed
        case io(errno: Int32)
        public var description: String {
            switch self {
            case .closed: return "output closed by the reader"
            case .io(let e): return "write failed: \(String(cString: strerror(e)))"
            }
        }
    }

    public let fd: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold: Int
    private let writeBehind: Int
    /// Buffers handed to the writer thread, oldest first, and their bytes.
    private var pending: [[UInt8]] = []
    private var pendingBytes = 0
    private var writerRunning = false
    /// Writer threads started so far (one per stream, unless it paused past `writerLinger`).
    public var writerThreadsStarted: Int { cond.withLock { threadsStarted } }
    private var threadsStarted = 0
    private var failure: WriteError?
    /// Called once, on the writer thread, when a write behind the caller's back fails (the
    /// reader went away, the disk is full): the caller may have nothing more to write, and
    /// would otherwise not hear of it.
    public var onFailure: (@Sendable (WriteError) -> Void)?

    public init(fd: Int32, flushThreshold: Int = 1 << 16, writeBehind: Int = 0) {
        self.fd = fd
        self.flushThreshold = flushThreshold
        self.writeBehind = writeBehind
        buffer.reserveCapacity(flushThreshold * 2)
        PipeCapacity.grow(fd)
    }

    /// Call once at start-up: a write to a closed pipe then fails with EPIPE instead of killing us.
    public static func ignoreSIGPIPE() { signal(SIGPIPE, SIG_IGN) }

    /// Appends one line (a newline is added).
    public func writeLine<C: Collection>(_ bytes: C) throws(WriteError) where C.Element == UInt8 {
        cond.lock(); defer { cond.unlock() }
        if let failure { throw failure }
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try sendLocked() }
    }

    /// Writes out everything buffered, and waits until it is written.
    public func flush() throws(WriteError) {
        cond.lock(); defer { cond.unlock() }
        try sendLocked()
        // A buffer leaves `pending` once written (the writer, idle or not, goes on running).
        while !pending.isEmpty && failure == nil { cond.wait() }
        if let failure { throw failure }
    }

    /// Starts writing out everything buffered without waiting for it (a live input paused:
    /// what is ready should reach the reader now).
    public func flushSoon() throws(WriteError) {
        cond.lock(); defer { cond.unlock() }
        try sendLocked()
    }

    /// The buffer to the writer thread, or written here without write-behind.
    private func sendLocked() throws(WriteError) {
        if let failure { throw failure }
        guard !buffer.isEmpty else { return }
        guard writeBehind > 0 else {
            defer { buffer.removeAll(keepingCapacity: true) }
            if let error = Self.writeAll(fd, buffer) { failure = error; throw error }
            return
        }
        while pendingBytes > 0, pendingBytes + buffer.count > writeBehind, failure == nil { cond.wait() }
        if let failure { throw failure }
        pending.append(buffer)
        pendingBytes += buffer.count
        buffer = []
        buffer.reserveCapacity(flushThreshold * 2)
        if !writerRunning {
            writerRunning = true
            threadsStarted += 1
            Thread.detachNewThread { [self] in writerLoop() }
        } else {
            cond.broadcast()  // the writer may be idle, among waiters for room
        }
    }

    /// Writes pending buffers in order. When none is left it waits up to `writerLinger` for
    /// the next hand-off before it ends (a new one starts with a later hand-off): a stream's
    /// buffers come every few milliseconds, and starting a thread for each cost a clone, a
    /// stack and its page faults, 39 times on the BBC set.
    private func writerLoop() {
        cond.lock()
        while failure == nil {
            guard let chunk = pending.first else {
                let deadline = Date(timeIntervalSinceNow: Self.writerLinger)
                while pending.isEmpty, failure == nil, cond.wait(until: deadline) {}
                if pending.isEmpty { break }
                continue
            }
            cond.unlock()
            let error = Self.writeAll(fd, chunk)
            cond.lock()
            pending.removeFirst()
            pendingBytes -= chunk.count
            if let error {
                failure = error; pending.removeAll(); pendingBytes = 0
                if let onFailure {
                    cond.unlock()
                    onFailure(error)
                    cond.lock()
                }
            }
            cond.broadcast()
        }
        writerRunning = false
        cond.broadcast()
        cond.unlock()
    }

    /// How long an idle writer thread waits for more before it ends.
    public static let writerLinger: TimeInterval = 0.25

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> WriteError? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBufferPointer { b in
                Glibc.write(fd, b.baseAddress! + offset, b.count - offset)
            }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return errno == EPIPE ? .closed : .io(errno: errno)
            }
            offset += n
        }
        return nil
    }
}

/// One-line messages on stderr, unbuffered, so they interleave sensibly with children's.
public enum Diagnostics {
    /// Makes writes to stderr give up instead of waiting when it is a pipe or socket that
    /// nobody drains (a program that started `galley serve` and never reads its stderr):
    /// diagnostics are then dropped, and the server keeps answering. A terminal or a file is
    /// left as it is (its open file may be shared with the shell). Whether it was done.
    @discardableResult
    public static func neverBlockOnPipes() -> Bool {
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        guard type == S_IFIFO || type == S_IFSOCK else { return false }
        let flags = fcntl(2, F_GETFL)
        return flags >= 0 && fcntl(2, F_SETFL, flags | O_NONBLOCK) == 0
    }

    /// One line to stderr. Lines are written whole or (on a full non-blocking pipe) not at all:
    /// a pipe takes up to 4,096 bytes in one piece.
    public static func write(_ message: String) {
        var line = Array(message.utf8)
        line.append(0x0A)
        line.withUnsafeBufferPointer { b in
            var off = 0
            while off < b.count {
                let n = Glibc.write(2, b.baseAddress! + off, b.count - off)
                if n <= 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
    }
}
