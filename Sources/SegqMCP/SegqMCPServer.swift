import Foundation
import Segq

public final class SegqMCPServer {
    let session: Session
    public init(session: Session) { self.session = session }
    public func runUntilClosed() throws {}
}
