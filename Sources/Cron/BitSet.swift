/// A set of small non-negative integers (0–255) as four machine words, for constant-time
/// membership and "next member at or after" lookups.
struct BitSet: Hashable, Sendable {
    private var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

    init() {}

    init(_ values: some Sequence<Int>) {
        for v in values { insert(v) }
    }

    /// The low 64 members (0–63) as one word.
    var low: UInt64 { w0 }

    func contains(_ v: Int) -> Bool {
        guard v >= 0, v < 256 else { return false }
        return word(v >> 6) & (1 << UInt64(v & 63)) != 0
    }

    mutating func insert(_ v: Int) {
        precondition(v >= 0 && v < 256, "BitSet holds 0–255")
        let bit: UInt64 = 1 << UInt64(v & 63)
        switch v >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    mutating func formUnion(_ other: BitSet) {
        w0 |= other.w0
        w1 |= other.w1
        w2 |= other.w2
        w3 |= other.w3
    }

    /// The smallest member ≥ `v`, or nil.
    func next(atLeast v: Int) -> Int? {
        var i = max(v, 0)
        while i < 256 {
            let masked = word(i >> 6) & (~0 << UInt64(i & 63))
            if masked != 0 { return (i & ~63) + masked.trailingZeroBitCount }
            i = (i & ~63) + 64
        }
        return nil
    }

    var first: Int? { next(atLeast: 0) }

    private func word(_ i: Int) -> UInt64 {
        switch i {
        case 0: w0
        case 1: w1
        case 2: w2
        default: w3
        }
    }
}

extension UInt64 {
    /// The smallest set bit ≥ `v` (0–63), or nil.
    func nextBit(atLeast v: Int) -> Int? {
        guard v < 64 else { return nil }
        let masked = self & (~0 << UInt64(Swift.max(v, 0)))
        return masked == 0 ? nil : masked.trailingZeroBitCount
    }
}
