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

    /// Keeps every thread of this process, and so every child started from now on, on
    /// `count` of the allowed processors (see `choose`). Returns the processors kept, or nil
    /// when nothing changed (count not below what is allowed, or the platform cannot).
    @discardableResult
    public static func limit(to count: Int) -> [Int]? {
        #if os(Linux)
        let now = allowed()
        guard count >= 1, count < now.count else { return nil }
        let current = glibcCurrentProcessor()
        let kept = choose(count, from: now, current: current >= 0 ? Int(current) : nil)
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

    /// The `count` processors to keep: the one this process runs on, then the allowed ones
    /// after it in order, wrapping around. The kernel starts a program on the least busy
    /// processor, so two `--jobs 1` runs side by side get one each; always taking the first
    /// allowed ones put both on processor 0 and doubled their time while the rest stood idle.
    static func choose(_ count: Int, from allowed: [Int], current: Int?) -> [Int] {
        guard !allowed.isEmpty else { return [] }
        let start = current.flatMap { allowed.firstIndex(of: $0) } ?? 0
        return (0..<min(count, allowed.count)).map { allowed[(start + $0) % allowed.count] }.sorted()
    }

    #if os(Linux)
    private static let maskBytes = 128  // cpu_set_t: 1,024 processors
    #endif
}

#if os(Linux)
// Swift's Glibc module does not export the affinity calls nor sched_getcpu (they need
// _GNU_SOURCE), so they are declared by their C symbol (glibc has had them since 2.3.4 and 2.6).
// A run-time look-up (dlsym) would find nothing in a fully static release build.
@_silgen_name("sched_getaffinity")
private func glibcGetAffinity(_ pid: pid_t, _ size: Int, _ mask: UnsafeMutableRawPointer) -> Int32
@_silgen_name("sched_setaffinity")
private func glibcSetAffinity(_ pid: pid_t, _ size: Int, _ mask: UnsafeMutableRawPointer) -> Int32
@_silgen_name("sched_getcpu")
private func glibcCurrentProcessor() -> Int32
#endif
