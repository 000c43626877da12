import Foundation

/// A carrier TraceMap knows, with its display name and the codes each aggregator uses for it.
///
/// Shipments are keyed by the canonical `id`; a Kdniao `ShipperCode` (`YTO`) and a Kuaidi100 `com` (`yuantong`)
/// for the same carrier name the same shipment. Codes from Kdniao's 快递公司编码 list and Kuaidi100's 快递公司编码
/// list (both vendors' API documentation).
public struct Carrier: Sendable, Hashable {
    /// The canonical lower-case id used in URLs and the store (`sf`, `yto`, `ems`…).
    public let id: String
    public let name: String
    public let kdniaoCode: String
    public let kuaidi100Code: String

    /// Every carrier accepted by the webhooks and the shipments API.
    public static let all: [Carrier] = [
        Carrier(id: "sf", name: "顺丰速运", kdniaoCode: "SF", kuaidi100Code: "shunfeng"),
        Carrier(id: "zto", name: "中通快递", kdniaoCode: "ZTO", kuaidi100Code: "zhongtong"),
        Carrier(id: "yto", name: "圆通速递", kdniaoCode: "YTO", kuaidi100Code: "yuantong"),
        Carrier(id: "sto", name: "申通快递", kdniaoCode: "STO", kuaidi100Code: "shentong"),
        Carrier(id: "yunda", name: "韵达速递", kdniaoCode: "YD", kuaidi100Code: "yunda"),
        Carrier(id: "jd", name: "京东物流", kdniaoCode: "JD", kuaidi100Code: "jd"),
        Carrier(id: "jt", name: "极兔速递", kdniaoCode: "JTSD", kuaidi100Code: "jtexpress"),
        Carrier(id: "best", name: "百世快递", kdniaoCode: "HTKY", kuaidi100Code: "huitongkuaidi"),
        Carrier(id: "ems", name: "EMS", kdniaoCode: "EMS", kuaidi100Code: "ems"),
        Carrier(id: "chinapost", name: "中国邮政", kdniaoCode: "YZPY", kuaidi100Code: "youzhengguonei"),
        Carrier(id: "chinapost-intl", name: "国际包裹", kdniaoCode: "YZGJ", kuaidi100Code: "youzhengguoji"),
        Carrier(id: "deppon", name: "德邦快递", kdniaoCode: "DBL", kuaidi100Code: "debangkuaidi"),
        Carrier(id: "dbwl", name: "德邦物流", kdniaoCode: "DBLKY", kuaidi100Code: "debangwuliu"),
        Carrier(id: "zjs", name: "宅急送", kdniaoCode: "ZJS", kuaidi100Code: "zhaijisong"),
        Carrier(id: "ane", name: "安能物流", kdniaoCode: "ANE", kuaidi100Code: "annengwuliu"),
        Carrier(id: "kye", name: "跨越速运", kdniaoCode: "KYSY", kuaidi100Code: "kuayue"),
        Carrier(id: "cainiao", name: "菜鸟", kdniaoCode: "CNSD", kuaidi100Code: "cainiao"),
        Carrier(id: "danniao", name: "丹鸟", kdniaoCode: "DNWL", kuaidi100Code: "danniao"),
        Carrier(id: "fengwang", name: "丰网速运", kdniaoCode: "FWX", kuaidi100Code: "fengwang"),
        Carrier(id: "sfintl", name: "顺丰国际", kdniaoCode: "SFGJ", kuaidi100Code: "shunfengguoji"),
        Carrier(id: "dhl", name: "DHL", kdniaoCode: "DHL", kuaidi100Code: "dhl"),
        Carrier(id: "fedex", name: "FedEx", kdniaoCode: "FEDEX", kuaidi100Code: "fedex"),
        Carrier(id: "ups", name: "UPS", kdniaoCode: "UPS", kuaidi100Code: "ups"),
        Carrier(id: "usps", name: "USPS", kdniaoCode: "USPS", kuaidi100Code: "usps"),
        Carrier(id: "tnt", name: "TNT", kdniaoCode: "TNT", kuaidi100Code: "tnt"),
        Carrier(id: "4px", name: "递四方", kdniaoCode: "4PX", kuaidi100Code: "4px"),
        Carrier(id: "yanwen", name: "燕文物流", kdniaoCode: "YW", kuaidi100Code: "yanwen"),
        Carrier(id: "yunexpress", name: "云途物流", kdniaoCode: "YTWL", kuaidi100Code: "yuntutuguo"),
        Carrier(id: "cne", name: "CNE", kdniaoCode: "CNE", kuaidi100Code: "cnexps"),
    ]

    static let byCode: [String: Carrier] = {
        var map: [String: Carrier] = [:]
        for carrier in all {
            for code in [carrier.id, carrier.kdniaoCode, carrier.kuaidi100Code] { map[code.lowercased()] = carrier }
        }
        return map
    }()

    /// The carrier with this canonical id, Kdniao code or Kuaidi100 code (case-insensitive), when known.
    public static func find(_ code: String) -> Carrier? {
        byCode[code.trimmingCharacters(in: .whitespaces).lowercased()]
    }
}
