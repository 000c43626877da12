import Foundation

/// Splits a Kdniao push body that carries several shipments into one trace per shipment.
///
/// Kdniao's push (RequestType 101, "轨迹推送") sends `RequestData` holding `{"EBusinessID", "PushTime", "Count",
/// "Data": [shipment, …]}`, where each shipment has the fields of an instant-query response (`ShipperCode`,
/// `LogisticCode`, `State`, `Traces`). On the wire `RequestData` is a JSON *string* inside a form body; decoded
/// bodies carry it as an object. Both are accepted here, and so is a bare `{"Data": […]}`.
///
/// This lives in Export only until the geocoder offers a public way to split pushes; it looks at the envelope
/// and nothing else, and each shipment is handed on as its own JSON object for the renderer to parse.
enum KdniaoPushSplitter {
    /// The shipments of a push body, each re-encoded as a JSON object; nil when `body` is not a Kdniao push
    /// with a `Data` array (it is then one ordinary trace, or bad input for the renderer to report).
    static func shipments(in body: Data) -> [Data]? {
        // Cheap screen first: every item passes here, and only pushes mention "Data" (or \"Data\" in a string).
        guard body.range(of: Data("Data\"".utf8)) != nil || body.range(of: Data("Data\\\"".utf8)) != nil,
              let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        else { return nil }
        var envelope = object
        if let requestData = object["RequestData"] {
            if let nested = requestData as? [String: Any] {
                envelope = nested
            } else if let text = requestData as? String, let data = text.data(using: .utf8),
                      let nested = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            {
                envelope = nested
            } else {
                return nil
            }
        }
        guard let list = envelope["Data"] as? [Any], !list.isEmpty else { return nil }
        return list.map { shipment in
            guard JSONSerialization.isValidJSONObject(shipment),
                  let data = try? JSONSerialization.data(withJSONObject: shipment, options: [.sortedKeys])
            else {
                // Not an object (a number, a string): pass it on as written so the renderer names the error.
                return (try? JSONSerialization.data(withJSONObject: [shipment], options: [])).map {
                    Data($0.dropFirst().dropLast())
                } ?? Data()
            }
            return data
        }
    }
}
