/// A 64-bit hash with the same value on every run and machine (unlike `Hasher`), for content
/// fingerprints stored beside records: FNV-1a for single bytes, a multiply-xorshift step for
/// eight bytes at a time in strings.
package struct StableHasher {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    package init() {}

    package mutating func combine(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            var i = 0
            while i + 8 <= bytes.count {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                state = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
                state ^= state >> 29
                i += 8
            }
            while i < bytes.count {
                mix(bytes[i])
                i += 1
            }
        }
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
