/// A small deterministic generator (SplitMix64): the same seed gives the same data on
/// every machine, so demo data sets and benchmarks are reproducible.
package struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p`.
    package mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    /// A uniform integer in `0..<n`.
    package mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

    /// An index drawn with the given weights.
    package mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = Double(next() >> 11) / Double(1 << 53) * total
        for (i, w) in weights.enumerated() {
            x -= w
            if x < 0 { return i }
        }
        return weights.count - 1
    }
}
