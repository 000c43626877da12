import Foundation

/// Generates varied, realistic native-format traces for `tracemap bench export`, the same for the same seed.
///
/// Each trace runs between two of 40 Chinese cities through one or two sorting hubs, with the event wording
/// carriers use (揽收, 到达, 发往, 派送, 签收, 退回), 2 to 9 events, a mix of states (in transit, out for delivery,
/// delivered, problem, returning) and times in November 2026. The JSON is written by hand so generating 20,000
/// traces costs next to nothing next to rendering them.
public struct SyntheticTraces: Sequence, IteratorProtocol {
    /// A city with the province it belongs to and the name of its sorting hub.
    struct City {
        var province: String
        var name: String
        var hub: String
        var district: String
    }

    static let cities: [City] = [
        City(province: "广东省", name: "广州市", hub: "广州白云转运中心", district: "天河区"),
        City(province: "广东省", name: "深圳市", hub: "深圳华南陆运枢纽", district: "南山区"),
        City(province: "广东省", name: "东莞市", hub: "东莞虎门分拨中心", district: "虎门镇"),
        City(province: "北京市", name: "北京市", hub: "北京顺义集散中心", district: "朝阳区"),
        City(province: "上海市", name: "上海市", hub: "上海青浦转运中心", district: "浦东新区"),
        City(province: "天津市", name: "天津市", hub: "天津武清分拨中心", district: "河西区"),
        City(province: "重庆市", name: "重庆市", hub: "重庆江北转运中心", district: "渝北区"),
        City(province: "浙江省", name: "杭州市", hub: "杭州萧山转运中心", district: "西湖区"),
        City(province: "浙江省", name: "金华市", hub: "义乌转运中心", district: "义乌市"),
        City(province: "浙江省", name: "宁波市", hub: "宁波北仑分拨中心", district: "鄞州区"),
        City(province: "江苏省", name: "南京市", hub: "南京江宁转运中心", district: "鼓楼区"),
        City(province: "江苏省", name: "苏州市", hub: "苏州吴中分拨中心", district: "姑苏区"),
        City(province: "四川省", name: "成都市", hub: "成都双流转运中心", district: "武侯区"),
        City(province: "湖北省", name: "武汉市", hub: "武汉亚一分拣中心", district: "洪山区"),
        City(province: "湖南省", name: "长沙市", hub: "长沙望城分拨中心", district: "岳麓区"),
        City(province: "陕西省", name: "西安市", hub: "西安分拨中心", district: "雁塔区"),
        City(province: "河南省", name: "郑州市", hub: "郑州航空港转运中心", district: "金水区"),
        City(province: "山东省", name: "济南市", hub: "济南转运中心", district: "历下区"),
        City(province: "山东省", name: "青岛市", hub: "青岛胶州分拨中心", district: "市南区"),
        City(province: "福建省", name: "福州市", hub: "福州闽侯转运中心", district: "鼓楼区"),
        City(province: "福建省", name: "厦门市", hub: "厦门同安分拨中心", district: "思明区"),
        City(province: "福建省", name: "泉州市", hub: "泉州晋江转运中心", district: "晋江市"),
        City(province: "安徽省", name: "合肥市", hub: "合肥肥西转运中心", district: "蜀山区"),
        City(province: "江西省", name: "南昌市", hub: "南昌转运中心", district: "红谷滩区"),
        City(province: "河北省", name: "石家庄市", hub: "石家庄转运中心", district: "长安区"),
        City(province: "山西省", name: "太原市", hub: "太原转运中心", district: "小店区"),
        City(province: "辽宁省", name: "沈阳市", hub: "沈阳于洪转运中心", district: "和平区"),
        City(province: "辽宁省", name: "大连市", hub: "大连甘井子分拨中心", district: "中山区"),
        City(province: "吉林省", name: "长春市", hub: "长春转运中心", district: "朝阳区"),
        City(province: "黑龙江省", name: "哈尔滨市", hub: "哈尔滨转运中心", district: "南岗区"),
        City(province: "云南省", name: "昆明市", hub: "昆明转运中心", district: "官渡区"),
        City(province: "贵州省", name: "贵阳市", hub: "贵阳转运中心", district: "观山湖区"),
        City(province: "广西壮族自治区", name: "南宁市", hub: "南宁转运中心", district: "青秀区"),
        City(province: "海南省", name: "海口市", hub: "海口转运中心", district: "美兰区"),
        City(province: "甘肃省", name: "兰州市", hub: "兰州转运中心", district: "城关区"),
        City(province: "新疆维吾尔自治区", name: "乌鲁木齐市", hub: "乌鲁木齐转运中心", district: "天山区"),
        City(province: "内蒙古自治区", name: "呼和浩特市", hub: "呼和浩特转运中心", district: "赛罕区"),
        City(province: "宁夏回族自治区", name: "银川市", hub: "银川转运中心", district: "金凤区"),
        City(province: "青海省", name: "西宁市", hub: "西宁转运中心", district: "城西区"),
        City(province: "西藏自治区", name: "拉萨市", hub: "拉萨转运中心", district: "城关区"),
    ]

