#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Pipe buffer size. A Linux pipe holds 64 KB by default, so a stream of 10 KB records
/// wakes the process at the other end every few records; on a virtual machine each wake-up
/// is an interprocessor interrupt through the hypervisor, and a summarizer fed through a
/// default pipe spent a third more CPU than one reading the same lines from a file. Growing
/// the pipe to 1 MB (the default `/proc/sys/fs/pipe-max-size`) makes the wake-ups rare.
///
/// Pipe buffers count against a per-user quota (`/proc/sys/fs/pipe-user-pages-soft`, 64 MB by
/// default) shared by every program the user runs; past it, the user's new pipes get 8 KB. So
/// a process grows at most `budget` bytes' worth of pipes (its stdin and stdout and its first
/// plugin's two pipes: the ones a run's throughput rides on), never a stderr pipe, and stops
/// at the first refusal. Other pipes keep the default.
public enum PipeCapacity {
    /// The size asked for.
    public static let preferred = 1 << 20
    /// Bytes of pipe buffer one process may add by growing pipes.
    public static let budget = 4 << 20

    /// Keeps the budget: how much has been granted, and whether the system refused once.
    public final class Allowance: @unchecked Sendable {
        let budget: Int
        private let lock = NSLock()
        private var granted = 0
        private var refused = false
        public init(budget: Int) { self.budget = budget }

        /// Grows the pipe behind `fd` (either end) to `preferred` if it is a pipe, smaller,
        /// and the budget allows. Returns the capacity afterwards, or nil when `fd` is not a
        /// pipe (or not on Linux).
        @discardableResult
        public func grow(_ fd: Int32) -> Int? {
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else { return nil }
            #if os(Linux)
            // F_GETPIPE_SZ and F_SETPIPE_SZ, which Glibc does not export.
            let current = Int(fcntl(fd, 1032))
            if current > 0, current < preferred {
                lock.lock()
                if !refused, granted + preferred - current <= budget {
                    if fcntl(fd, 1031, Int32(preferred)) >= 0 { granted += preferred - current } else { refused = true }
                }
                lock.unlock()
            }
            let now = Int(fcntl(fd, 1032))
            return now > 0 ? now : nil
            #else
            return nil
            #endif
        }
    }

    /// This process's allowance.
    public static let shared = Allowance(budget: budget)

    /// Grows the pipe behind `fd` within this process's budget (see `Allowance.grow`).
    @discardableResult
    public static func grow(_ fd: Int32) -> Int? { shared.grow(fd) }
}
