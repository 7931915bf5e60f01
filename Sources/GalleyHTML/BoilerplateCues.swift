/// What an element's tag, role, `class` and `id` say about the text inside it: article
/// content, or page furniture of a named kind. Names are split into words ("article-body__share"
/// -> article, body, share; "relatedStories" -> related, stories); long stems are also found
/// inside glued names ("socialsharebar").
enum Cue: Equatable {
    case none
    /// A name that suggests the article ("post-content", `<article>`).
    case content
    /// Markup that states it is the article body (`itemprop="articleBody"`).
    case articleBody
    /// Furniture, with the reason recorded when its text is removed.
    case furniture(String)

    var furnitureReason: String? { if case .furniture(let r) = self { return r }; return nil }
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

    static func cue(of n: Int32, in document: HTMLDocument) -> Cue {
        let tag = document.tag(n)
        switch tag {
        case .nav, .menu: return .furniture("navigation")
        case .footer: return .furniture("footer")
        case .aside: return .furniture("sidebar")
        case .figcaption: return .furniture("caption")
        case .form: return .none
        default: break
        }
        if let role = document.attribute("role", of: n)?.lowercased() {
            switch role {
            case "navigation", "menubar", "menu", "search": return .furniture("navigation")
            case "banner": return .furniture("navigation")
            case "contentinfo": return .furniture("footer")
            case "complementary": return .furniture("sidebar")
            case "dialog", "alertdialog", "tooltip": return .furniture("chrome")
            case "main", "article": return .content
            default: break
            }
        }
        if let prop = document.attribute("itemprop", of: n)?.lowercased(), prop == "articlebody" || prop == "text" {
            return .articleBody
        }
        var names = ""
        if let c = document.attribute("class", of: n) { names += c }
        if let i = document.attribute("id", of: n) { names += " " + i }
        guard !names.isEmpty else { return tag == .article || tag == .main ? .content : .none }
        let cue = classify(names)
        if cue == .none, tag == .article || tag == .main { return .content }
        return cue
    }

    /// Furniture wins over content ("article-footer", "post-share").
    static func classify(_ names: String) -> Cue {
        var content = false
        for word in words(names) {
            if exceptions.contains(word) { continue }
            if let reason = furnitureWords[word] { return .furniture(reason) }
            if contentWords.contains(word) { content = true; continue }
            if word.count >= 6 {
                for (stem, reason) in furnitureStems where word.contains(stem) { return .furniture(reason) }
            }
        }
        return content ? .content : .none
    }

    /// Lowercase words of class and id names, split at punctuation and camelCase humps;
    /// the whole glued token is kept too ("srOnly" gives "sr", "only" and "sronly").
    static func words(_ names: String) -> [String] {
        var out: [String] = []
        var token: [UInt8] = []
        var part: [UInt8] = []
        var parts = 0
        func endPart() {
            if !part.isEmpty { out.append(String(decoding: part, as: UTF8.self)); part.removeAll(); parts += 1 }
        }
        func endToken() {
            endPart()
            if parts > 1, !token.isEmpty { out.append(String(decoding: token, as: UTF8.self)) }
            token.removeAll()
            parts = 0
        }
        var previousLower = false
        for b in names.utf8 {
            let isUpper = b >= 0x41 && b <= 0x5A
            let isLower = b >= 0x61 && b <= 0x7A
            let isDigit = b >= 0x30 && b <= 0x39
            if isUpper || isLower || isDigit {
                if isUpper && previousLower { endPart() }
                let low = isUpper ? b | 0x20 : b
                part.append(low)
                token.append(low)
                previousLower = isLower || isDigit
            } else if b == 0x20 || b == 0x09 || b == 0x0A {
                endToken()
                previousLower = false
            } else {
                endPart()
                previousLower = false
            }
        }
        endToken()
        return out
    }
}
