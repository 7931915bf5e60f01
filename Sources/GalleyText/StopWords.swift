/// Function words per language. English is the full list the analyses use for weighting; the
/// others are the most frequent function words, enough to tell a language from its text.
public enum StopWords {
    public static let english: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't",
        "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
        "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during",
        "each", "even", "ever", "few", "for", "from", "further", "had", "hadn't", "has", "hasn't", "have", "haven't",
        "having", "he", "he'd", "he'll", "he's", "her", "here", "here's", "hers", "herself", "him", "himself", "his",
        "how", "how's", "however", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's",
        "its", "itself", "just", "let's", "many", "may", "me", "might", "more", "most", "much", "must", "mustn't", "my",
        "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours",
        "ourselves", "out", "over", "own", "same", "shall", "shan't", "she", "she'd", "she'll", "she's", "should",
        "shouldn't", "since", "so", "some", "such", "than", "that", "that's", "the", "their", "theirs", "them",
        "themselves", "then", "there", "there's", "these", "they", "they'd", "they'll", "they're", "they've", "this",
        "those", "though", "through", "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "was",
        "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "what's", "when", "when's",
        "where", "where's", "whether", "which", "while", "who", "who's", "whom", "whose", "why", "why's", "will",
        "with", "within", "without", "won't", "would", "wouldn't", "yet", "you", "you'd", "you'll", "you're",
        "you've", "your", "yours", "yourself", "yourselves", "said", "says", "say", "one", "two", "new", "than",
        "s", "t", "mr", "mrs", "ms", "per", "via", "across", "among", "around", "still", "already", "almost",
    ]

    /// Frequent function words for language identification (ISO 639-1 codes).
    /// `english` for look-ups by a word's bytes.
    public static let englishTable = WordTable(words: english)

    /// The languages of `byLanguage`, in the order of the bits of `functionWords`.
    public static let languageCodes: [String] = byLanguage.keys.sorted()
    /// Bit of `functionWords` values for words of `english`.
    public static let englishStopBit: UInt32 = 1 << 8

    /// Every function word, by its bytes: bit k for `languageCodes[k]` ("en" counts `english`
    /// too), plus `englishStopBit`. One look-up per word serves stop-word counts and language
    /// evidence.
    public static let functionWords: WordTable = {
        precondition(languageCodes.count <= 8, "functionWords has 8 language bits")
        var flags: [String: UInt32] = [:]
        for (k, lang) in languageCodes.enumerated() {
            var words = byLanguage[lang]!
            if lang == "en" { words.formUnion(english) }
            for w in words { flags[w, default: 0] |= 1 << k }
        }
        for w in english { flags[w, default: 0] |= englishStopBit }
        return WordTable(flags.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }()

    public static let byLanguage: [String: Set<String>] = [
        "en": ["the", "and", "of", "to", "in", "is", "that", "for", "it", "with", "as", "was", "on", "are", "be",
               "this", "by", "at", "from", "or", "have", "an", "but", "not", "they", "which", "you", "has", "its",
               "their", "will", "can", "more", "been", "would", "there", "what", "about", "into", "than", "who"],
        "it": ["il", "di", "che", "e", "la", "per", "un", "una", "non", "sono", "del", "della", "delle", "dei",
               "gli", "nel", "nella", "con", "si", "da", "le", "al", "alla", "come", "più", "anche", "ma", "questo",
               "tuo", "tua", "il", "ci", "puoi", "nostra", "nostro", "sul", "sulla", "ultima", "volta", "ed", "è"],
        "es": ["el", "la", "de", "que", "y", "en", "los", "las", "del", "se", "por", "un", "una", "con", "para",
               "es", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "o", "este", "sí", "porque", "esta"],
        "fr": ["le", "la", "les", "de", "des", "et", "un", "une", "du", "en", "est", "que", "qui", "dans", "pour",
               "pas", "sur", "au", "avec", "ce", "il", "ne", "se", "par", "plus", "sont", "aux", "son", "mais", "nous"],
        "de": ["der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist",
               "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass"],
        "pt": ["o", "a", "de", "que", "e", "do", "da", "em", "um", "para", "com", "não", "uma", "os", "no", "se",
               "na", "por", "mais", "as", "dos", "como", "mas", "ao", "ele", "das", "à", "seu", "sua", "ou"],
        "nl": ["de", "het", "een", "en", "van", "ik", "te", "dat", "die", "in", "is", "niet", "op", "zijn", "met",
               "voor", "er", "maar", "om", "ook", "als", "aan", "bij", "nog", "wel", "naar", "dan", "worden", "door"],
    ]
}
