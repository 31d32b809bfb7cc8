import Foundation

/// Paths inside the repository, found from this file's location.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schedules = root.appendingPathComponent("schedules")
}
