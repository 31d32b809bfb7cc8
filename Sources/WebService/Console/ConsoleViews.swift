import Domain
import Foundation
import HTTPTypes
import Mustache
import NIOCore
import Tagged
import WorkingDays

/// The console's Mustache templates, read once from the bundle (`Resources/console`): one
/// per page, `layout` around every page, `error` for friendly error pages. Values are HTML-
/// escaped by `{{…}}`; only the layout's `{{{content}}}` (an already rendered page) is not.
enum ConsoleViews {
    static let library: MustacheLibrary = {
        guard let directory = directory() else { fatalError("console templates are missing from the WebService resources: the build is incomplete") }
        var library = MustacheLibrary()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasSuffix(".mustache") {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else { continue }
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                fatalError("console template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// `console.css`, served at `/console.css`.
    static let stylesheet: String = {
        guard let url = directory()?.appendingPathComponent("console.css"), let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("console.css is missing from the WebService resources: the build is incomplete")
        }
        return text
    }()

    static func directory() -> URL? {
        let candidates = [Bundle.module.resourceURL?.appendingPathComponent("console"),
                          Bundle.module.bundleURL.appendingPathComponent("Resources/console")].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("layout.mustache").path) }
    }

    /// `template` rendered with `view` (a struct whose stored properties the template names).
    static func render(_ template: String, _ view: Any) -> String {
        guard let html = library.render(view, withTemplate: template) else { fatalError("console template \(template) is missing") }
        return html
    }
}
