import Foundation
import HTTPTypes
import Logging
import Tagged
package import Assessment
package import Domain

/// What the service needs of a database: the record (read and changed day to day),
/// accounts and sessions, assessment runs, documents, the inbox and the reminder outbox. Both
/// stores are all of it.
package typealias WebStore = RecordStore & WorkStore & AccountStore & AssessmentRunStore & DocumentStore & InboxStore & OutboxStore
