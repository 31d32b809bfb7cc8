package import Domain

/// A rule or test file as read from disk.
package struct RuleFile: Sendable, Equatable {
    /// File name inside the office folder (`score.lua`, `tests/score.json`).
    package var name: String
    /// How errors name it: `rules/<office>/<name>`.
    package var path: String
    package var bytes: [UInt8]

    package init(name: String, path: String, bytes: [UInt8]) {
        self.name = name
        self.path = path
        self.bytes = bytes
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// One office's folder: its manifest, rule files and tests.
package struct OfficeSource: Sendable, Equatable {
    package var id: OfficeID
    package var manifest: OfficeManifest
    package var manifestBytes: [UInt8]
    /// `*.lua` files of the office folder, loaded in name order.
    package var files: [RuleFile]
    /// Files under `tests/`: `*.json` cases and `*_test.lua` test functions.
    package var tests: [RuleFile]
    /// `rules/<office>` as shown in errors.
    package var folder: String

    package init(id: OfficeID, manifest: OfficeManifest, manifestBytes: [UInt8], files: [RuleFile], tests: [RuleFile], folder: String) {
        self.id = id
        self.manifest = manifest
        self.manifestBytes = manifestBytes
        self.files = files
        self.tests = tests
        self.folder = folder
    }
}
