import XCTest
@testable import GalleyHTML

/// Tokenizer rules, each on a small hand-written page.
final class TokenizerTests: XCTestCase {
    func testTagsAndText() {
        XCTAssertEqual(tokens("<P CLASS=Lead>Hi</P>"), ["<p class=Lead>", "\"Hi\"", "</p>"])
    }

    func testUnquotedAttributes() {
        XCTAssertEqual(tokens("<a href=/x?a=1 class=link>t</a>"), ["<a href=/x?a=1 class=link>", "\"t\"", "</a>"])
        // An unquoted value ends at ">" and at whitespace.
        XCTAssertEqual(tokens("<img src=a.png alt=x>"), ["<img src=a.png alt=x>"])
    }

    func testSingleQuotedAndValuelessAttributes() {
        XCTAssertEqual(tokens("<input type='text' disabled>"), ["<input type=text disabled=>"])
    }

    func testDuplicateAttributesKeepTheFirst() {
        XCTAssertEqual(tokens("<p class=a id=x CLASS=b>t"), ["<p class=a id=x>", "\"t\""])
        // Past 16 attributes the names are looked up in a set: duplicates of names from before
        // and after the switch, in any case, still go; the next tag starts afresh.
        let many = (0..<20).map { "a\($0)=v\($0)" }.joined(separator: " ")
        let kept = (0..<20).map { " a\($0)=v\($0)" }.joined()
        XCTAssertEqual(tokens("<div \(many) A3=dup a19=dup id=x ID=y a0 class=c A20=w a20=z><p a3=b a3=c>"),
                       ["<div" + kept + " id=x class=c a20=w>", "<p a3=b>"])
        XCTAssertEqual(tokens("<div \(many) \(many)><div \(many) a21>"), ["<div" + kept + ">", "<div" + kept + " a21=>"])
    }

    func testSelfClosingFlag() {
        XCTAssertEqual(tokens("<br/><path d=M0 />"), ["<br />", "<path d=M0 />"])
    }

    func testComments() {
        XCTAssertEqual(tokens("a<!-- x -->b"), ["\"a\"", "<!-- -->", "\"b\""])
        XCTAssertEqual(tokens("a<!-->b"), ["\"a\"", "<!-- -->", "\"b\""], "abrupt empty comment")
        XCTAssertEqual(tokens("a<!--->b"), ["\"a\"", "<!-- -->", "\"b\""], "abrupt comment")
        XCTAssertEqual(tokens("a<!-- x --!>b"), ["\"a\"", "<!-- -->", "\"b\""])
        XCTAssertEqual(tokens("a<!-- <p>never closed"), ["\"a\"", "<!-- -->"], "an open comment runs to the end")
        XCTAssertEqual(tokens("<?xml version=1?><!DOCTYPE html>x"), ["<!-- -->", "<!doctype>", "\"x\""])
        XCTAssertEqual(tokens("</ bogus>x"), ["<!-- -->", "\"x\""])
    }

    func testLiteralLessThan() {
        XCTAssertEqual(tokens("1 < 2 and 3<4"), ["\"1 < 2 and 3<4\""])
        XCTAssertEqual(tokens("a</>b"), ["\"a\"", "\"b\""], "</> is ignored")
    }

    func testNamedCharacterReferences() {
        XCTAssertEqual(tokens("&amp; &lt;&gt; &quot;&apos; caf&eacute; &mdash; &hellip;"), ["\"& <> \"' café — …\""])
        // Legacy names work without the semicolon; others do not.
        XCTAssertEqual(tokens("&copy 2019 &amp co &mdash x"), ["\"© 2019 & co &mdash x\""])
        // The longest legacy prefix wins: "&notit;" reads "¬it;".
        XCTAssertEqual(tokens("&notit; &notin;"), ["\"¬it; ∉\""])
        XCTAssertEqual(tokens("&bogus; & alone"), ["\"&bogus; & alone\""])
    }

    func testNumericCharacterReferences() {
        XCTAssertEqual(tokens("&#65;&#x42;&#X43&#68"), ["\"ABCD\""])
        // 0x80–0x9F are read as Windows-1252; NUL, surrogates and out-of-range become U+FFFD.
        XCTAssertEqual(tokens("&#128;&#x93;q&#x94;"), ["\"€“q”\""])
        XCTAssertEqual(tokens("&#0;&#xD800;&#x110000;"), ["\"\u{FFFD}\u{FFFD}\u{FFFD}\""])
        XCTAssertEqual(tokens("&#;&#x;"), ["\"&#;&#x;\""])
    }

    func testReferencesInAttributes() {
        // In an attribute, a legacy name followed by "=" or a letter stays literal (query strings).
        XCTAssertEqual(tokens("<a href=\"?a=1&copy=2&amp;b=3\" title=\"&copy 2019\">"), ["<a href=?a=1&copy=2&b=3 title=© 2019>"])
    }

    func testRawTextElements() {
        XCTAssertEqual(tokens("<script>if (a<b) x = \"</p>\";</script>t"), ["<script>", "</script>", "\"t\""])
        XCTAssertEqual(tokens("<style>p > a { }</style>"), ["<style>", "</style>"])
        // Only "</script" followed by a space, "/" or ">" ends a script.
        XCTAssertEqual(tokens("<script>a</scripts>b</script >c"), ["<script>", "</script>", "\"c\""])
    }

    func testRCDATAElementsDecodeReferencesButNotTags() {
        XCTAssertEqual(tokens("<title>A &amp; <b>B</b></title>"), ["<title>", "\"A & <b>B</b>\"", "</title>"])
        XCTAssertEqual(tokens("<textarea><p>x</textarea>"), ["<textarea>", "\"<p>x\"", "</textarea>"])
    }

    func testTruncatedTagIsDropped() {
        XCTAssertEqual(tokens("text<div class=\"a"), ["\"text\""])
        XCTAssertEqual(tokens("text<"), ["\"text<\""])
    }

    func testNulBytes() {
        XCTAssertEqual(tokens("a\u{0}b"), ["\"ab\""])
    }
}
