import Tagged
import Domain
import Foundation
import WorkingDays

/// Writes items as a Lua chunk returning a list of item tables of exactly the shape the
/// host passes to `score`, for the standalone-interpreter baseline.
enum LuaItemsFile {
    static func write(_ items: [ItemFacts], to url: URL) throws {
        var out = "local E = EMPTY\nlocal items = {}\nlocal n = 0\nlocal function I(t) n = n + 1 items[n] = t end\n"
        out.reserveCapacity(items.count * 160)
        func q(_ s: String) -> String { "\"" + s + "\"" }
        func list(_ xs: [String]) -> String { xs.isEmpty ? "E" : "{" + xs.map(q).joined(separator: ",") + "}" }
        for (i, it) in items.enumerated() {
            var s = "I{id=\(q(it.id.rawValue)),unit=\(q(it.units[0].rawValue)),units=\(list(it.units.map(\.rawValue))),merged=\(it.merged),"
            s += "category=\(q(it.category.rawValue)),submitted=\(q(it.submitted.iso)),authors=\(list(it.authors.map(\.rawValue)))"
            if let c = it.commission { s += ",commission=\(q(c))" }
            s += ",adoptions=" + (it.adoptions.isEmpty ? "E" : "{" + it.adoptions.map { a in
                "{level=\(q(a.level.rawValue)),publication=\(q(a.publication)),kind=\(q(a.kind.rawValue)),\(a.issue.map { "issue=\(q($0))," } ?? "")date=\(q(a.date.iso))}"
            }.joined(separator: ",") + "}")
            s += ",forwardings=" + (it.forwardings.isEmpty ? "E" : "{" + it.forwardings.map { "{to=\(q($0.to.rawValue)),date=\(q($0.date.iso))}" }.joined(separator: ",") + "}")
            s += ",instructions=" + (it.instructions.isEmpty ? "E" : "{" + it.instructions.map {
                "{level=\(q($0.level.rawValue)),principal=\($0.principal),leader=\(q($0.leader)),date=\(q($0.date.iso))}"
            }.joined(separator: ",") + "}")
            out += s + "}\n"
            // Keep each chunk function's constant table small: split into nested functions.
            if i % 5000 == 4999 { out += "end)();\n(function()\n" }
        }
        out = out.replacingOccurrences(of: "local function I(t) n = n + 1 items[n] = t end\n", with: "local function I(t) n = n + 1 items[n] = t end;\n(function()\n")
        out += "end)();\nreturn items\n"
        try Data(out.utf8).write(to: url)
    }
}
