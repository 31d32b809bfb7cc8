import Domain
import Testing
import WorkingDays

/// The in-app inbox, the same on every store.
@Suite struct InboxContractTests {
    func message(_ key: String, office: String = "city", title: String = "提醒", job: String? = "remind") -> InboxMessage {
        InboxMessage(key: key, office: OfficeID(office)!, audience: "unit:county-01", title: title, body: "请于今日 17:30 前报送。",
                     createdAt: at(Int64(key.count)), job: job)
    }

    @Test(arguments: Backend.available)
    func aKeyIsPostedOnce(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            #expect(try await s.post(message("m1")))
            #expect(try await !s.post(message("m1", title: "又一次")))
            #expect(try await s.messages(office: nil, limit: 10) == [message("m1")])
        }
    }

    @Test(arguments: Backend.available)
    func messagesAreNewestFirstPerOffice(_ backend: Backend) async throws {
        try await withStore(backend) { (t: TestStore) async throws in
            let s = t.store
            let posted = [message("a"), message("bb", office: "county-a", job: nil), message("ccc"), message("dddd", office: "county-a")]
            for m in posted { #expect(try await s.post(m)) }
            #expect(try await s.messages(office: nil, limit: 10) == posted.reversed())
            #expect(try await s.messages(office: OfficeID("city")!, limit: 10) == [posted[2], posted[0]])
            #expect(try await s.messages(office: OfficeID("county-a")!, limit: 1) == [posted[3]])
            #expect(try await s.messages(office: OfficeID("west")!, limit: 10).isEmpty)
        }
    }
}
