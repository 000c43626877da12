import Foundation
import Geocoding
import HTTPServer

extension ShipmentService {
    /// The heartbeat of every event stream: an SSE comment line, which clients ignore (WHATWG HTML §9.2.6).
    static let heartbeat = Array(": keep-alive\n\n".utf8)

    /// `GET /v1/shipments/{carrier}/{number}/events`: a `text/event-stream` (WHATWG HTML, "Server-sent
    /// events") of the shipment's versions, signed like its page.
    ///
    /// On connect it sends the current version as a `shipment` event, unless the client's `Last-Event-ID` already
    /// names it (a reconnect that missed nothing); then one event per new version, within a second of the write
    /// that stored it. The stream runs on the connection's thread under `ServerLimits.maxStreams`.
    /// - Throws: 403 for a bad signature, 404 `shipment.not_found` for an unknown shipment.
    func events(_ request: HTTPRequest, key: ShipmentKey) throws -> HTTPResponse {
        if let signer { try signer.verify(request, now: Int(Date().timeIntervalSince1970)) }
        // Watch first, then read: a write between the two is either in what we read or published to the watch.
        let watch = notifier.watch(key)
        do {
            let record = try record(key)
            // WHATWG HTML §9.2.4: a reconnecting client sends the last `id` it saw as `Last-Event-ID`.
            let lastEventID = request.headers["Last-Event-ID"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if lastEventID == record.version {
                watch.skip(through: record.version)
                // Still tell the client how soon to come back if the stream drops.
                watch.channel.send(Array("retry: 2000\n\n".utf8))
            } else {
                let trace = try gate.geocodeFirst(record.trace)
                watch.offer(version: record.version, event: ShipmentSnapshot(
                    record: record, trace: trace, engine: engine, history: learner?.history).event(retry: true))
            }
        } catch {
            watch.channel.close()
            throw error
        }
        return .stream(contentType: "text/event-stream; charset=utf-8",
                       headers: HTTPHeaders([("Cache-Control", "no-cache"), ("X-Accel-Buffering", "no")]),
                       source: watch.channel, heartbeat: Self.heartbeat)
    }

    /// The events URL a shipment page subscribes to, authorised the way the page's own URL was.
    ///
    /// The signature covers the path (`URLSigner`), so the page's `sig` cannot be reused: the events path is signed
    /// anew with the page URL's `exp`, and lives exactly as long as the page URL the client was given.
    func eventsURL(for pageRequest: HTTPRequest) -> String {
        let path = String(pageRequest.rawPath.dropLast("page".count)) + "events"
        guard let signer else { return path }
        guard let exp = pageRequest.queryValue("exp").flatMap(Int.init) else { return path }
        return signer.sign(path, expires: exp)
    }

    /// Sends version `version` of `key` (just committed, `trace` geocoded) to the streams watching it.
    ///
    /// Only when someone watches; a failure here never fails the write, which is already committed.
    func publish(_ key: ShipmentKey, trace: GeocodedTrace, version: Int) {
        guard notifier.isWatched(key), let record = try? store.get(key), record.version == version else { return }
        let snapshot = ShipmentSnapshot(record: record, trace: trace, engine: engine, history: learner?.history)
        notifier.publish(key, version: version, event: snapshot.event())
    }
}
