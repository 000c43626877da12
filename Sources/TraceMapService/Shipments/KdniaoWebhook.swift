import Foundation
import Geocoding
import Digest

/// A verified Kdniao push (快递鸟 轨迹推送), which can carry several shipments.
///
/// Wire format (Kdniao 推送接口 doc): `application/x-www-form-urlencoded` with `RequestData` (JSON, URL-encoded),
/// `DataSign` = `base64(lower-case hex MD5(RequestData + AppKey))` and `RequestType` (`101` trace push, `102` the
/// map-version push). The reply is `{"EBusinessID", "UpdateTime", "Success", "Reason"}`.
public struct KdniaoPush: Sendable {
    /// One shipment of the push: its key and its `Data[]` element, re-encoded (a Kdniao query response in shape).
    public struct Item: Sendable {
        public let key: ShipmentKey
        public let trace: Data
    }

    public let eBusinessID: String?
    public let items: [Item]

    /// The request types this endpoint takes.
    public static let requestTypes: Set<String> = ["101", "102"]

    /// Verifies and decodes a push body. All shipments are validated before any is returned, so a bad one rejects
    /// the whole push and nothing is stored.
    public init(body: Data, appKey: String) throws {
        let form = try FormFields(body)
        var requestData = try form.require("RequestData")
        let dataSign = try form.require("DataSign")
        let requestType = try form.require("RequestType")
        guard KdniaoPush.requestTypes.contains(requestType) else {
            throw ShipmentError.badField("RequestType", "'\(requestType)' is not 101 or 102")
        }
        // Some senders URL-encode RequestData once more inside the form; the signature covers the JSON text.
        if requestData.hasPrefix("%7B") || requestData.hasPrefix("%7b") {
            requestData = try FormFields.decode(Array(requestData.utf8), field: "RequestData")
        }
        let expected = Data(MD5.hex(requestData + appKey).utf8).base64EncodedString()
        guard ConstantTime.equals(Array(expected.utf8), Array(dataSign.utf8)) else {
            throw ShipmentError.badSignature("Kdniao DataSign")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(requestData.utf8)) as? [String: Any] else {
            throw ShipmentError.badField("RequestData", "not a JSON object")
        }
        guard let data = object["Data"] as? [[String: Any]], !data.isEmpty else {
            throw ShipmentError.badField("RequestData.Data", "missing or empty")
        }
        items = try data.enumerated().map { index, element in
            guard let code = element["ShipperCode"] as? String, !code.isEmpty else {
                throw ShipmentError.badField("RequestData.Data[\(index)].ShipperCode", "missing carrier code")
            }
            let key = try ShipmentKey(carrier: try Carrier.named(code),
                                      number: (element["LogisticCode"] as? String) ?? "")
            let trace = try JSONSerialization.data(withJSONObject: element,
                                                   options: [.sortedKeys, .withoutEscapingSlashes])
            return Item(key: key, trace: trace)
        }
        eBusinessID = object["EBusinessID"] as? String
    }

    /// The reply body Kdniao expects.
    public static func reply(eBusinessID: String, success: Bool, reason: String, at date: Date = Date()) -> Data {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let object: [String: Any] = ["EBusinessID": eBusinessID, "UpdateTime": formatter.string(from: date),
                                     "Success": success, "Reason": reason]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}
