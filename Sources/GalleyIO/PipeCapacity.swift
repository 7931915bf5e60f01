#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Pipe buffer size. A Linux pipe holds 64 KB by default, so a stream of 10 KB records
/// wakes the process at the other end every few records; on a virtual machine each wake-up
/// is an interprocessor interrupt through the hypervisor, and a summarizer fed through a
/// default pipe spent a third more CPU than one reading the same lines from a file. Growing
/// the pipe to 1 MB (the default `/proc/sys/fs/pipe-max-size`) makes the wake-ups rare.
public enum PipeCapacity {
    /// The size asked for.
    public static let preferred = 1 << 20

    /// Grows the pipe behind `fd` (either end) to `preferred`, if it is a pipe and smaller.
    /// Best effort: a limit (`pipe-max-size`, `pipe-user-pages-soft`) leaves it as it is.
    /// Returns the capacity afterwards, or nil when `fd` is not a pipe (or not on Linux).
    @discardableResult
    public static func grow(_ fd: Int32) -> Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else { return nil }
        #if os(Linux)
        // F_GETPIPE_SZ and F_SETPIPE_SZ, which Glibc does not export.
        let current = Int(fcntl(fd, 1032))
        if current > 0, current < preferred { _ = fcntl(fd, 1031, Int32(preferred)) }
        let now = Int(fcntl(fd, 1032))
        return now > 0 ? now : nil
        #else
        return nil
        #endif
    }
}
