/// Why compressed input could not be read.
public struct InflateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "gzip: \(reason)" }
}

/// A DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks. Written
/// for saved `.html.gz` pages, so it favours being short and obviously correct over speed:
/// codes are decoded one bit at a time against canonical code counts.
struct Inflater {
    private let input: [UInt8]
    private var position: Int
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0
    private(set) var output: [UInt8] = []
    /// Output larger than this is refused (a decompression bomb must not exhaust memory).
    let limit: Int

    init(_ input: [UInt8], start: Int, limit: Int) {
        self.input = input
        position = start
        self.limit = limit
        output.reserveCapacity(min(limit, input.count * 4))
    }

    /// Index of the first byte after the stream (bytes of a partly used last byte count as used).
    var endPosition: Int { position }

    /// A canonical Huffman code: how many codes of each length, and symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: ArraySlice<Int>) throws(InflateError) {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            // Over-subscribed code sets are invalid; incomplete ones are allowed (RFC 1951 permits a single code).
            var left = 1
            for len in 1..<16 {
                left <<= 1
                left -= counts[len]
                if left < 0 { throw InflateError("invalid Huffman code lengths") }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for len in 1..<15 { offsets[len + 1] = offsets[len] + counts[len] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = symbol
                offsets[l] += 1
            }
        }
    }

    mutating func run() throws(InflateError) {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try codes(Self.fixedLiterals, Self.fixedDistances)
            case 2:
                let (lit, dist) = try dynamicTables()
                try codes(lit, dist)
            default: throw InflateError("invalid block type")
            }
        }
        // Give back whole bytes still held in the bit buffer.
        position -= bitCount / 8
        bitCount = 0
    }

    private mutating func bits(_ n: Int) throws(InflateError) -> Int {
        while bitCount < n {
            guard position < input.count else { throw InflateError("unexpected end of compressed data") }
            bitBuffer |= UInt32(input[position]) << UInt32(bitCount)
            position += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt32(n)) - 1))
        bitBuffer >>= UInt32(n)
        bitCount -= n
        return value
    }

    private mutating func storedBlock() throws(InflateError) {
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw InflateError("truncated stored block") }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == ~complement & 0xFFFF else { throw InflateError("stored block length check failed") }
        position += 4
        guard position + length <= input.count else { throw InflateError("truncated stored block") }
        guard output.count + length <= limit else { throw InflateError("output over the \(limit)-byte limit") }
        output.append(contentsOf: input[position..<(position + length)])
        position += length
    }

    private mutating func decode(_ h: Huffman) throws(InflateError) -> Int {
        var code = 0, first = 0, index = 0
        for len in 1..<16 {
            code |= try bits(1)
            let count = h.counts[len]
            if code - first < count { return h.symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw InflateError("invalid Huffman code")
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                       2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private mutating func codes(_ literals: Huffman, _ distances: Huffman) throws(InflateError) {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                guard output.count < limit else { throw InflateError("output over the \(limit)-byte limit") }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let s = symbol - 257
            guard s < 29 else { throw InflateError("invalid length code") }
            let length = Self.lengthBase[s] + (try bits(Self.lengthExtra[s]))
            let d = try decode(distances)
            guard d < 30 else { throw InflateError("invalid distance code") }
            let distance = Self.distanceBase[d] + (try bits(Self.distanceExtra[d]))
            guard distance <= output.count else { throw InflateError("distance reaches before the start of the data") }
            guard output.count + length <= limit else { throw InflateError("output over the \(limit)-byte limit") }
            // Copy byte by byte: the source may overlap what is being written (runs).
            var from = output.count - distance
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }

    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private mutating func dynamicTables() throws(InflateError) -> (Huffman, Huffman) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw InflateError("too many codes in a dynamic block") }
        var codeLengths = [Int](repeating: 0, count: 19)
        for k in 0..<codeLengthCount { codeLengths[Self.codeLengthOrder[k]] = try bits(3) }
        let lengthCode = try Huffman(lengths: codeLengths[...])
        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(lengthCode)
            switch symbol {
            case 0...15:
                lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw InflateError("repeat with no previous length") }
                lengths.append(contentsOf: repeatElement(previous, count: 3 + (try bits(2))))
            case 17:
                lengths.append(contentsOf: repeatElement(0, count: 3 + (try bits(3))))
            default:
                lengths.append(contentsOf: repeatElement(0, count: 11 + (try bits(7))))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw InflateError("code lengths overrun") }
        guard lengths[256] != 0 else { throw InflateError("no end-of-block code") }
        return (try Huffman(lengths: lengths[0..<literalCount]), try Huffman(lengths: lengths[literalCount...]))
    }

    private static let fixedLiterals: Huffman = {
        var l = [Int](repeating: 8, count: 288)
        for k in 144..<256 { l[k] = 9 }
        for k in 256..<280 { l[k] = 7 }
        return try! Huffman(lengths: l[...])
    }()
    private static let fixedDistances: Huffman = try! Huffman(lengths: repeatElement(5, count: 30).map { $0 }[...])
}

/// The gzip file format (RFC 1952) around DEFLATE, with CRC-32 and length checks.
/// Concatenated members are read one after another, as `gzip -d` does.
public enum Gzip {
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    public static func decompress(_ bytes: [UInt8], limit: Int = 256 << 20) throws(InflateError) -> [UInt8] {
        guard !bytes.isEmpty else { throw InflateError("empty file") }
        var output: [UInt8] = []
        var start = 0
        while start < bytes.count {
            // Trailing zero padding after the last member is tolerated.
            if output.count > 0, bytes[start...].allSatisfy({ $0 == 0 }) { break }
            let (member, next) = try readMember(bytes, at: start, limit: limit - output.count)
            output.append(contentsOf: member)
            start = next
        }
        return output
    }

    private static func readMember(_ bytes: [UInt8], at start: Int, limit: Int) throws(InflateError) -> ([UInt8], Int) {
        guard bytes.count >= start + 18 else { throw InflateError("file too short") }
        guard bytes[start] == 0x1F, bytes[start + 1] == 0x8B else { throw InflateError("not a gzip file") }
        guard bytes[start + 2] == 8 else { throw InflateError("unknown compression method \(bytes[start + 2])") }
        let flags = bytes[start + 3]
        var i = start + 10
        if flags & 0x04 != 0 {  // FEXTRA
            guard i + 2 <= bytes.count else { throw InflateError("truncated header") }
            i += 2 + (Int(bytes[i]) | Int(bytes[i + 1]) << 8)
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            while i < bytes.count, bytes[i] != 0 { i += 1 }
            i += 1
        }
        if flags & 0x02 != 0 { i += 2 }  // FHCRC
        guard i < bytes.count else { throw InflateError("truncated header") }
        var inflater = Inflater(bytes, start: i, limit: limit)
        try inflater.run()
        let end = inflater.endPosition
        guard end + 8 <= bytes.count else { throw InflateError("missing CRC and length trailer") }
        let crc = readLE32(bytes, end)
        let size = readLE32(bytes, end + 4)
        guard CRC32.checksum(inflater.output) == crc else { throw InflateError("CRC check failed (corrupt file)") }
        guard UInt32(truncatingIfNeeded: inflater.output.count) == size else { throw InflateError("length check failed") }
        return (inflater.output, end + 8)
    }

    private static func readLE32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}

/// CRC-32 as gzip uses it (reflected polynomial 0xEDB88320).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
