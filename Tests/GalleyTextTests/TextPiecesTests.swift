import Testing
@testable import GalleyText

@Suite struct DateParserTests {
    func first(_ s: String) -> String? { DateParser.findDates(in: s).first?.date.iso }

    @Test func isoDates() {
        #expect(first("Pubblicato 2026-03-17") == "2026-03-17")
        #expect(DateParser.findDates(in: "2026-03-17T09:30:00Z").first?.time == "T09:30:00Z")
    }
    @Test func writtenDates() {
        #expect(first("Wednesday, November 12, 2025") == "2025-11-12")
        #expect(first("12 November 2025") == "2025-11-12")
        #expect(first("Nov. 3, 2024") == "2024-11-03")
        #expect(first("the 1st of March 2023") == "2023-03-01")
        #expect(first("17 marzo 2026") == "2026-03-17")
    }
    @Test func numericDates() {
        #expect(first("Pubblicato il 2025.07.17") == "2025-07-17")
        #expect(first("17/07/2025") == "2025-07-17")
        #expect(first("07/17/2025") == "2025-07-17")
        #expect(first("05/06/2025") == nil, "day and month order is ambiguous")
    }
    @Test func rejectsImpossibleDates() {
        #expect(first("2025-02-30") == nil)
        #expect(first("2025-13-01") == nil)
        #expect(first("February 29, 2023") == nil)
        #expect(first("February 29, 2024") == "2024-02-29")
    }
    @Test func noDatesInPlainNumbers() {
        #expect(DateParser.findDates(in: "20,000 jobs and 16,000 employees").isEmpty)
        #expect(DateParser.findDates(in: "may rise 2%").isEmpty)
    }
    @Test func partialPrecision() {
        #expect(StatedDate(year: 2025, month: 10).iso == "2025-10")
        #expect(StatedDate(year: 2025).iso == "2025")
    }
}

@Suite struct TextDecodingTests {
    @Test func utf8() throws {
        let d = try TextDecoding.decode(Array("Meta’s plan".utf8))
        #expect(d.text == "Meta’s plan" && d.encoding == "utf-8" && d.warning == nil)
    }
    @Test func utf8WithBOM() throws {
        #expect(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("Hi".utf8)).text == "Hi")
    }
    @Test func windows1252IsConvertedWithAWarning() throws {
        // "Meta’s “plan” café" in Windows-1252.
        let bytes: [UInt8] = Array("Meta".utf8) + [0x92] + Array("s ".utf8) + [0x93] + Array("plan".utf8) + [0x94, 0x20] + Array("caf".utf8) + [0xE9]
        let d = try TextDecoding.decode(bytes)
        #expect(d.text == "Meta’s “plan” café")
        #expect(d.encoding == "windows-1252")
        #expect(d.warning?.contains("not valid UTF-8") == true)
    }
    /// UTF-8 with one stray Windows-1252 byte keeps its UTF-8: only the stray byte is read as
    /// Windows-1252 (the whole file was, and "Café" became "CafÃ©").
    @Test func aStrayByteInUTF8IsReadAloneAsWindows1252() throws {
        let bytes = Array("Café in Zürich — ".utf8) + Array("owner".utf8) + [0x92] + Array("s view".utf8)
        let d = try TextDecoding.decode(bytes)
        #expect(d.text == "Café in Zürich — owner’s view" && d.encoding == "utf-8", "\(d.text)")
        #expect(d.warning?.contains("1 stray byte") == true)
    }
    /// A stray NUL in a text is no binary file (it is dropped with other control characters).
    @Test func aStrayNULIsText() throws {
        #expect(try TextDecoding.decode(Array("Hello.".utf8) + [0] + Array(" It is fine, and the rest of the text goes on.".utf8)).encoding == "utf-8")
    }
    @Test func latin1Bytes() throws {
        #expect(try TextDecoding.decode([0x4E, 0xE4, 0x68, 0x65]).text == "Nähe")
    }
    @Test func utf16WithBOM() throws {
        let d = try TextDecoding.decode([0xFF, 0xFE, 0x48, 0x00, 0x69, 0x00])
        #expect(d.text == "Hi" && d.encoding == "utf-16le")
    }
    @Test func emptyAndBinaryAreRefused() {
        #expect(throws: TextDecoding.Failure.empty) { try TextDecoding.decode([]) }
        #expect(throws: TextDecoding.Failure.empty) { try TextDecoding.decode(Array("  \n\t\n".utf8)) }
        #expect(throws: (any Error).self) { try TextDecoding.decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]) }
    }
}

