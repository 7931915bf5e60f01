/// The small curated lexicon of web-page furniture that ingest recognises by name, in the
/// languages news sites most often mix into English scrapes. Everything else is decided by
/// general signals (position, shape, language, repetition, topic); this list only names
/// what no signal can tell apart from a short heading. All entries are lowercase.
enum Lexicon {
    /// Whole lines that are site chrome wherever they appear.
    static let chromeLines: Set<String> = [
        // English
        "top 5 this week", "top stories", "trending", "trending now", "most read", "most popular", "popular posts",
        "popular articles", "popular", "latest", "latest news", "latest posts", "recent posts", "related posts",
        "related articles", "related stories", "related", "you may also like", "you might also like",
        "more stories", "more from", "read more", "read next", "recommended", "recommended for you", "advertisement",
        "sponsored", "sponsored content", "share", "share this", "share this article", "share on facebook",
        "share on twitter", "tweet", "pin it", "email", "print", "comments", "comment", "leave a reply",
        "leave a comment", "post a comment", "add comment", "please enter your comment!", "please enter your comment",
        "please enter your name here", "you have entered an incorrect email address!",
        "you have entered an incorrect email address! please enter your email address here",
        "please enter your email address here", "save my name, email, and website in this browser for the next time i comment.",
        "subscribe", "subscribe now", "sign up", "sign in", "log in", "login", "register", "newsletter",
        "follow us", "tags", "categories", "category", "menu", "search", "home", "skip to content", "skip to main content",
        "cookie settings", "accept cookies", "all rights reserved", "privacy policy", "terms of service", "contact us",
        "about us", "next article", "previous article", "next post", "previous post", "back to top", "load more",
        "show more", "see more", "view all", "find answers to common questions below.", "find answers to common questions below",
        "image source", "getty images", "create a free account", "create an account", "get started", "learn more",
        "download the app", "discussions", "trading", "spot", "futures", "buy crypto",
        "save", "save article", "save for later", "bookmark", "listen", "listen to this article", "copy link",
        "more on this story", "more on this topic", "related topics", "related content",
        // Italian
        "articoli popolari", "letture associate", "articoli correlati", "potrebbe interessarti", "leggi anche",
        "leggi di più", "ultime notizie", "discussioni", "commenti", "condividi", "iscriviti", "accedi",
        "introduzione", "conclusione", "notizie", "tendenze",
        // Spanish, French, German, Portuguese
        "artículos relacionados", "noticias relacionadas", "lo más leído", "comentarios", "compartir", "suscríbete",
        "articles similaires", "à lire aussi", "les plus lus", "commentaires", "partager", "s'abonner",
        "ähnliche artikel", "das könnte sie auch interessieren", "meistgelesen", "kommentare", "teilen", "anmelden",
        "artigos relacionados", "mais lidas", "comentários", "partilhar", "compartilhar", "assine",
    ]

    /// Line prefixes that mark chrome when the line is short (at most a dozen words).
    static let chromePrefixes: [String] = [
        "share on ", "follow us on ", "subscribe to ", "sign up for ", "click here", "read more:", "read also:",
        "see also:", "related:", "advertisement", "sponsored by", "photo:", "image:", "credit:", "getty images",
        "come comprare", "how to buy", "create a free account", "create my account", "all rights reserved", "©", "(c) ",
        "copyright ", "loading", "please enter your", "you have entered", "tags:", "filed under", "posted in",
        "/ create", "download our app",
    ]

    /// Headings after which everything that is not on-topic article prose is page furniture:
    /// related articles, comment forms, popularity widgets.
    static let tailMarkers: Set<String> = [
        "related posts", "related articles", "related stories", "related", "you may also like", "you might also like",
        "more stories", "read next", "recommended", "recommended for you", "popular articles", "popular posts",
        "more on this story", "more on this topic", "related topics", "related content",
        "most read", "most popular", "leave a reply", "leave a comment", "post a comment", "comments", "comment",
        "letture associate", "articoli correlati", "articoli popolari", "potrebbe interessarti", "leggi anche",
        "commenti", "discussioni", "artículos relacionados", "noticias relacionadas", "articles similaires",
        "à lire aussi", "ähnliche artikel", "artigos relacionados",
    ]

    /// Headings that open a block of questions and answers, with their language ("*": any).
    static let faqHeadings: [String: String] = [
        "faq": "*", "faqs": "*", "faq's": "*", "q&a": "*", "q & a": "*",
        "frequently asked questions": "en", "frequently asked questions (faqs)": "en", "frequently asked questions (faq)": "en",
        "questions and answers": "en", "related questions": "en", "common questions": "en", "people also ask": "en",
        "domande pertinenti": "it", "domande frequenti": "it", "preguntas frecuentes": "es", "questions fréquentes": "fr",
        "foire aux questions": "fr", "häufige fragen": "de", "perguntas frequentes": "pt",
    ]

    /// Headings that open a list of cited sources.
    static let sourcesHeadings: Set<String> = [
        "sources", "source", "references", "reference", "bibliography", "further reading", "citations", "fonti", "fuentes",
    ]

    /// Words that announce a publication or update date in a metadata line.
    static let publishedWords: [String] = [
        "published", "posted", "pubblicato", "publicado", "publié", "publie", "veröffentlicht", "publicada", "date:",
    ]
    static let updatedWords: [String] = [
        "updated", "last updated", "modified", "aggiornato", "actualizado", "mis à jour", "aktualisiert", "atualizado",
        "ultima volta",
    ]

    /// Words of relative-time stamps ("9 h fa", "3 hours ago") and view counters.
    static let stampWords: Set<String> = [
        "ago", "fa", "hace", "il y a", "vor", "h", "hr", "hrs", "min", "mins", "hours", "minutes", "days", "ore", "giorni",
        "views", "visualizzazioni", "totale", "reads", "read", "min read", "shares", "comments",
    ]
}
