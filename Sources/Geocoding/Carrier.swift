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
    /// The name English text uses (SF Express, JD Logistics).
    public let englishName: String
    public let kdniaoCode: String
    public let kuaidi100Code: String

    /// Every carrier accepted by the webhooks and the shipments API.
    public static let all: [Carrier] = [
        Carrier(id: "sf", name: "顺丰速运", englishName: "SF Express", kdniaoCode: "SF", kuaidi100Code: "shunfeng"),
        Carrier(id: "zto", name: "中通快递", englishName: "ZTO Express", kdniaoCode: "ZTO", kuaidi100Code: "zhongtong"),
        Carrier(id: "yto", name: "圆通速递", englishName: "YTO Express", kdniaoCode: "YTO", kuaidi100Code: "yuantong"),
        Carrier(id: "sto", name: "申通快递", englishName: "STO Express", kdniaoCode: "STO", kuaidi100Code: "shentong"),
        Carrier(id: "yunda", name: "韵达速递", englishName: "Yunda Express", kdniaoCode: "YD", kuaidi100Code: "yunda"),
        Carrier(id: "jd", name: "京东物流", englishName: "JD Logistics", kdniaoCode: "JD", kuaidi100Code: "jd"),
        Carrier(id: "jt", name: "极兔速递", englishName: "J&T Express", kdniaoCode: "JTSD", kuaidi100Code: "jtexpress"),
        Carrier(id: "best", name: "百世快递", englishName: "Best Express", kdniaoCode: "HTKY", kuaidi100Code: "huitongkuaidi"),
        Carrier(id: "ems", name: "EMS", englishName: "EMS", kdniaoCode: "EMS", kuaidi100Code: "ems"),
        Carrier(id: "chinapost", name: "中国邮政", englishName: "China Post", kdniaoCode: "YZPY", kuaidi100Code: "youzhengguonei"),
        Carrier(id: "chinapost-intl", name: "国际包裹", englishName: "China Post International", kdniaoCode: "YZGJ", kuaidi100Code: "youzhengguoji"),
        Carrier(id: "deppon", name: "德邦快递", englishName: "Deppon Express", kdniaoCode: "DBL", kuaidi100Code: "debangkuaidi"),
        Carrier(id: "dbwl", name: "德邦物流", englishName: "Deppon Logistics", kdniaoCode: "DBLKY", kuaidi100Code: "debangwuliu"),
        Carrier(id: "zjs", name: "宅急送", englishName: "ZJS Express", kdniaoCode: "ZJS", kuaidi100Code: "zhaijisong"),
        Carrier(id: "ane", name: "安能物流", englishName: "ANE Logistics", kdniaoCode: "ANE", kuaidi100Code: "annengwuliu"),
        Carrier(id: "kye", name: "跨越速运", englishName: "KYE Express", kdniaoCode: "KYSY", kuaidi100Code: "kuayue"),
        Carrier(id: "cainiao", name: "菜鸟", englishName: "Cainiao", kdniaoCode: "CNSD", kuaidi100Code: "cainiao"),
        Carrier(id: "danniao", name: "丹鸟", englishName: "Danniao", kdniaoCode: "DNWL", kuaidi100Code: "danniao"),
        Carrier(id: "fengwang", name: "丰网速运", englishName: "Fengwang Express", kdniaoCode: "FWX", kuaidi100Code: "fengwang"),
        Carrier(id: "sfintl", name: "顺丰国际", englishName: "SF International", kdniaoCode: "SFGJ", kuaidi100Code: "shunfengguoji"),
        Carrier(id: "dhl", name: "DHL", englishName: "DHL", kdniaoCode: "DHL", kuaidi100Code: "dhl"),
        Carrier(id: "fedex", name: "FedEx", englishName: "FedEx", kdniaoCode: "FEDEX", kuaidi100Code: "fedex"),
        Carrier(id: "ups", name: "UPS", englishName: "UPS", kdniaoCode: "UPS", kuaidi100Code: "ups"),
        Carrier(id: "usps", name: "USPS", englishName: "USPS", kdniaoCode: "USPS", kuaidi100Code: "usps"),
        Carrier(id: "tnt", name: "TNT", englishName: "TNT", kdniaoCode: "TNT", kuaidi100Code: "tnt"),
        Carrier(id: "4px", name: "递四方", englishName: "4PX", kdniaoCode: "4PX", kuaidi100Code: "4px"),
        Carrier(id: "yanwen", name: "燕文物流", englishName: "Yanwen", kdniaoCode: "YW", kuaidi100Code: "yanwen"),
        Carrier(id: "yunexpress", name: "云途物流", englishName: "YunExpress", kdniaoCode: "YTWL", kuaidi100Code: "yuntutuguo"),
        Carrier(id: "cne", name: "CNE", englishName: "CNE Express", kdniaoCode: "CNE", kuaidi100Code: "cnexps"),
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
