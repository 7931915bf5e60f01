import Foundation
import Testing

/// report.html in a real browser: headless Chromium renders it to a PNG, which must show a
/// page with content and charts, not a blank or broken one. Skipped when Chromium is missing
/// (.ci/run installs it from Debian's packages).
@Suite struct BrowserReportTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: chromium != nil), .timeLimit(.minutes(3)))
    func reportRendersWithChartsAndTables() throws {
        let out = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let analyze = try GalleyProcess.run(["analyze", "seeds", "--out", out.path, "--format", "none", "-q"])
        #expect(analyze.status == 0, "\(analyze.stderr)")
        let html = out.appendingPathComponent("report.html")
        let source = try String(contentsOf: html, encoding: .utf8)
        #expect(source.components(separatedBy: "<svg").count - 1 >= 5, "a scenario chart per article and a timeline")

        // The DOM the browser built: every section present, nothing lost to a parse error.
        let dom = try browser(["--dump-dom", html.absoluteString])
        for section in ["id=\"reconciliation\"", "id=\"timeline\"", "id=\"articles\"", "The Hidden Cost of the AI Arms Race"] {
            #expect(dom.contains(section), "\(section) missing from the rendered DOM")
        }
        // The picture: mostly not background, many colours (text, badges, bars).
        let png = out.appendingPathComponent("report.png")
        _ = try browser(["--window-size=1280,2400", "--screenshot=\(png.path)", html.absoluteString])
        #expect(FileManager.default.fileExists(atPath: png.path))
        let stats = try pngStats(png)
        #expect((stats["width"] as? Int) == 1280)
        #expect((stats["ink"] as? Double ?? 0) > 0.05, "a blank page: \(stats)")
        #expect((stats["colours"] as? Int ?? 0) > 30, "no charts or badges drawn: \(stats)")
        // Keep the picture for a human to look at.
        try? FileManager.default.removeItem(atPath: "/tmp/galley-report-test.png")
        try? FileManager.default.copyItem(at: png, to: URL(fileURLWithPath: "/tmp/galley-report-test.png"))
    }

    func browser(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.chromium!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                       "--user-data-dir=\(FileManager.default.temporaryDirectory.path)/galley-chromium-\(getpid())"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func pngStats(_ url: URL) throws -> [String: Any] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", GalleyProcess.package.appendingPathComponent("Tests/Fixtures/png_stats.py").path, url.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
