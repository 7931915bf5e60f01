import GalleyText

/// What an element's tag, role, `class` and `id` say about the text inside it: article
/// content, or page furniture of a named kind. Names are split into words ("article-body__share"
/// -> article, body, share; "relatedStories" -> related, stories); long stems are also found
/// inside glued names ("socialsharebar").
enum Cue: Equatable, Sendable {
    case none
    /// A name that suggests the article ("post-content", `<article>`).
    case content
    /// Markup that states it is the article body (`itemprop="articleBody"`).
    case articleBody
    /// Furniture, with the reason recorded when its text is removed.
    case furniture(String)
}

enum BoilerplateCues {
    /// Whole words that name furniture.
    static let furnitureWords: [String: String] = [
        "comment": "comments", "comments": "comments", "disqus": "comments", "respond": "comments", "replies": "comments",
        "share": "share", "sharing": "share", "shares": "share", "social": "share", "addthis": "share", "sharethis": "share",
        "related": "related", "recommended": "related", "recommendations": "related", "trending": "related",
        "popular": "related", "mostread": "related", "outbrain": "related", "taboola": "related", "more": "related",
        "promo": "promo", "promos": "promo", "sponsor": "ad", "sponsored": "ad", "advert": "ad", "advertisement": "ad",
        "advertising": "ad", "ad": "ad", "ads": "ad", "adv": "ad", "adslot": "ad", "adunit": "ad", "dfp": "ad", "gpt": "ad",
        "banner": "ad", "commercial": "ad", "affiliate": "ad",
        "newsletter": "newsletter", "subscribe": "newsletter", "subscription": "newsletter", "signup": "newsletter",
        "paywall": "newsletter", "registration": "newsletter",
        "nav": "navigation", "navbar": "navigation", "navigation": "navigation", "menu": "navigation",
        "breadcrumb": "navigation", "breadcrumbs": "navigation", "pagination": "navigation", "pager": "navigation",
        "skip": "navigation", "masthead": "navigation",
        "footer": "footer", "copyright": "footer", "colophon": "footer",
        "sidebar": "sidebar", "widget": "sidebar", "rail": "sidebar", "aside": "sidebar",
        "byline": "metadata", "dateline": "metadata", "timestamp": "metadata", "meta": "metadata",
        "author": "metadata", "authors": "metadata", "date": "metadata", "published": "metadata", "updated": "metadata",
        "caption": "caption", "captions": "caption", "credit": "caption", "credits": "caption", "figcaption": "caption",
        "tags": "tags", "keywords": "tags", "topics": "tags", "categories": "tags",
        "cookie": "chrome", "cookies": "chrome", "consent": "chrome", "gdpr": "chrome", "popup": "chrome",
        "modal": "chrome", "overlay": "chrome", "toolbar": "chrome", "print": "chrome", "hidden": "hidden",
        "hide": "hidden", "visually": "hidden", "offscreen": "hidden", "sronly": "hidden", "screen": "hidden",
        "bio": "author-bio",
    ]

    /// Stems found inside glued names ("articlesharebar", "relatedarticles").
    static let furnitureStems: [(String, String)] = [
        ("comment", "comments"), ("disqus", "comments"), ("share", "share"), ("social", "share"), ("related", "related"),
        ("outbrain", "related"), ("taboola", "related"), ("newsletter", "newsletter"), ("subscribe", "newsletter"),
        ("advert", "ad"), ("sponsor", "ad"), ("sidebar", "sidebar"), ("footer", "footer"), ("breadcrumb", "navigation"),
        ("navbar", "navigation"), ("promo", "promo"), ("byline", "metadata"), ("caption", "caption"), ("cookie", "chrome"),
        ("recommend", "related"), ("readmore", "related"), ("readnext", "related"), ("mostpopular", "related"),
    ]

    /// Words that name the article's own container.
    static let contentWords: Set<String> = [
        "article", "articlebody", "content", "entry", "post", "story", "storybody", "body", "text", "main", "blog",
        "prose", "richtext", "paragraph", "paragraphs", "copy", "news",
    ]

    /// Names that merely contain a furniture stem ("commentary" is an article genre).
    static let exceptions: Set<String> = ["commentary", "commentator", "shared", "unrelated", "metadata"]

    /// The cue of every node, computed once per page (text nodes get `.none`).
    static func table(for d: HTMLDocument) -> [Cue] {
        var out = [Cue](repeating: .none, count: d.nodes.count)
        var scratch = CueScratch()
        var cache = CueCache()
        for (n, node) in d.nodes.enumerated() where node.kind == .element {
            out[n] = cache.cue(of: Int32(n), in: d, scratch: &scratch)
        }
        return out
    }

    /// Reusable buffers, so classifying thousands of elements allocates nothing.
    struct CueScratch {
        var token: [UInt8] = []
        var part: [UInt8] = []
        init() { token.reserveCapacity(64); part.reserveCapacity(64) }
    }

