import Foundation
import Geo
import Testing
@testable import Geocoding

/// The event-text grammar against the real gazetteer: where the parcel is, where it goes next, sites, noise.
@Suite struct GrammarTests {
    func near(_ p: LocatedPlace?, _ lat: Double, _ lon: Double, _ km: Double) -> Bool {
        guard let p else { return false }
        return p.coordinate.kilometres(to: Coordinate(lat: lat, lon: lon)) <= km
    }

    @Test(arguments: [
        ("【杭州转运中心】 已发出 下一站 【西安转运中心】", "330100", "610100"),
        ("快件离开【杭州转运中心】，下一站【西安转运中心】", "330100", "610100"),
        ("【杭州转运中心】，正发往【西安转运中心】", "330100", "610100"),
        ("杭州 已发往 西安", "330100", "610100"),
        ("快件离开【深圳华南陆运枢纽】，已在发往【北京顺义集散中心】的路上", "440300", "110113"),
        ("您的快件在【武汉亚一分拣中心】分拣完成，正在发往【西安分拨中心】", "420100", "610100"),
    ])
    func theParcelIsAtTheFirstPlaceAndGoesToTheSecond(text: String, at: String, next: String) throws {
        let e = try Support.geocode([text]).events[0]
        #expect(e.place?.code == at, "\(text): place \(String(describing: e.place))")
        #expect(e.next?.code == next, "\(text): next \(String(describing: e.next))")
    }

    @Test(arguments: [
        ("快件到达【西安转运中心】", "610100"),
        ("【西安转运中心】 已收入", "610100"),
        ("快件已到【西安分拨中心】", "610100"),
        ("快件已到达 西安转运中心", "610100"),
        ("西安 已收件", "610100"),
    ])
    func arrivalsPutTheParcelAtThePlace(text: String, code: String) throws {
        let e = try Support.geocode(["【广州市】已揽收", text]).events[1]
        #expect(e.place?.code == code, "\(text): \(String(describing: e.place))")
        #expect(e.place?.source == .text)
        #expect(e.next == nil)
    }

    @Test func sentTowardAloneLeavesTheParcelWhereItWas() throws {
        let t = try Support.geocode(["快件到达【杭州转运中心】", "快件已发往【西安转运中心】"])
        #expect(t.events[1].place?.code == "330100")
        #expect(t.events[1].place?.source == .inherited)
        #expect(t.events[1].next?.code == "610100")
    }

    @Test(arguments: [
        ("快件到达【广州番禺转运中心】", "440113"),
        ("快件到达【上海金山中转场】", "310116"),
        ("快件到达【北京顺义集散中心】", "110113"),
    ])
    func hubsResolveThroughThePlaceWordsInside(text: String, code: String) throws {
        let p = try #require(try Support.place(text))
        #expect(p.code == code, "\(text): \(p)")
        #expect(p.level == .hub)
        #expect(text.contains(p.name))
    }

    /// 官窑镇 was merged into 狮山镇 (南海区, 佛山) in 2005; geodata/aliases/merged_towns.tsv keeps the old name.
    @Test func hubsNamedAfterMergedTownsResolveToTheCurrentTown() throws {
        let p = try #require(try Support.place("快件离开【佛山官窑中转场】"))
        #expect(p.name == "佛山官窑中转场")
        #expect(p.level == .hub)
        #expect(near(p, 23.13, 113.0, 8), "\(p)")  // 狮山镇, not 佛山's seat (17 km away)
        let town = try #require(try Support.place("快件到达【广东佛山盐步营业部】"))
        #expect(town.name == "大沥镇", "\(town)")  // 盐步 → 大沥镇 in the same merger
    }

    @Test func regionHubsResolveThroughTheAliasTable() throws {
        let p = try #require(try Support.place("快件到达【华南转运中心】"))
        #expect(near(p, 23.13, 113.26, 30), "\(p)")  // 华南 → its hub city 广州
        #expect(p.name == "华南转运中心")
    }

    @Test func bracketedPrefixesAndPinyinAreContext() throws {
        #expect(try Support.place("[wulumuqi] 已揽收")?.code == "650100")
        #expect(near(try Support.place("[xianggang] 已到达"), 22.3, 114.2, 40))
        #expect(try Support.place("【金华市】 快件已经到达 【义乌转运中心】")?.code == "330782")
        #expect(try Support.place("[guangzhou] shipment picked up")?.code == "440100")
    }

    @Test func foreignPlacesInChineseEnglishAndCodes() throws {
        let yekaterinburg = try #require(try Support.place("快件已到达【叶卡捷琳堡】"))
        #expect(yekaterinburg.country == "RU")
        #expect(yekaterinburg.level == .foreignCity)
        let la = try #require(try Support.place("Arrived at USPS Regional Facility, LOS ANGELES CA NETWORK DISTRIBUTION CENTER"))
        #expect(la.country == "US")
        #expect(near(la, 34.05, -118.24, 40), "\(la)")
        let hkg = try #require(try Support.place("已交航空公司运输 (HKG)"))
        #expect(hkg.level == .airport)
        #expect(hkg.code == "HKG")
        // Capitals inside words are not codes: LOS in LOS ANGELES is not Lagos.
        #expect(try Support.place("LOS ANGELES CA")?.country == "US")
    }

