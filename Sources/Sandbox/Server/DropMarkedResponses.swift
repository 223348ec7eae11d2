import NIOCore
import NIOHTTPTypes

/// Closes the connection instead of sending a response marked to be dropped,
/// so the client sees a reset after the server applied its write: the lost
/// response that a create must survive without creating twice.
final class DropMarkedResponses: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var dropping = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        if case .head(let head) = part, head.headerFields[SandboxHeader.drop] != nil {
            dropping = true
            promise?.fail(ChannelError.ioOnClosedChannel)
            context.close(promise: nil)
            return
        }
        guard !dropping else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.write(data, promise: promise)
    }
}
