/// One row of a group's bar chart on the dashboard: the bar of the result at an index of the
/// ranked list, or a gap standing for that many results not drawn.
package enum BarSlot: Equatable, Sendable {
    case bar(Int)
    case gap(Int)
}

/// Which of a group's ranked results the dashboard draws. A province group can hold hundreds
/// of units; its chart shows the head and the tail of the ranking and the viewer's own unit,
/// with the rest folded into gaps (the full group is one link away).
package enum BarSelection {
    /// Results drawn from the top of a folded group.
    package static let head = 20
    /// Results drawn from the bottom of a folded group (the "bottom N" a notice names).
    package static let tail = 5

    /// The rows for `count` ranked results; `mine` is the index of the viewer's unit, if any.
    /// Groups no longer than `head + tail + 1` are drawn whole.
    package static func slots(count: Int, mine: Int?, head: Int = head, tail: Int = tail) -> [BarSlot] {
        guard count > head + tail + 1 else { return (0..<count).map(BarSlot.bar) }
        var shown = Set(0..<head).union((count - tail)..<count)
        if let mine, (0..<count).contains(mine) { shown.insert(mine) }
        var slots: [BarSlot] = []
        var previous = -1
        for index in shown.sorted() {
            if index - previous > 1 { slots.append(.gap(index - previous - 1)) }
            slots.append(.bar(index))
            previous = index
        }
        return slots
    }
}
