import GalleyText

/// The few words and shapes that mark a block as furniture whatever its markup: stand-alone
/// labels ("Advertisement"), calls to action ("Sign up for our newsletter"), datelines.
enum BlockLexicon {
    /// Labels that are furniture wherever they stand alone ("Advertisement", "Read more").
    static let chromeLines: [String: String] = [
        "advert": "ad", "advertisement": "ad", "advertisements": "ad", "ad": "ad", "ads": "ad", "sponsored": "ad",
        "sponsored content": "ad", "paid content": "ad", "anzeige": "ad", "werbung": "ad", "publicidad": "ad",
        "publicité": "ad", "pubblicità": "ad", "реклама": "ad", "story continues below advertisement": "ad",
        "advertisement - scroll to continue": "ad", "scroll to continue with content": "ad",
        "share": "share", "share this": "share", "share this article": "share", "share this story": "share",
        "print": "chrome", "email": "chrome", "loading": "chrome", "skip to content": "chrome", "back to top": "chrome",
        "click to expand": "chrome", "continue reading": "chrome", "read more": "related", "related": "related",
        "related articles": "related", "related stories": "related", "you may also like": "related",
        "recommended": "related", "more stories": "related", "follow us": "share", "subscribe": "newsletter",
        "sign up": "newsletter",
    ]

    /// The reason for a stand-alone label, ignoring case and trailing punctuation.
    static func chromeLine(_ text: String) -> String? {
        var key = text.lowercased()
        while let last = key.unicodeScalars.last, ".:!…»›|-–—".unicodeScalars.contains(last) || last == " " {
            key.unicodeScalars.removeLast()
        }
        return chromeLines[key]
    }

    /// A pointer to another story: "Read more: Why storms are getting stronger", "See also: ...".
    static let teaserOpeners = ["read more:", "read more -", "read also:", "see also:", "related:", "more on this story:", "also read:"]

    static func isTeaser(_ b: TextBlock) -> Bool {
        guard b.words <= 30, b.kind == .paragraph else { return false }
        let lower = b.string.lowercased()
        return teaserOpeners.contains { lower.hasPrefix($0) }
    }

    /// Calls to action that close or open an article: newsletter sign-ups, "have a tip?",
    /// "follow us". Only looked for in the first and the last few kept blocks.
    static let callToAction = ["sign up", "subscribe", "newsletter", "click here", "follow us", "delivered to your inbox",
                               "download the app", "download our app", "have a tip", "can be reached at", "may be reached at",
                               "email us at"]

    static func isCallToAction(_ b: TextBlock) -> Bool {
        guard b.words <= 40, b.kind == .paragraph else { return false }
        let lower = b.string.lowercased()
        return callToAction.contains { lower.containsBytes($0) }
    }

    /// "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05" or "Posted on 3 May 2021":
    /// a short line that states a date and little else.
    static func isDateline(_ b: TextBlock) -> Bool {
        guard b.words <= 16, !b.endsSentence || b.words <= 8, containsYear(b.text) else { return false }
        let text = b.string
        let dates = DateParser.findDates(in: text)
        guard !dates.isEmpty else { return false }
        let lower = text.lowercased()
        if dateWords.contains(where: { lower.containsBytes($0) }) { return true }
        var rest = Array(text.unicodeScalars)
        for d in dates.reversed() { rest.removeSubrange(d.range) }
        return Tokenizer.words(String(String.UnicodeScalarView(rest))).count <= 3
    }

    static let dateWords = ["published", "updated", "posted", "last modified", "pubblicato", "publicado", "publié",
                            "veröffentlicht", "aktualisiert"]

    /// A four-digit year from 1900 to 2099: every full date has one, and checking for it
    /// first keeps the date parser away from almost every block.
    static func containsYear(_ text: [UInt8]) -> Bool {
        var run = 0
        for (i, b) in text.enumerated() {
            if b >= 0x30 && b <= 0x39 {
                run += 1
                if run == 4 {
                    let (c, d) = (text[i - 3], text[i - 2])
                    if (c == 0x31 && d == 0x39) || (c == 0x32 && d == 0x30) {
                        if i + 1 == text.count || !(text[i + 1] >= 0x30 && text[i + 1] <= 0x39) { return true }
                    }
                }
            } else {
                run = 0
            }
        }
        return false
    }
}