    @Test(arguments: [
        "快递员 张三 电话 13800000000 正在为您派件",
        "快件交给王师傅，正在派送途中（联系电话：13800138000，已开启“安全呼叫”保护您的电话隐私）",
        "快件已被 丰巢柜【广州番禺石楼花园】 代收，请及时取件",
        "您的快件已存放至菜鸟驿站【长春朝阳区西安大路店】，请凭取件码取件",
        "顺丰速运 已收取快件",
        "中通快递 圆通速递 申通快递 韵达快递 已签收",
        "联系上收件人，已更新地址，安排再次派送",
    ])
    func noiseNeverBecomesAPlace(text: String) throws {
        let t = try Support.geocode(["快件到达【北京顺义集散中心】", text])
        let p = try #require(t.events[1].place)
        #expect(p.source == .inherited, "\(text): \(p)")
        #expect(p.code == "110113")
    }

    @Test func anEventWithNoPlaceInheritsAndTheFirstIsBackfilled() throws {
        let t = try Support.geocode(["包裹正在运输途中", "快件到达【西安转运中心】", "包裹正在运输途中，请耐心等待"])
        #expect(t.events[0].place?.code == "610100")
        #expect(t.events[0].place?.source == .inherited)
        #expect(t.events[2].place?.code == "610100")
        #expect(t.events[2].place?.source == .inherited)
        #expect(t.events[2].place!.confidence < t.events[1].place!.confidence)
    }

    @Test func ambiguousDistrictsFollowTheHierarchyInTheText() throws {
        #expect(try Support.place("快件到达【北京朝阳营业点】")?.code == "110105")
        // 望京 is a town (街道) of Beijing's 朝阳区: the finest place, inside it.
        #expect(try Support.place("快件到达【北京朝阳望京营业点】")?.name == "望京街道")
        // A Chinese name means the Chinese place before a foreign namesake (广州, not Gwangju 광주).
        #expect(try Support.place("快件到达【广州转运中心】")?.code == "440100")
        #expect(try Support.place("快件到达【长春朝阳区营业部】")?.code == "220104")
        #expect(try Support.place("快件到达【贵阳白云区营业部】")?.code == "520113")
        #expect(try Support.place("快件到达【南京鼓楼营业部】")?.code == "320106")
        #expect(try Support.place("【金华市】快件到达【浦江营业部】")?.code == "330726")
    }

    @Test func ambiguousDistrictsFollowTheNeighbouringEvents() throws {
        let guiyang = try Support.geocode(["快件到达【贵阳转运中心】", "快件到达【白云区营业部】"])
        #expect(guiyang.events[1].place?.code == "520113")
        let guangzhou = try Support.geocode(["快件到达【广州转运中心】", "快件到达【白云区营业部】"])
        #expect(guangzhou.events[1].place?.code == "440111")
        let fuzhou = try Support.geocode(["快件到达【福州转运中心】", "快件到达【鼓楼区营业部】"])
        #expect(fuzhou.events[1].place?.code == "350102")
        let shanghai = try Support.geocode(["快件到达【上海闵行转运中心】", "快件到达【浦江营业点】"])
        #expect(near(shanghai.events[1].place, 31.1, 121.5, 30), "\(String(describing: shanghai.events[1].place))")
        let jinhua = try Support.geocode(["快件到达【金华转运中心】", "快件到达【浦江营业部】"])
        #expect(jinhua.events[1].place?.code == "330726")
    }

    @Test func aDistantMentionHasLowerConfidence() throws {
        let outlier = try Support.geocode(["快件到达【广州转运中心】", "快件到达【乌鲁木齐转运中心】", "快件到达【广州番禺转运中心】"])
        let steady = try Support.geocode(["快件到达【广州转运中心】", "快件到达【佛山转运中心】", "快件到达【广州番禺转运中心】"])
        #expect(outlier.events[1].place!.confidence < steady.events[1].place!.confidence)
    }

    @Test func allUnplaceableIsNotAnError() throws {
        let t = try Support.geocode(["包裹正在运输途中", "已签收"])
        #expect(t.events.allSatisfy { $0.place == nil && $0.next == nil })
        #expect(t.state == .delivered)
    }

    @Test(arguments: [
        ("快件已签收,签收人:本人", ShipmentState.delivered),
        ("正在派件，派件员：李四", .outForDelivery),
        ("【义乌北苑】 的 业务员 已揽收", .collected),
        ("出口海关/放行", .customs),
        ("收件人拒收，快件退回中", .returning),
        ("快件滞留，地址不详", .problem),
        ("快件到达【西安转运中心】", .inTransit),
    ])
    func theTextGivesTheStateWhenNoVendorCodeDoes(text: String, state: ShipmentState) throws {
        #expect(try Support.geocode([text]).state == state)
    }
}
