import Testing
import WebService

/// The dashboard draws a long group's head, tail and the viewer's unit, and says how many it left out.
@Suite struct BarSelectionTests {
    @Test func shortGroupsAreDrawnWhole() {
        #expect(BarSelection.slots(count: 0, mine: nil) == [])
        #expect(BarSelection.slots(count: 3, mine: 1) == [.bar(0), .bar(1), .bar(2)])
        let limit = BarSelection.head + BarSelection.tail + 1
        #expect(BarSelection.slots(count: limit, mine: nil) == (0..<limit).map(BarSlot.bar))
    }

    @Test func longGroupsKeepHeadTailAndTheViewersUnit() {
        let slots = BarSelection.slots(count: 100, mine: 50, head: 3, tail: 2)
        #expect(slots == [.bar(0), .bar(1), .bar(2), .gap(47), .bar(50), .gap(47), .bar(98), .bar(99)])
        #expect(BarSelection.slots(count: 100, mine: nil, head: 3, tail: 2) == [.bar(0), .bar(1), .bar(2), .gap(95), .bar(98), .bar(99)])
        // The viewer's unit inside the head or the tail, or next to them, adds no gap of nothing.
        #expect(BarSelection.slots(count: 100, mine: 1, head: 3, tail: 2) == [.bar(0), .bar(1), .bar(2), .gap(95), .bar(98), .bar(99)])
        #expect(BarSelection.slots(count: 100, mine: 3, head: 3, tail: 2) == [.bar(0), .bar(1), .bar(2), .bar(3), .gap(94), .bar(98), .bar(99)])
        #expect(BarSelection.slots(count: 100, mine: 97, head: 3, tail: 2) == [.bar(0), .bar(1), .bar(2), .gap(94), .bar(97), .bar(98), .bar(99)])
        // Every result is drawn or counted in a gap, exactly once.
        for count in 1...60 {
            for mine in [nil, 0, count / 2, count - 1] {
                let covered = BarSelection.slots(count: count, mine: mine).reduce(0) { sum, slot in
                    switch slot {
                    case .bar: sum + 1
                    case .gap(let n): sum + n
                    }
                }
                #expect(covered == count, "count \(count), mine \(String(describing: mine))")
            }
        }
    }
}
