import XCTest
@testable import GalleyHTML

/// Character-encoding detection: BOM, `<meta charset>`, `http-equiv`, content, fallback.
final class EncodingTests: XCTestCase {
    private func decode(_ bytes: [UInt8]) -> (String, HTMLEncoding.Decoded) {
        let d = HTMLEncoding.decode(bytes)
        return (String(decoding: d.utf8, as: UTF8.self), d)
    }

    func testUTF8ByteOrderMark() {
        let (text, d) = decode([0xEF, 0xBB, 0xBF] + Array("<p>café</p>".utf8))
        XCTAssertEqual(text, "<p>café</p>")
        XCTAssertEqual(d.encoding, "utf-8")
        XCTAssertEqual(d.source, "bom")
    }

    func testUTF16ByteOrderMarks() {
        let le: [UInt8] = [0xFF, 0xFE] + Array("<p>é</p>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        XCTAssertEqual(decode(le).0, "<p>é</p>")
        XCTAssertEqual(decode(le).1.encoding, "utf-16le")
        let be: [UInt8] = [0xFE, 0xFF] + Array("<p>é</p>".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        XCTAssertEqual(decode(be).0, "<p>é</p>")
    }

    /// Pages in the legacy sets of Chinese, Japanese, Korean and Cyrillic news sites are read
    /// (they came out as Windows-1252 mojibake, or no body at all, with exit status 0).
    func testLegacyCharsetsAreDecoded() throws {
        let cases: [(label: String, text: String, bytes: [UInt8])] = [
            ("Shift_JIS", "東京都が予算を承認", [0x93, 0x8C, 0x8B, 0x9E, 0x93, 0x73, 0x82, 0xAA, 0x97, 0x5C, 0x8E, 0x5A, 0x82, 0xF0, 0x8F, 0xB3, 0x94, 0x46]),
            ("EUC-JP", "東京", [0xC5, 0xEC, 0xB5, 0xFE]),
            ("gb2312", "市议会", [0xCA, 0xD0, 0xD2, 0xE9, 0xBB, 0xE1]),
            ("big5", "市議會", [0xA5, 0xAB, 0xC4, 0xB3, 0xB7, 0x7C]),
            ("euc-kr", "시의회", [0xBD, 0xC3, 0xC0, 0xC7, 0xC8, 0xB8]),
            ("koi8-r", "Совет", [0xF3, 0xCF, 0xD7, 0xC5, 0xD4]),
            ("windows-1251", "Совет", [0xD1, 0xEE, 0xE2, 0xE5, 0xF2]),
        ]
        for c in cases {
            let page = Array("<html><head><meta charset=\"\(c.label)\"></head><body><p>".utf8) + c.bytes + Array("</p></body></html>".utf8)
            let (text, d) = decode(page)
            XCTAssertTrue(text.contains("<p>\(c.text)</p>"), "\(c.label): \(text)")
            XCTAssertNil(d.warning, c.label)
            XCTAssertEqual(d.source, "meta")
        }
        // A set Galley does not know still falls back, with a warning.
        let (_, unknown) = decode(Array("<meta charset=\"x-mac-klingon\"><p>".utf8) + [0xE9])
        XCTAssertNotNil(unknown.warning)
    }

    func testMetaCharset() {
        // 0x93/0x94 are curly quotes in Windows-1252 and invalid as UTF-8.
        let page = Array("<html><head><meta charset=\"windows-1252\"></head><p>".utf8) + [0x93, 0x68, 0x69, 0x94] + Array("</p>".utf8)
        let (text, d) = decode(page)
        XCTAssertTrue(text.contains("<p>“hi”</p>"))
        XCTAssertEqual(d.encoding, "windows-1252")
        XCTAssertEqual(d.source, "meta")
        XCTAssertNil(d.warning)
    }

    func testHTTPEquivContentType() {
        let page = Array("<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'><p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        let (text, d) = decode(page)
        XCTAssertTrue(text.hasSuffix("<p>café</p>"))
        XCTAssertEqual(d.encoding, "windows-1252", "WHATWG reads Latin-1 labels as Windows-1252")
    }

    func testLatin1LabelReadsWindows1252Bytes() {
        let page = Array("<meta charset=latin1><p>".utf8) + [0x80] + Array("5</p>".utf8)
        XCTAssertTrue(decode(page).0.contains("€5"))
    }

    func testMetaInsideCommentsOrScriptsIsIgnored() {
        let page = Array("<!-- <meta charset=windows-1252> --><script>'<meta charset=windows-1252>'</script><p>caf".utf8) + [0xC3, 0xA9]
        let (text, d) = decode(page)
        XCTAssertTrue(text.hasSuffix("café"))
        XCTAssertEqual(d.encoding, "utf-8")
        XCTAssertEqual(d.source, "content")
    }

    func testFallbackToWindows1252() {
        let page = Array("<p>na".utf8) + [0xEF, 0x76, 0x65] + Array("</p>".utf8)
        let (text, d) = decode(page)
        XCTAssertEqual(text, "<p>naïve</p>")
        XCTAssertEqual(d.encoding, "windows-1252")
        XCTAssertNotNil(d.warning)
    }

    func testDeclaredUTF8WithBadBytesIsRepaired() {
        let page = Array("<meta charset=utf-8><p>a".utf8) + [0xFF] + Array("b</p>".utf8)
        let (text, d) = decode(page)
        XCTAssertTrue(text.contains("a\u{FFFD}b"))
        XCTAssertNotNil(d.warning)
    }

    func testUnsupportedCharsetWarns() {
        let (text, d) = decode(Array("<meta charset=x-mac-klingon><p>abc</p>".utf8))
        XCTAssertTrue(text.contains("abc"))
        XCTAssertTrue(d.warning?.contains("x-mac-klingon") ?? false)
        XCTAssertTrue(d.warning?.contains("which Galley does not decode") ?? false)
    }

    /// A charset Galley reads, declared by a page whose bytes are not in it (UTF-8 that says
    /// Shift_JIS): the warning says that, not that Galley cannot read Shift_JIS.
    func testAWrongDeclaredCharsetIsCalledSo() {
        var bytes = Array("<meta charset=\"shift_jis\"><p>caf".utf8)
        bytes += [0xC3, 0xA9, 0xE2, 0x80, 0x94] + Array(" ok</p>".utf8)
        let (text, d) = decode(bytes)
        XCTAssertTrue(text.contains("ok"))
        XCTAssertEqual(d.warning, "page declares charset 'shift_jis', but its bytes are not in that charset; read as utf-8")
    }

    func testCharsetParameter() {
        XCTAssertEqual(HTMLEncoding.charsetParameter("text/html; charset=\"UTF-8\""), "utf-8")
        XCTAssertEqual(HTMLEncoding.charsetParameter("text/html;charset=iso-8859-1; x=y"), "iso-8859-1")
        XCTAssertNil(HTMLEncoding.charsetParameter("text/html"))
    }
}
