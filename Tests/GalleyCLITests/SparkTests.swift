import Foundation
import Testing

/// The Spark path (Plugins/spark/galley_spark.py) in local mode gives the same articles as
/// `galley analyze`. Runs when GALLEY_SPARK_TEST=1 (pyspark and Java needed; .ci/run sets it
/// up when it can); GALLEY_SPARK_PYTHON names the Python that has pyspark.
@Suite struct SparkTests {
    static var enabled: Bool { ProcessInfo.processInfo.environment["GALLEY_SPARK_TEST"] == "1" }
    static var python: String {
        ProcessInfo.processInfo.environment["GALLEY_SPARK_PYTHON"]
            ?? [NSHomeDirectory() + "/.cache/galley-spark/bin/python"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "python3"
    }

    @Test(.enabled(if: enabled), .timeLimit(.minutes(5)))
    func sparkOutputEqualsAnalyzeOutput() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.ndjson"), output = dir.appendingPathComponent("out.ndjson")
        // Seeds plus a slice of BBC records: text and records, ingested by galley in both paths.
        var lines = try GalleyProcess.run(["ingest", "seeds"]).stdout
        if let bbc = try? String(contentsOfFile: GalleyProcess.package.deletingLastPathComponent().path + "/shared/data/bbc/dev.ndjson", encoding: .utf8) {
            lines += bbc.split(separator: "\n").prefix(40).joined(separator: "\n") + "\n"
        }
        try Data(lines.utf8).write(to: input)
        let plugin = GalleyProcess.package.appendingPathComponent("Plugins/python/wordstats.py").path

        let driver = try GalleyProcess.run(
            [Self.python, GalleyProcess.package.appendingPathComponent("Plugins/spark/galley_spark.py").path,
             "--input", input.path, "--output", output.path, "--galley", GalleyProcess.binary.path,
             "--partitions", "3", "--", "run", plugin],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(driver.status == 0, "\(driver.stderr.suffix(2000))")

        let viaAnalyze = try GalleyProcess.run(["analyze", input.path, "--with", plugin, "--format", "ndjson", "-q"])
        let spark = (try String(contentsOf: output, encoding: .utf8)).split(separator: "\n").map(String.init)
        #expect(spark.count == viaAnalyze.json.count)
        for (a, b) in zip(spark, viaAnalyze.lines) {
            let x = try JSONSerialization.jsonObject(with: Data(a.utf8)) as? NSDictionary
            let y = try JSONSerialization.jsonObject(with: Data(b.utf8)) as? NSDictionary
            #expect(x?["id"] as? String == y?["id"] as? String)
            #expect(x?["analyses"] as? NSDictionary == y?["analyses"] as? NSDictionary)
            #expect(x?["text"] as? String == y?["text"] as? String)
        }
    }
}
