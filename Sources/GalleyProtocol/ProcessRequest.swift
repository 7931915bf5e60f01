import GalleyJSON
import GalleyModel

/// A `process` request read by the fast path: the envelope and the Article straight from the
/// line's bytes (`JSONCursor`, `Article.decode`). Nil for any other line, and for any request
/// the fast path is unsure of: a plugin then reads it the general way, which
/// also words every error.
public struct ProcessRequest: Sendable {
    public let id: RPCID
    public let article: Article
    /// `params.options` when it is an object.
    public let options: JSONObject?

    public init?(_ line: ArraySlice<UInt8>) {
        let read: (RPCID, Article, JSONObject?)? = line.withUnsafeBufferPointer { buf in
            var c = JSONCursor(buf)
            return try? ProcessRequest.read(&c)
        }
        guard let read else { return nil }
        (id, article, options) = read
    }

    private static func read(_ c: inout JSONCursor) throws(JSONCursor.Mismatch) -> (RPCID, Article, JSONObject?) {
        var version = false, id: RPCID?, method = false, article: Article?, options: JSONObject?
        var params = false
        try c.beginObject()
        var first = true
        while let key = try c.nextKey(&first) {
            if JSONCursor.matches(key, "jsonrpc") {
                guard !version, try c.string() == "2.0" else { throw JSONCursor.Mismatch() }
                version = true
            } else if JSONCursor.matches(key, "id") {
                guard id == nil else { throw JSONCursor.Mismatch() }
                if let s = try? c.string() { id = .string(s) } else { id = .int(try c.int()) }
            } else if JSONCursor.matches(key, "method") {
                // The method must come first: only then is `params.article` known to be an Article.
                guard !method, !params, try c.string() == "process" else { throw JSONCursor.Mismatch() }
                method = true
            } else if JSONCursor.matches(key, "params") {
                guard method, !params else { throw JSONCursor.Mismatch() }
                params = true
                try c.beginObject()
                var firstParam = true
                var sawOptions = false
                while let p = try c.nextKey(&firstParam) {
                    if JSONCursor.matches(p, "article") {
                        guard article == nil else { throw JSONCursor.Mismatch() }
                        article = try Article.decode(&c)
                    } else if JSONCursor.matches(p, "options") {
                        guard !sawOptions else { throw JSONCursor.Mismatch() }
                        sawOptions = true
                        options = try c.value().objectValue
                    } else {
                        try c.skipValue()
                    }
                }
            } else {
                try c.skipValue()
            }
        }
        guard c.atEnd(), version, let id, let article else { throw JSONCursor.Mismatch() }
        return (id, article, options)
    }
}
