import Digest
import Foundation
import Geocoding

/// A verified Kuaidi100 subscription push (快递100 订阅推送).
///
/// Wire format (Kuaidi100 订阅推送 API): an `application/x-www-form-urlencoded` body with `param` (a JSON string:
/// `{"status", "message", "lastResult": {"com", "nu", "state", "data": [...]}}`) and `sign` = `MD5(param + salt)` as
/// hex. The reply the vendor expects is `{"result":true,"returnCode":"200","message":"成功"}`.
public struct Kuaidi100Push: Sendable {
    /// `polling` (still tracking), `shutdown` (finished), `abort` (gave up) or `updateall` (a full resend).
    public let status: String
    public let key: ShipmentKey
    /// The `lastResult` object, re-encoded: a Kuaidi100 query response the trace parser reads.
    public let lastResult: Data

    /// The subscription statuses Kuaidi100 documents.
    public static let statuses: Set<String> = ["polling", "shutdown", "abort", "updateall"]

    /// Verifies and decodes a push body.
    /// - Throws: `ShipmentError.badSignature` (nothing may be stored), `.badField` for a malformed `param`,
    ///   `.unknownCarrier` / `.missingNumber` / `.badNumber` for the shipment key.
    public init(body: Data, salt: String) throws {
        let form = try FormFields(body)
        let param = try form.require("param")
        let sign = try form.require("sign")
        guard ConstantTime.equals(Array(MD5.hex(param + salt).utf8), Array(sign.lowercased().utf8)) else {
            throw ShipmentError.badSignature("Kuaidi100 sign")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(param.utf8)) as? [String: Any] else {
            throw ShipmentError.badField("param", "not a JSON object")
        }
        let status = (object["status"] as? String) ?? ""
        guard Kuaidi100Push.statuses.contains(status) else {
            throw ShipmentError.badField("param.status", "'\(status)' is not polling, shutdown, abort or updateall")
        }
        guard let last = object["lastResult"] as? [String: Any] else {
            throw ShipmentError.badField("param.lastResult", "missing")
        }
        guard let com = last["com"] as? String, !com.isEmpty else {
            throw ShipmentError.badField("param.lastResult.com", "missing carrier code")
        }
        let carrier = try Carrier.named(com)
        key = try ShipmentKey(carrier: carrier, number: (last["nu"] as? String) ?? "")
        self.status = status
        lastResult = try JSONSerialization.data(withJSONObject: last, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The success reply body.
    public static let successReply = Data(#"{"result":true,"returnCode":"200","message":"成功"}"#.utf8)
}
