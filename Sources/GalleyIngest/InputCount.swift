import Foundation
import GalleyJSON

extension InputWalker {
    /// How many records `walk` will give for `paths`, counted ahead of a run for a progress
    /// line's ETA, by the walk's own rules: report folders of earlier runs and hidden entries
    /// are skipped, an NDJSON file is its lines, a JSON file its records (an array's, or an
    /// API response's articles), a feed its items, any other file one. nil for standard input
    /// (it cannot be read twice).
    public static func estimatedRecordCount(_ paths: [String]) -> Int? {
        var total = 0
        for path in paths {
            if path == "-" { return nil }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            total += isDirectory.boolValue ? countFolder(path) : countFile(path)
        }
        return total
    }

    private static func countFolder(_ path: String) -> Int {
        guard let e = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total = 0
        while let f = e.nextObject() as? String {
            let name = (f as NSString).lastPathComponent
            if name.hasPrefix(".") { e.skipDescendants(); continue }
            let full = path + "/" + f
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if FileManager.default.fileExists(atPath: full + "/" + reportFolderMark) { e.skipDescendants() }
                continue
            }
            if readsInFolder(name) { total += countFile(full, inFolder: true) }
        }
        return total
    }

    private static func countFile(_ path: String, inFolder: Bool = false) -> Int {
        let ext = (path as NSString).pathExtension.lowercased()
        guard ["json", "ndjson", "jsonl"].contains(ext) || feedExtensions.contains(ext),
              let data = FileManager.default.contents(atPath: path) else { return 1 }
        let bytes = Array(data)
        if feedExtensions.contains(ext) {
            guard FeedReader.looksLikeFeed(bytes) else { return inFolder ? 0 : 1 }
            return FeedReader.blocks(String(decoding: bytes, as: UTF8.self)).count
        }
        if ext == "json" {
            // One document, or records one after another (NDJSON, `jq .` output). Folders may
            // hold JSON that is not articles (scenario packs): those are skipped.
            let values = JSONParser.parseSequenceRecovering(bytes)
            return values.reduce(0) { n, v in
                guard case .success(let value) = v else { return n + 1 }
                return n + records(in: value).filter(looksLikeArticle).count
            }
        }
        // Lines with something on them (blank lines are no records).
        return bytes.split(separator: 0x0A).filter { $0.contains { $0 > 0x20 } }.count
    }
}
