import Domain
import Notices
import Scheduling

/// The record's events not yet settled, as the meeting pack lists them.
enum OpenEvents {
    /// Every unsettled event of `kinds`, read through the store's event cursor in pages.
    static func read(_ source: any EventSource, kinds: [DeadlineEvent.Kind]) async throws -> [MeetingPackBuilder.OpenEvent] {
        var open: [MeetingPackBuilder.OpenEvent] = []
        for kind in kinds {
            var cursor: Int64 = 0
            while true {
                let page = try await source.events(kind, after: cursor, limit: 500)
                open += page.events.filter { !$0.settled }.map { MeetingPackBuilder.OpenEvent(event: $0.event, summary: $0.summary) }
                guard page.cursor > cursor else { break }
                cursor = page.cursor
            }
        }
        return open
    }
}
