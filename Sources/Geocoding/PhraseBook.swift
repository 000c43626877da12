import Gazetteer

/// The fixed vocabulary of event text that is not place names: direction markers, noise triggers, state words,
/// the gazetteer's logistics-site words and Latin words that must never be read as places.
///
/// All of it goes into one `NameIndex`, so one scan of an event finds every phrase.
struct PhraseBook: Sendable {
    /// What a phrase means to the grammar.
    enum Role: Sendable, Hashable {
        /// Starts the "next stop" part of a clause: 发往, 下一站, "in transit to".
        case next
        /// Starts a "next stop" part only when a colon follows (航班目的地：长春; not 到达目的地网点塘厦公司): the index
        /// drops punctuation from its phrases, so the colon is checked in the text.
        case nextBeforeColon
        /// Ends a "next stop" part without ending the clause: 的路上, 途中.
        case nextEnd
        /// A carrier's or platform's name, blanked before place matching (顺丰速运, 中通快递, China Post).
        case company
        /// A person's role; the name after it is blanked (快递员 张三, 签收人: 李四).
        case person
        /// A verb that may hand the parcel to a person or to a site (交给王西平, 交给广州番禺营业部): the words after it
        /// are blanked only when they look like a name, two or three Han characters standing alone.
        case handOver
        /// Starts a part that names where the parcel came from (上一站是B中转部): blanked to the end of the clause.
        case previous
        /// A locker or parcel station; the rest of the clause is its address and is blanked (丰巢柜, 菜鸟驿站).
        case locker
        /// A Latin word that is never a place in event text (arrived, facility, union), blanked.
        case latinStop
        /// A logistics-site word from the gazetteer (转运中心, gateway).
        case site(SiteWord.Kind)
        /// A word that says what happened to the parcel.
        case state(ShipmentState)
        /// Says only that the order or its data exists (商品已经下单, "Electronic Data Received"): the parcel is not
        /// yet anywhere the carrier has scanned it.
        case information
        /// A national postal operator (USPS, Royal Mail, 日本郵便): blanked like a company, and the event happened
        /// in its country (`postOperators[i].1`), which places a scan that names no place ("Arrived at USPS
        /// Facility"). An index, not the code: a role with a `String` payload made every role read retain it.
        case postOperator(Int)
    }

    let index: NameIndex
    let roles: [Role]

