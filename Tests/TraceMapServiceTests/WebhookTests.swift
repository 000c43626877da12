import Digest
import Foundation
import Testing
@testable import TraceMapService

@Suite struct WebhookTests {
    /// Percent-encodes a form value the way Python's urllib.parse.urlencode does (space as '+').
    static func formEncode(_ fields: [(String, String)]) -> Data {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~ ")
        let text = fields.map { name, value in
            let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: " ", with: "+")
            return "\(name)=\(encoded)"
        }.joined(separator: "&")
        return Data(text.utf8)
    }

    static let param = #"{"status":"polling","message":"","lastResult":{"com":"ems","nu":"EA000000001CN","state":"0","data":[{"context":"[洛杉矶] 到达寄达地处理中心","time":"2026-11-23 21:05:00"}]}}"#

    @Test func kuaidi100AcceptsEitherCaseOfTheSign() throws {
        for sign in [MD5.hex(Self.param + "salt"), MD5.hex(Self.param + "salt").uppercased()] {
            let push = try Kuaidi100Push(body: Self.formEncode([("param", Self.param), ("sign", sign)]), salt: "salt")
            #expect(push.key.carrier.id == "ems")
            #expect(push.key.number == "EA000000001CN")
            #expect(push.status == "polling")
            let last = try JSONSerialization.jsonObject(with: push.lastResult) as? [String: Any]
            #expect((last?["data"] as? [Any])?.count == 1)
        }
    }

    @Test func kuaidi100RejectsAWrongSignBeforeReadingTheData() {
        let body = Self.formEncode([("param", Self.param), ("sign", String(repeating: "0", count: 32))])
        #expect(throws: ShipmentError.badSignature("Kuaidi100 sign")) { try Kuaidi100Push(body: body, salt: "salt") }
    }

    @Test func kuaidi100BadFieldsAreErrors() {
        let sign = { (p: String) in MD5.hex(p + "s") }
        for param in ["{not json", #"{"status":"weird","lastResult":{}}"#,
                      #"{"status":"polling","lastResult":{"com":"nosuch","nu":"1"}}"#,
                      #"{"status":"polling","lastResult":{"com":"ems"}}"#] {
            #expect(throws: ShipmentError.self) {
                try Kuaidi100Push(body: Self.formEncode([("param", param), ("sign", sign(param))]), salt: "s")
            }
        }
        #expect(throws: ShipmentError.badField("sign", "missing")) {
            try Kuaidi100Push(body: Self.formEncode([("param", Self.param)]), salt: "s")
        }
    }

    static let requestData = #"{"EBusinessID":"1234567","Data":[{"ShipperCode":"YTO","LogisticCode":"YT1","Traces":[]},{"ShipperCode":"JTSD","LogisticCode":"JT2","Traces":[]}]}"#

    @Test func kdniaoSplitsShipmentsAndChecksTheSign() throws {
        let sign = Data(MD5.hex(Self.requestData + "key").utf8).base64EncodedString()
        let body = Self.formEncode([("RequestData", Self.requestData), ("DataSign", sign), ("RequestType", "101")])
        let push = try KdniaoPush(body: body, appKey: "key")
        #expect(push.items.map(\.key.description) == ["yto/YT1", "jt/JT2"])
        #expect(push.eBusinessID == "1234567")
        #expect(throws: ShipmentError.badSignature("Kdniao DataSign")) { try KdniaoPush(body: body, appKey: "other") }
    }

    @Test func kdniaoAcceptsDoubleEncodedRequestData() throws {
        let sign = Data(MD5.hex(Self.requestData + "key").utf8).base64EncodedString()
        let once = String(decoding: Self.formEncode([("x", Self.requestData)]).dropFirst(2), as: UTF8.self)
            .replacingOccurrences(of: "+", with: "%20")
        let body = Self.formEncode([("RequestData", once), ("DataSign", sign), ("RequestType", "101")])
        #expect(try KdniaoPush(body: body, appKey: "key").items.count == 2)
    }

    @Test func kdniaoOneBadShipmentRejectsThePush() {
        let data = #"{"Data":[{"ShipperCode":"YTO","LogisticCode":"YT1"},{"ShipperCode":"???","LogisticCode":"X"}]}"#
        let sign = Data(MD5.hex(data + "k").utf8).base64EncodedString()
        let body = Self.formEncode([("RequestData", data), ("DataSign", sign), ("RequestType", "101")])
        #expect(throws: ShipmentError.unknownCarrier("???")) { try KdniaoPush(body: body, appKey: "k") }
    }

    @Test func kdniaoReplyHasTheDocumentedKeys() throws {
        let reply = KdniaoPush.reply(eBusinessID: "1", success: true, reason: "", at: Date(timeIntervalSince1970: 0))
        let object = try #require(try JSONSerialization.jsonObject(with: reply) as? [String: Any])
        #expect(Set(object.keys) == ["EBusinessID", "UpdateTime", "Success", "Reason"])
        #expect(object["UpdateTime"] as? String == "1970-01-01 08:00:00")
    }

    @Test func formFieldsDecodeStrictly() throws {
        let fields = try FormFields(Data("a=1+2&b=%E4%B8%AD&a=ignored&empty=&flag".utf8))
        #expect(fields["a"] == "1 2")
        #expect(fields["b"] == "中")
        #expect(fields["empty"] == "")
        #expect(fields["flag"] == "")
        #expect(throws: ShipmentError.self) { try FormFields(Data("a=%ZZ".utf8)) }
        #expect(throws: ShipmentError.self) { try FormFields(Data("a=%FF".utf8)) }
        #expect(throws: ShipmentError.self) { try FormFields(Data("a=%4".utf8)) }
    }
}
