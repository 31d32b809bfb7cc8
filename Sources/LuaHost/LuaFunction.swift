/// A function found in a sandbox's layers, held by a registry reference of that state.
///
/// Valid only with the `LuaSandbox` that produced it.
package struct LuaFunction: Hashable {
    package let name: String
    package let ref: Int32
    /// 1-based layer that defines it (the office whose file holds it).
    package let layer: Int
    /// Where it is defined (`rules/city/score.lua`, line of `function`).
    package let file: String?
    package let line: Int?
}