    static let nextMarkers = [
        "发往", "下一站", "运往", "送往", "转往", "寄往", "转运至", "发运至", "转至", "发至", "中转至", "下站",
        "下一部门", "下一个站点", "下一站点", "下级站点", "目的地是", "目的地为", "转运目的地", "下一环节",
        "in transit to", "en route to", "dispatched to", "forwarded to", "bound for", "next stop", "departed to",
        "sent to", "on its way to", "next station", "next facility", "heading to",
    ]
    static let nextMarkersBeforeColon = ["目的地"]
    static let nextEnds = ["的路上", "路上", "途中"]
    static let companies = [
        "顺丰速运", "顺丰快递", "顺丰", "中通快递", "中通快运", "中通", "圆通速递", "圆通快递", "圆通", "申通快递", "申通",
        "韵达快递", "韵达速递", "韵达", "百世快递", "百世汇通", "百世", "汇通", "极兔速递", "极兔", "京东物流", "京东快递",
        "京东", "德邦快递", "德邦物流", "德邦", "中国邮政", "邮政速递", "邮政", "天天快递", "宅急送", "优速快递", "优速",
        "安能物流", "安能", "跨越速运", "丰网速运", "丰网", "众邮快递", "苏宁物流", "菜鸟裹裹", "菜鸟", "丹鸟", "速尔快递",
        "国通快递", "快捷快递", "全峰快递", "龙邦速递", "联昊通", "中铁快运", "远成快运", "壹米滴答", "日日顺",
        "china post", "ems", "dhl", "fedex", "ups", "tnt", "sf express", "yto", "zto", "sto", "yunda",
        "best express", "j&t", "jd logistics", "cainiao",
    ]  // national posts (USPS, Royal Mail…) are `postOperators`, blanked as companies are
    static let persons = [
        "快递员", "派件员", "业务员", "配送员", "收派员", "快递小哥", "投递员", "揽投员", "派送员", "取件员", "揽件员",
        "签收人", "收件人", "取件人", "代收人", "寄件人", "联系人", "司机", "负责人", "小哥",
        "派件人", "收件员", "揽收员", "收派人", "派送人", "配送人", "投递人", "送货员", "送件员", "快递人员", "驾驶员",
        "签收者", "经办人", "操作员", "扫描员",
    ]
    static let information = [
        "下单", "提交了订单", "订单已提交", "订单信息", "运单信息", "电子信息", "电子数据", "信息已收到", "已收到信息",
        "已创建", "已打单", "待揽收", "等待揽收", "information received", "information was created",
        "information has been received", "electronic information", "electronic data", "order data",
        "data transmitted", "data received", "pre-advice", "label created", "order placed", "order received",
        "shipment information", "item information",
    ]
    static let postOperators: [(String, String)] = [
        ("usps", "US"), ("u.s. postal service", "US"), ("united states postal service", "US"), ("美国邮政", "US"),
        ("royal mail", "GB"), ("英国皇家邮政", "GB"), ("deutsche post", "DE"), ("canada post", "CA"),
        ("postes canada", "CA"), ("australia post", "AU"), ("japan post", "JP"), ("日本郵便", "JP"), ("日本邮政", "JP"),
        ("la poste", "FR"), ("posti", "FI"), ("correos", "ES"), ("poste italiane", "IT"), ("postnl", "NL"),
        ("correios", "BR"), ("korea post", "KR"), ("우체국", "KR"), ("韩国邮政", "KR"), ("russian post", "RU"),
        ("почта россии", "RU"), ("俄罗斯邮政", "RU"), ("ukrposhta", "UA"), ("укрпошта", "UA"), ("nz post", "NZ"),
        ("new zealand post", "NZ"), ("singpost", "SG"), ("pos malaysia", "MY"), ("thailand post", "TH"),
        ("an post", "IE"), ("bpost", "BE"), ("swiss post", "CH"), ("die post", "CH"), ("posten", "SE"),
        ("postnord", "SE"), ("poczta polska", "PL"), ("česká pošta", "CZ"), ("magyar posta", "HU"),
    ]
    static let handOvers = ["交给", "交由", "转交给", "转交"]
    static let previousMarkers = ["上一站是", "上一站", "上站", "上一个站点", "上一站点", "来自"]
    static let lockers = [
        "丰巢", "菜鸟驿站", "快递柜", "智能柜", "自提柜", "驿站", "自提点", "代收点", "快递超市", "速递易", "近邻宝",
        "妈妈驿站", "兔喜", "快宝驿站", "中邮驿站", "收发室", "门卫", "代收",
    ]
    static let latinStops = [
        "arrived", "arrival", "arrive", "departed", "departure", "depart", "facility", "processed", "processing",
        "center", "centre", "regional", "network", "distribution", "international", "service", "services",
        "delivered", "delivery", "transit", "shipment", "item", "parcel", "package", "origin", "destination",
        "customs", "clearance", "export", "import", "accepted", "acceptance", "post", "office", "hub", "gateway",
        "airport", "sort", "sorting", "picked", "from", "the", "your", "has", "been", "was", "and", "for", "country",
        "local", "mail", "flight", "airline", "handed", "over", "awaiting", "received", "dispatched", "dispatch",
        "union", "orange", "mobile", "normal", "reading", "deal", "march", "sale", "bath", "commerce", "industry",
        "independence", "carrier", "partner", "label", "created", "order", "information", "released", "held",
        "status", "updated", "expected", "scheduled", "attempt", "attempted", "notice", "left", "available",
        "completed", "complete", "process", "despatched", "despatch", "in", "at",
        "pickup", "collected", "collection", "shipping", "shipped", "express", "logistics", "warehouse", "station",
        "terminal", "depot", "unit", "plant", "point", "route", "scan", "scanned", "via", "inbound", "outbound",
        "loaded", "unloaded", "vehicle", "truck", "flight", "aircraft", "airlines", "cargo", "freight", "border",
        "office of exchange", "exchange", "national", "domestic", "abroad", "overseas", "usa", "city",
        "victoria", "mission", "enterprise", "liberty", "justice", "paradise", "progress", "florence",
    ]
    /// Checked in this order of priority when several appear in one event.
    static let states: [(ShipmentState, [String])] = [
        (.returning, ["退回", "退件", "拒收", "退货", "返回寄件", "退还", "原路返回", "return to sender", "returned",
                      "returning"]),
        // 已取件 is the courier's pickup (【网点】的业务员已取件), read as 取件 (collected), never as delivered.
        (.delivered, ["已签收", "签收", "妥投", "已投递", "已送达", "delivered", "取件成功"]),
        (.problem, ["异常", "问题件", "滞留", "破损", "无法派送", "延误", "地址不详", "exception", "failed", "delay"]),
        (.customs, ["清关", "海关", "报关", "入境", "出境", "进口", "出口", "customs", "clearance"]),
        (.outForDelivery, ["派件", "派送", "投递中", "正在投递", "安排投递", "待取件", "请及时取件", "放入",
                           "out for delivery", "with courier"]),
        (.collected, ["揽收", "揽件", "收寄", "已收取", "取件", "已收件", "已揽", "picked up", "accepted", "collected",
                      "pickup"]),
        (.inTransit, ["到达", "离开", "发往", "运输", "中转", "分拣", "发出", "已收入", "装车", "航班", "起飞", "in transit",
                      "departed", "arrived", "processed", "transit"]),
    ]

    init(siteWords: [SiteWord]) {
        var index = NameIndex(expectedNames: 1024, minimumLatinLength: 2)
        var roles: [Role] = []
        func add(_ phrase: String, _ role: Role) {
            roles.append(role)
            index.add(phrase, NameRef(place: Int32(roles.count - 1), kind: .alias, weight: 1))
        }
        // Order sets precedence: for one surface form, the first role added is the one used (see `role(of:)`).
        for p in Self.nextMarkers { add(p, .next) }
        for p in Self.nextMarkersBeforeColon { add(p, .nextBeforeColon) }
        for p in Self.nextEnds { add(p, .nextEnd) }
        for p in Self.lockers { add(p, .locker) }
        for p in Self.companies { add(p, .company) }
        for p in Self.persons { add(p, .person) }
        for p in Self.handOvers { add(p, .handOver) }
        for p in Self.previousMarkers { add(p, .previous) }
        for s in siteWords { add(s.word, .site(s.kind)) }
        for p in Self.latinStops { add(p, .latinStop) }
        for (state, words) in Self.states { for w in words { add(w, .state(state)) } }
        for p in Self.information { add(p, .information) }
        for (i, (p, _)) in Self.postOperators.enumerated() { add(p, .postOperator(i)) }
        index.finish()
        self.index = index
        self.roles = roles
    }

    /// Every role a matched phrase group carries.
    func roles(of group: Int32) -> [Role] { index.refs(group).map { roles[Int($0.place)] } }
}