    static func cue(of n: Int32, in document: HTMLDocument, scratch: inout CueScratch) -> Cue {
        let node = document.nodes[Int(n)]
        let tag = node.tag
        switch tag {
        case .nav, .menu: return .furniture("navigation")
        case .footer: return .furniture("footer")
        case .aside: return .furniture("sidebar")
        case .figcaption: return .furniture("caption")
        default: break
        }
        let fallback: Cue = tag == .article || tag == .main ? .content : .none
        guard !node.attributeRange.isEmpty else { return fallback }
        if let r = document.attributeRange("role", of: n), !r.isEmpty, r.count < 20 {
            let role = document.string(r).lowercased()
            switch role {
            case "navigation", "menubar", "menu", "search", "banner": return .furniture("navigation")
            case "contentinfo": return .furniture("footer")
            case "complementary": return .furniture("sidebar")
            case "dialog", "alertdialog", "tooltip": return .furniture("chrome")
            case "main", "article": return .content
            default: break
            }
        }
        if let r = document.attributeRange("itemprop", of: n), r.count == 4 || r.count == 11 {
            let prop = document.string(r).lowercased()
            if prop == "articlebody" || prop == "text" { return .articleBody }
        }
        var cue = Cue.none
        for name in ["class", "id"] {
            guard let r = document.attributeRange(name, of: n), !r.isEmpty else { continue }
            let c = document.storage.withUnsafeBufferPointer { s in
                classify(UnsafeBufferPointer(rebasing: s[Int(r.lowerBound)..<Int(r.upperBound)]), scratch: &scratch)
            }
            if case .furniture = c { return c }
            if c == .content { cue = .content }
        }
        return cue == .none ? fallback : cue
    }

    /// Pages repeat the same few class names on thousands of elements: remember the verdict
    /// per distinct tag-and-attributes text (keyed by a 64-bit FNV-1a hash of it).
    struct CueCache {
        private var verdicts: [UInt64: Cue] = [:]

        mutating func cue(of n: Int32, in d: HTMLDocument, scratch: inout CueScratch) -> Cue {
            let node = d.nodes[Int(n)]
            guard !node.attributeRange.isEmpty else { return BoilerplateCues.cue(of: n, in: d, scratch: &scratch) }
            var h = FNV1a(seed: UInt64(node.tag.rawValue))
            d.storage.withUnsafeBufferPointer { s in
                for a in Int(node.attributeRange.lowerBound)..<Int(node.attributeRange.upperBound) {
                    let attr = d.attributes[a]
                    // Only the attributes `cue(of:)` reads: class, id, role, itemprop.
                    let first = s[Int(attr.name.lowerBound)]
                    switch (attr.name.count, first) {
                    case (5, 0x63), (2, 0x69), (4, 0x72), (8, 0x69): break
                    default: continue
                    }
                    for r in [attr.name, attr.value] {
                        for i in Int(r.lowerBound)..<Int(r.upperBound) { h.add(s[i]) }
                        h.add(0xFF)
                    }
                }
            }
            if let v = verdicts[h.value] { return v }
            let v = BoilerplateCues.cue(of: n, in: d, scratch: &scratch)
            verdicts[h.value] = v
            return v
        }
    }

    static func classify(_ names: String) -> Cue {
        var scratch = CueScratch()
        var copy = names
        return copy.withUTF8 { classify($0, scratch: &scratch) }
    }