@Suite struct LanguageAndTokenTests {
    @Test func identifiesLanguages() {
        #expect(LanguageIdentifier.identify("The company said that it will cut jobs in the coming year.").language == "en")
        #expect(LanguageIdentifier.identify("Benvenuto nella Community. Qui puoi rimanere informato sugli ultimi sviluppi della piattaforma e del mercato.").language == "it")
        #expect(LanguageIdentifier.identify("活动图片").language == "zh")
        #expect(LanguageIdentifier.identify("A Titterrell, D Bell, S Borthwick, A Hazell").language == "und")
        // Scripts are counted on the bytes: mixed texts, every script, letters and not.
        #expect(LanguageIdentifier.identify("Компания сообщила о сокращении рабочих мест в этом году.").language == "ru")
        #expect(LanguageIdentifier.identify("レイオフが発表されました。").language == "ja")
        #expect(LanguageIdentifier.identify("메타는 직원을 감원한다").language == "ko")
        #expect(LanguageIdentifier.identify("أعلنت الشركة عن تسريح الموظفين").language == "ar")
        #expect(LanguageIdentifier.identify("The firm paid £600m (€700m) in 2004 – “a record”.").language == "en")
        #expect(LanguageIdentifier.identify("Meta 宣布裁员计划 20%").language == "zh", "han over 30% of the letters")
        #expect(LanguageIdentifier.identify("Meta announced cuts to its 宣布 teams and staff this week").language == "en")
    }
    @Test func tokenizerKeepsWordInternalJoiners() {
        #expect(Tokenizer.words("AI-driven U.S. don’t 2.5%").map(\.lower) == ["ai-driven", "u.s", "don't", "2.5"])
    }
    /// The published FNV-1a 64 test vectors; a seed keys apart equal bytes.
    @Test func fnv1aKnownVectors() {
        #expect(FNV1a.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash("foobar") == 0x8594_4171_f739_67e8)
        var seeded = FNV1a(seed: 7)
        seeded.add("a")
        #expect(seeded.value != FNV1a.hash("a"))
    }
    @Test func sha256KnownVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)).hasPrefix("41edece42d63e8d9"))
    }
}

/// The byte-level checks ingest uses instead of Foundation's string search.
@Suite struct ASCIICaseTests {
    @Test func containsIgnoringCase() {
        #expect("1.2K VIEWS".containsASCIIIgnoringCase("views"))
        #expect("Totale Visualizzazioni".containsASCIIIgnoringCase("visualizzazioni"))
        #expect("résumé views".containsASCIIIgnoringCase("views"))
        #expect(!"vie ws".containsASCIIIgnoringCase("views"))
        #expect(!"vi".containsASCIIIgnoringCase("views"))
        #expect("anything".containsASCIIIgnoringCase(""))
    }

    @Test func suffixIgnoringCaseAndTrailingSpace() {
        #expect("3 HOURS AGO \t".hasASCIISuffixIgnoringCase("ago"))
        #expect("2 giorni fa".hasASCIISuffixIgnoringCase("fa"))
        #expect(!"3 hours agoo".hasASCIISuffixIgnoringCase("ago"))
        #expect(!"go".hasASCIISuffixIgnoringCase("ago"))
        #expect(!"  ".hasASCIISuffixIgnoringCase("ago"))
    }
}
