package import Foundation
package import Domain
package import WorkingDays

/// Keeps every version that went live, so that old results can be traced to the exact
/// rule text and an office can be rolled back: `<directory>/<office>/<version>/…` plus
/// `<directory>/<office>/index.jsonl` (one line per activation).
package struct RuleArchive: Sendable {
    package struct Entry: Sendable, Equatable, Codable {
        package var version: String
        package var activated: Instant
        package var files: [String]
    }

    package let directory: URL

    package init(directory: URL) { self.directory = directory }

    /// Stores the office's own files of `set` (ancestors are archived under their own ids) and
    /// logs the activation, unless `set` is already the office's latest activation.
    package func record(_ set: RuleSet, at time: Instant) throws {
        let fm = FileManager.default
        let officeDir = directory.appendingPathComponent(set.office.rawValue)
        let versionDir = officeDir.appendingPathComponent(set.version)
        if !fm.fileExists(atPath: versionDir.path) {
            let staging = officeDir.appendingPathComponent(".staging-\(set.version)-\(ProcessInfo.processInfo.processIdentifier)")
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data(set.source.manifestBytes).write(to: staging.appendingPathComponent("office.yaml"))
            for file in set.source.files {
                try Data(file.bytes).write(to: staging.appendingPathComponent(file.name))
            }
            let chain = set.chain.indices.map { i in "\(set.chain[i].id) \(RuleSet(chain: Array(set.chain[...i])).version)" }
            try Data((chain.joined(separator: "\n") + "\n").utf8).write(to: staging.appendingPathComponent("CHAIN"))
            do {
                try fm.moveItem(at: staging, to: versionDir)
            } catch {
                try? fm.removeItem(at: staging)
                if !fm.fileExists(atPath: versionDir.path) { throw error }
            }
        }
        // A restart (or a second process) loading the version already live is no new activation.
        if history(of: set.office).last?.version == set.version { return }
        let entry = Entry(version: set.version, activated: time, files: set.source.files.map(\.name))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(entry)
        line.append(0x0A)
        let index = officeDir.appendingPathComponent("index.jsonl")
        if let handle = FileHandle(forWritingAtPath: index.path) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
        } else {
            try line.write(to: index)
        }
    }

    /// Activations of an office, oldest first.
    package func history(of office: OfficeID) -> [Entry] {
        let index = directory.appendingPathComponent("\(office)/index.jsonl")
        guard let data = try? Data(contentsOf: index) else { return [] }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(Entry.self, from: Data($0)) }
    }

    /// An archived version as a rule set again: the office's files and, through the `CHAIN`
    /// record, its ancestors' files as they were when it went live.
    package func ruleSet(of office: OfficeID, version: String) -> RuleSet? {
        let dir = directory.appendingPathComponent("\(office)/\(version)")
        guard let chainText = try? String(contentsOf: dir.appendingPathComponent("CHAIN"), encoding: .utf8) else { return nil }
        var chain: [OfficeSource] = []
        for line in chainText.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let id = OfficeID(String(parts[0])) else { return nil }
            guard let source = source(of: id, version: String(parts[1])) else { return nil }
            chain.append(source)
        }
        let set = RuleSet(chain: chain)
        return set.version == version ? set : nil
    }

    private func source(of office: OfficeID, version: String) -> OfficeSource? {
        let dir = directory.appendingPathComponent("\(office)/\(version)")
        guard let manifestData = try? Data(contentsOf: dir.appendingPathComponent("office.yaml")),
              let manifest = try? OfficeManifest.parse(String(decoding: manifestData, as: UTF8.self), file: "rules/\(office)/office.yaml"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path)
        else { return nil }
        var files: [RuleFile] = []
        for name in names.sorted() where name.hasSuffix(".lua") {
            guard let data = try? Data(contentsOf: dir.appendingPathComponent(name)) else { return nil }
            files.append(RuleFile(name: name, path: "rules/\(office)/\(name)", bytes: Array(data)))
        }
        return OfficeSource(id: office, manifest: manifest, manifestBytes: Array(manifestData), files: files, tests: [], folder: "rules/\(office)")
    }

    /// The office's own files of an archived version (a unique prefix of at least 6 hex digits works).
    package func files(of office: OfficeID, version: String) -> (version: String, files: [String: Data])? {
        let officeDir = directory.appendingPathComponent(office.rawValue)
        guard version.count >= 6,
              let names = try? FileManager.default.contentsOfDirectory(atPath: officeDir.path)
        else { return nil }
        let matches = names.filter { $0.hasPrefix(version) && !$0.hasPrefix(".") && $0 != "index.jsonl" }
        guard matches.count == 1, let full = matches.first else { return nil }
        let dir = officeDir.appendingPathComponent(full)
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
            files[name] = try? Data(contentsOf: dir.appendingPathComponent(name))
        }
        return (full, files)
    }
}