    /// Furniture wins over content ("article-footer", "post-share").
    static func classify(_ names: UnsafeBufferPointer<UInt8>, scratch: inout CueScratch) -> Cue {
        if containsEmbedWord(names) { return .none }
        if let visibleSomewhere = withoutResponsiveHiding(names) {
            return visibleSomewhere.withUnsafeBufferPointer { classify($0, scratch: &scratch) }
        }
        var content = false
        var parts = 0
        var result: Cue?
        scratch.token.removeAll(keepingCapacity: true)
        scratch.part.removeAll(keepingCapacity: true)
        func endPart(_ s: inout CueScratch) {
            guard !s.part.isEmpty else { return }
            parts += 1
            switch judge(s.part, glued: false) {
            case .furniture(let r): if result == nil { result = .furniture(r) }
            case .content: content = true
            default: break
            }
            s.part.removeAll(keepingCapacity: true)
        }
        func endToken(_ s: inout CueScratch) {
            endPart(&s)
            if parts > 1, result == nil {
                switch judge(s.token, glued: true) {
                case .furniture(let r): result = .furniture(r)
                case .content: content = true
                default: break
                }
            }
            s.token.removeAll(keepingCapacity: true)
            parts = 0
        }
        var previousLower = false
        for b in names {
            let isUpper = b >= 0x41 && b <= 0x5A
            let isLower = b >= 0x61 && b <= 0x7A
            let isDigit = b >= 0x30 && b <= 0x39
            if isUpper || isLower || isDigit {
                if isUpper && previousLower { endPart(&scratch) }
                let low = isUpper ? b | 0x20 : b
                scratch.part.append(low)
                scratch.token.append(low)
                previousLower = isLower || isDigit
            } else if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                endToken(&scratch)
                previousLower = false
            } else {
                endPart(&scratch)
                previousLower = false
            }
            if result != nil { return result! }
        }
        endToken(&scratch)
        if let r = result { return r }
        return content ? .content : .none
    }

    /// Names of content the author embedded in the article (a quoted tweet, a post): they
    /// outrank furniture words on the same element ("social-media-embed", "twitter-tweet").
    private static let embedStems = ["embed", "tweet", "instagram"].map { Array($0.utf8) }

    /// "embed", "tweet" or "instagram" anywhere in the names, case-insensitively.
    static func containsEmbedWord(_ names: UnsafeBufferPointer<UInt8>) -> Bool {
        embedStems.contains { containsIgnoringCase(names, $0) }
    }

    /// `needle` (lowercase ASCII) occurs in `names`, ignoring ASCII case; no allocation.
    static func containsIgnoringCase(_ names: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0, names.count >= n else { return false }
        for i in 0...(names.count - n) {
            var k = 0
            while k < n {
                let b = names[i + k]
                if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != needle[k] { break }
                k += 1
            }
            if k == n { return true }
        }
        return false
    }

    /// "hidden-xs", "hide-on-mobile", "visible-lg": hidden on some screens only, so the
    /// text is on the page. Returns the names with those classes blanked, or nil when there are none.
    static func withoutResponsiveHiding(_ names: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard containsIgnoringCase(names, hidePrefix) || containsIgnoringCase(names, visiblePrefix) else { return nil }
        var lower = names.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var changed = false
        var start = 0
        while start < lower.count {
            var end = start
            while end < lower.count, lower[end] != 0x20, lower[end] != 0x09, lower[end] != 0x0A { end += 1 }
            let token = Array(lower[start..<end])
            let hiding = token.starts(with: Array("hidden".utf8)) || token.starts(with: Array("hide".utf8)) || token.starts(with: Array("visible".utf8))
            if hiding, responsiveWords.contains(where: { token.containsSequence($0) }) {
                for k in start..<end { lower[k] = 0x20 }
                changed = true
            }
            start = end + 1
        }
        return changed ? lower : nil
    }

    private static let hidePrefix = Array("hid".utf8), visiblePrefix = Array("visible".utf8)
    private static let responsiveWords = ["xs", "sm", "md", "lg", "xl", "mobile", "desktop", "tablet", "phone", "small",
                                          "medium", "large", "print"].map { Array($0.utf8) }

    /// One lowercase word: a furniture word, a content word, or a furniture stem inside a long one.
    private static func judge(_ word: [UInt8], glued: Bool) -> Cue {
        let n = word.count
        if n <= 16, n >= 2, mayBeListed[n * 32 + Int(word[0] & 0x1F)] {
            let key = word.withUnsafeBufferPointer { PackedName($0)! }
            if let verdict = listed[key] { return verdict }
        }
        if n >= 6, !exceptionBytes.contains(where: { word.containsSequence($0) }) {
            // Stems by first letter: one table probe per position instead of every stem everywhere.
            for i in 0..<(n - 2) {
                for (stem, reason) in stemsByFirstLetter[Int(word[i] & 0x1F)] where i + stem.count <= n {
                    var same = true
                    for k in 0..<stem.count where word[i + k] != stem[k] { same = false; break }
                    if same { return .furniture(reason) }
                }
            }
        }
        return .none
    }

    /// Every listed word with its verdict; exceptions map to `.none` so they stop the stem search.
    private static let listed: PackedNameTable<Cue> = {
        // The first entry for a word wins: exceptions, then furniture, then content.
        var entries: [(PackedName, Cue)] = exceptions.compactMap { w in PackedName(w).map { ($0, Cue.none) } }
        entries += furnitureWords.compactMap { w, r in PackedName(w).map { ($0, Cue.furniture(r)) } }
        entries += contentWords.compactMap { w in PackedName(w).map { ($0, Cue.content) } }
        return PackedNameTable(entries)
    }()

    /// A quick filter on (length, first letter) before hashing: most class words are not listed.
    private static let mayBeListed: [Bool] = {
        var m = [Bool](repeating: false, count: 17 * 32)
        for w in Array(contentWords) + Array(furnitureWords.keys) + Array(exceptions) {
            let b = Array(w.utf8)
            if b.count <= 16 { m[b.count * 32 + Int(b[0] & 0x1F)] = true }
        }
        return m
    }()

    private static let exceptionBytes = exceptions.map { Array($0.utf8) }

    private static let stemsByFirstLetter: [[([UInt8], String)]] = {
        var t = [[([UInt8], String)]](repeating: [], count: 32)
        for (stem, reason) in furnitureStems {
            let b = Array(stem.utf8)
            t[Int(b[0] & 0x1F)].append((b, reason))
        }
        return t
    }()
}
