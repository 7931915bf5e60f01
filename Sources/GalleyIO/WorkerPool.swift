import Foundation

/// A fixed set of threads taking items from one bounded queue (with one worker, in order). The producer tops the queue up
/// and, when it is full, sleeps until the workers have taken half of it; idle workers are woken
/// when a quarter of the queue is waiting, or when the producer has nothing more at hand
/// (`flush`). A busy run therefore pays a wake-up per batch, not one per item: ingest
/// dispatched item by item through a semaphore woke the reader for every article, and on one
/// processor a worker woken per item ran each article as soon as it was queued.
public final class WorkerPool<Item>: @unchecked Sendable {
    private let cond = NSCondition()
    private var queue: [Item] = []
    private var head = 0
    private var closed = false
    private var running: Int
    private var producerWaiting = false
    private var idleWorkers = 0
    private let capacity: Int
    /// With `size`, the queue also holds at most `maximumSize` of the items' sizes (always one item).
    private let size: ((Item) -> Int)?
    private let maximumSize: Int
    private var queuedSize = 0

    /// Starts `workers` threads that call `work` with each item, in queue order per thread.
    /// The queue holds up to `capacity` items and, when `size` is given, up to `maximumSize`
    /// of their sizes.
    public init(workers: Int, capacity: Int, maximumSize: Int = .max, size: ((Item) -> Int)? = nil,
                work: @escaping (Item) -> Void) {
        self.capacity = max(2, capacity)
        self.size = size
        self.maximumSize = maximumSize
        running = max(1, workers)
        nonisolated(unsafe) let work = work  // called on the pool's threads only
        for _ in 0..<running { Thread.detachNewThread { [self] in loop(work) } }
    }

    private var isFull: Bool {
        queue.count - head >= capacity || (queue.count > head && queuedSize >= maximumSize)
    }

    /// Queues an item, waiting while the queue is full.
    public func submit(_ item: Item) {
        cond.lock()
        while isFull {
            producerWaiting = true
            // Idle workers may be waiting for a quarter of the items while the sizes fill it.
            if idleWorkers > 0 { cond.broadcast() }
            cond.wait()
        }
        queue.append(item)
        if let size { queuedSize += size(item) }
        if idleWorkers > 0 && ((queue.count - head) * 4 >= capacity || queuedSize * 4 >= maximumSize) { cond.broadcast() }
        cond.unlock()
    }

    /// Wakes idle workers for whatever is queued (the producer is about to wait for input).
    public func flush() {
        cond.lock()
        if idleWorkers > 0 && queue.count > head { cond.broadcast() }
        cond.unlock()
    }

    /// No more items; returns when every queued item has been worked on.
    public func finish() {
        cond.lock()
        closed = true
        cond.broadcast()
        while running > 0 { cond.wait() }
        cond.unlock()
    }

    private func loop(_ work: (Item) -> Void) {
        while true {
            cond.lock()
            while head == queue.count && !closed {
                idleWorkers += 1
                cond.wait()
                idleWorkers -= 1
            }
            if head == queue.count {
                running -= 1
                cond.broadcast()
                cond.unlock()
                return
            }
            let item = queue[head]
            head += 1
            if let size { queuedSize -= size(item) }
            if head >= 64 && head * 2 >= queue.count {
                queue.removeFirst(head)
                head = 0
            }
            if producerWaiting && (queue.count - head) * 2 <= capacity && queuedSize * 2 <= maximumSize {
                producerWaiting = false
                cond.broadcast()
            }
            cond.unlock()
            work(item)
        }
    }
}
