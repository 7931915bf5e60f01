import XCTest
@testable import GalleyHTML

/// Tree-construction rules: which text ends up in which element.
final class TreeBuilderTests: XCTestCase {
    func testImpliedParagraphEnds() {
        XCTAssertEqual(bodyOutline("<p>one<p>two"), "p('one') p('two')")
        XCTAssertEqual(bodyOutline("<p>para<div>block</div>"), "p('para') div('block')")
        XCTAssertEqual(bodyOutline("<p>a<ul><li>b</ul>"), "p('a') ul(li('b'))")
    }

    func testImpliedListItemEnds() {
        XCTAssertEqual(bodyOutline("<ul><li>a<li>b</ul>"), "ul(li('a') li('b'))")
        // A nested list's items do not close the outer item.
        XCTAssertEqual(bodyOutline("<ul><li>a<ul><li>b</ul><li>c</ul>"), "ul(li('a' ul(li('b'))) li('c'))")
        XCTAssertEqual(bodyOutline("<dl><dt>t<dd>d<dt>t2</dl>"), "dl(dt('t') dd('d') dt('t2'))")
    }

    func testImpliedTableEnds() {
        XCTAssertEqual(bodyOutline("<table><tr><td>a<td>b<tr><td>c</table>"),
                       "table(tr(td('a') td('b')) tr(td('c')))")
        XCTAssertEqual(bodyOutline("<table><tbody><tr><th>h<tbody><tr><td>c</table>"),
                       "table(tbody(tr(th('h'))) tbody(tr(td('c'))))")
        // An end tag inside a cell never closes across the table.
        XCTAssertEqual(bodyOutline("<div><table><tr><td>a</div>b</table>"), "div(table(tr(td('ab'))))")
    }

    func testImpliedOptionEnds() {
        XCTAssertEqual(bodyOutline("<select><option>a<option>b<optgroup><option>c</select>x"),
                       "select(option('a') option('b') optgroup(option('c'))) 'x'")
    }

    func testHeadingsCloseHeadings() {
        XCTAssertEqual(bodyOutline("<h1>a<h2>b</h1>c"), "h1('a') h2('b') 'c'")
    }

    func testVoidElementsHaveNoChildren() {
        XCTAssertEqual(bodyOutline("<p>a<br>b<img src=x>c<input>d<hr>e"), "p('a' br 'b' img 'c' input 'd') hr 'e'")
        XCTAssertEqual(bodyOutline("<p>a</br>b"), "p('a' br 'b')", "</br> reads as <br>")
    }

    func testMisnestedFormatting() {
        // <b><i>x</b>y</i>: the </b> closes both; "y" is outside the bold text.
        XCTAssertEqual(bodyOutline("<b><i>x</b>y</i>"), "b(i('x')) 'y'")
        // A block opened inside a formatting element keeps the text that follows.
        XCTAssertEqual(bodyOutline("<b><p>x</b>y</p>z"), "b(p('xy')) 'z'")
        // Links do not nest.
        XCTAssertEqual(bodyOutline("<a href=1>one<a href=2>two</a>"), "a('one') a('two')")
    }

    func testStrayEndTagsAreIgnored() {
        XCTAssertEqual(bodyOutline("<div>a</span></li>b</div>"), "div('ab')")
        // "</p>" without a paragraph makes an empty one, as browsers do: the line still breaks.
        XCTAssertEqual(bodyOutline("<div>a</p>b</div>"), "div('a' p 'b')")
        XCTAssertEqual(bodyOutline("<div><span>a</div>b"), "div(span('a')) 'b'")
        XCTAssertEqual(bodyOutline("<section><em>x</section>y"), "section(em('x')) 'y'")
    }

    func testUnknownElementsMatchByName() {
        XCTAssertEqual(bodyOutline("<my-card><x-t>a</x-t>b</my-card>c"), "my-card(x-t('a') 'b') 'c'")
    }

    func testHeadAndBody() {
        let d = HTMLParser.parse("<html><head><title>T</title><meta charset=utf-8></head><body><p>x</p></body></html>")
        XCTAssertEqual(outline(d, HTMLDocument.root), "#document(html(head(title('T') meta) body(p('x'))))")
        // Content after </body> stays in the body; text in the head ends the head.
        XCTAssertEqual(bodyOutline("<body><p>a</p></body><p>b</p>"), "p('a') p('b')")
        let implied = HTMLParser.parse("<head><title>T</title>Hello")
        XCTAssertEqual(outline(implied, HTMLDocument.root), "#document(head(title('T')) 'Hello')")
    }

    func testTemplateSvgAndMathAreDropped() {
        XCTAssertEqual(bodyOutline("<template><p>hidden<template>x</template>y</template><p>shown"), "p('shown')")
        XCTAssertEqual(bodyOutline("<svg viewBox='0 0 1 1'><title>chart</title><text>42</text><path d=M0/></svg><p>after"), "p('after')")
        XCTAssertEqual(bodyOutline("<p>a<svg/>b</p>"), "p('ab')", "a self-closing svg is complete")
        XCTAssertEqual(bodyOutline("<p>x<math><mi>y</mi></math>z"), "p('xz')")
    }

    func testRawTextElementsLeaveNoText() {
        let page = "<p>a<script>document.write('<p>x</p>')</script>b</p><style>p{}</style><noscript><p>Enable JS</p></noscript><p>c"
        XCTAssertEqual(bodyText(page), "ab\nc")
    }

    func testJSONLDScriptKeepsItsText() {
        let d = HTMLParser.parse("<script type=\"application/ld+json\">{\"a\": \"<b>\"}</script><script>var x</script>")
        let scripts = d.elements(.script)
        XCTAssertEqual(d.textContent(scripts[0]), "{\"a\": \"<b>\"}")
        XCTAssertEqual(d.textContent(scripts[1]), "")
    }

    func testAdjacentTextMerges() {
        XCTAssertEqual(bodyOutline("<p>a<!-- c -->b &amp; c</p>"), "p('ab & c')")
    }

    func testDeepNestingIsCapped() {
        let depth = 20_000
        let page = String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        let d = HTMLParser.parse(page)
        XCTAssertEqual(d.textContent(HTMLDocument.root), "deep")
        var k = d.elements(.div).last!, levels = 0
        while k > 0 { k = d.parent(k); levels += 1 }
        XCTAssertLessThanOrEqual(levels, HTMLTreeBuilder.maximumDepth + 4)
    }

    func testAttributesAreReadable() {
        let d = HTMLParser.parse("<div id=main class='a b' data-x=\"&lt;1&gt;\">t</div>")
        let div = d.elements(.div)[0]
        XCTAssertEqual(d.attribute("class", of: div), "a b")
        XCTAssertEqual(d.attribute("data-x", of: div), "<1>")
        XCTAssertNil(d.attribute("title", of: div))
        XCTAssertEqual(d.attributes(of: div).map(\.name), ["id", "class", "data-x"])
    }
}