    static let carriers = ["SF", "ZTO", "YTO", "STO", "YD", "JD", "EMS", "JTSD"]

    private var random: SplitMix64
    private var index = 0
    private let count: Int

    /// `count` traces from `seed`.
    public init(count: Int, seed: UInt64 = 20261129) {
        self.count = count
        random = SplitMix64(seed: seed)
    }

    /// The next trace as one JSON line (no newline), or nil after `count`.
    public mutating func next() -> Data? {
        guard index < count else { return nil }
        index += 1
        return Data(trace(number: index).utf8)
    }

    private mutating func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }

    private mutating func trace(number: Int) -> String {
        let carrier = pick(Self.carriers)
        let from = pick(Self.cities)
        var to = pick(Self.cities)
        while to.name == from.name { to = pick(Self.cities) }
        var hubs = [from.hub]
        if random.next() % 3 == 0 { hubs.append(pick(Self.cities).hub) }
        hubs.append(to.hub)
        // How far the parcel got: 0 collected … hubs.count+1 delivered; a few problems and returns.
        let stage = Int(random.next() % UInt64(hubs.count + 3))
        let ending = random.next() % 20
        var time = Date(timeIntervalSince1970: 1_794_000_000 + Double(random.next() % 1_500_000))
        var events: [(Date, String)] = []
        func add(_ text: String, hours: Double) {
            time += hours * 3600 + Double(random.next() % 3600)
            events.append((time, text))
        }
        add("【\(from.name)\(from.district)营业部】已揽收", hours: 0)
        var at = 0
        while at < hubs.count && at < stage {
            add("快件已到达【\(hubs[at])】", hours: 4)
            if at + 1 < hubs.count {
                add("快件离开【\(hubs[at])】，已发往【\(hubs[at + 1])】", hours: 2)
            }
            at += 1
        }
        if stage > hubs.count {
            add("【\(to.name)\(to.district)营业部】快递员正在派件", hours: 6)
            if stage > hubs.count + 1 { add("快件已签收，签收人：本人", hours: 3) }
        }
        if ending == 0 {
            add("快件异常：收件地址不详，联系不上收件人", hours: 5)
        } else if ending == 1 {
            add("收件人拒收，快件退回中，下一站【\(from.hub)】", hours: 5)
        }
        let formatter = Self.timeFormatter
        let eventJSON = events.map { date, text in
            "{\"time\":\"\(formatter.string(from: date))\",\"text\":\"\(text)\"}"
        }.joined(separator: ",")
        let numberText = "\(carrier)\(String(format: "%010d", number))"
        return "{\"carrier\":\"\(carrier)\",\"number\":\"\(numberText)\","
            + "\"origin\":\"\(from.province)\(from.name)\(from.district)\","
            + "\"destination\":\"\(to.province)\(to.name)\(to.district)\",\"events\":[\(eventJSON)]}"
    }

    static let timeFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ssXXX"
        return f
    }()
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, seedable generator with a stable sequence.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
