import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `--jobs N` as users read it: the run (this process, its threads and every plugin it starts)
/// uses at most N processors. Stages already run concurrently in their own processes, so a
/// count of instances alone would not bound the CPU a run takes; the processor affinity mask
/// does, and children inherit it. Linux only; elsewhere `limit` does nothing and says so.
public enum ProcessorBudget {
    /// Processors this process may run on now, in ascending order (empty when unknown).
    public static func allowed() -> [Int] {
        #if os(Linux)
        var mask = [UInt8](repeating: 0, count: maskBytes)
        let rc = mask.withUnsafeMutableBytes { glibcGetAffinity(0, maskBytes, $0.baseAddress!) }
        guard rc == 0 else { return [] }
        return (0..<(maskBytes * 8)).filter { mask[$0 / 8] & (1 << UInt8($0 % 8)) != 0 }
        #else
        return []
        #endif
    }

    /// Keeps every thread of this process, and so every child started from now on, on the
    /// first `count` allowed processors. Returns the processors kept, or nil when nothing
    /// changed (count not below what is allowed, or the platform cannot).
    @discardableResult
    public static func limit(to count: Int) -> [Int]? {
        #if os(Linux)
        let now = allowed()
        guard count >= 1, count < now.count else { return nil }
        let kept = Array(now.prefix(count))
        var mask = [UInt8](repeating: 0, count: maskBytes)
        for cpu in kept { mask[cpu / 8] |= 1 << UInt8(cpu % 8) }
        // Threads started before this call (the runtime's) keep their own mask unless told.
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task"))?.compactMap { pid_t($0) } ?? [0]
        var ok = false
        for tid in threads {
            ok = mask.withUnsafeMutableBytes { glibcSetAffinity(tid, maskBytes, $0.baseAddress!) } == 0 || ok
        }
        return ok ? kept : nil
        #else
        return nil
        #endif
    }

    #if os(Linux)
    private static let maskBytes = 128  // cpu_set_t: 1,024 processors
    #endif
}

#if os(Linux)
// Swift's Glibc module does not export the affinity calls (they need _GNU_SOURCE), so they are
// declared by their C symbol (glibc has had both since 2.3.4). A run-time look-up (dlsym) would
// find nothing in a fully static release build.
@_silgen_name("sched_getaffinity")
private func glibcGetAffinity(_ pid: pid_t, _ size: Int, _ mask: UnsafeMutableRawPointer) -> Int32
@_silgen_name("sched_setaffinity")
private func glibcSetAffinity(_ pid: pid_t, _ size: Int, _ mask: UnsafeMutableRawPointer) -> Int32
#endif
