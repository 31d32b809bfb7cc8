/// FNV-1a, 64-bit: the same value on every run and machine (unlike `Hasher`), for content
/// fingerprints stored beside records.
package struct StableHasher {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    package init() {}

    package mutating func combine(_ s: String) {
        for b in s.utf8 { mix(b) }
        mix(0xFF)
    }

    package mutating func combine(_ s: String?) {
        if let s { combine(s) } else { mix(0xFE) }
    }

    package mutating func combine(_ v: Int64) {
        var x = UInt64(bitPattern: v)
        for _ in 0..<8 {
            mix(UInt8(x & 0xFF))
            x >>= 8
        }
    }

    package mutating func combine(_ b: Bool) { mix(b ? 1 : 2) }

    @inline(__always)
    private mutating func mix(_ b: UInt8) {
        state ^= UInt64(b)
        state = state &* 0x100_0000_01B3
    }

    /// The fingerprint as a signed integer, the type databases store.
    package var value: Int64 { Int64(bitPattern: state) }
}
