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
public final class OutputWriter: @unchecked Sendable {
    private let lock = NSLock()
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

    public init(fd: Int32, flushThreshold: Int = 1 << 16) {
        self.fd = fd
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold * 2)
    }

    /// Call once at start-up: a write to a closed pipe then fails with EPIPE instead of killing us.
    public static func ignoreSIGPIPE() { signal(SIGPIPE, SIG_IGN) }

    /// Appends one line (a newline is added).
    public func writeLine<C: Collection>(_ bytes: C) throws(WriteError) where C.Element == UInt8 {
        lock.lock(); defer { lock.unlock() }
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flushLocked() }
    }

    public func flush() throws(WriteError) {
        lock.lock(); defer { lock.unlock() }
        try flushLocked()
    }

    private func flushLocked() throws(WriteError) {
        var offset = 0
        defer {
            if offset >= buffer.count { buffer.removeAll(keepingCapacity: true) }
            else if offset > 0 { buffer.removeFirst(offset) }
        }
        while offset < buffer.count {
            let n = buffer.withUnsafeBufferPointer { b in
                Glibc.write(fd, b.baseAddress! + offset, b.count - offset)
            }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                if errno == EPIPE { buffer.removeAll(); throw .closed }
                throw .io(errno: errno)
            }
            offset += n
        }
    }
}

/// One-line messages on stderr, unbuffered, so they interleave sensibly with children's.
public enum Diagnostics {
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
