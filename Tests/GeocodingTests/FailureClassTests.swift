import Testing
import Gazetteer
@testable import Geocoding

/// Regression tests for the failure classes of issue 10, one or more per class. The texts are written by the team in
/// the shape of what real traces showed; they guard the fix and are never the accuracy figure we report.
@Suite struct FailureClassTests {
    // Class 1: inside Chinese carrier text a Chinese prefecture beats a Korean or Japanese city of the same CJK name.
    @Test(arguments: [("快件已到达 广州中心", "440100"), ("【光明】快件已到达 全州中心", "450324")])
    func aChineseNameMeansTheChinesePlace(text: String, code: String) throws {
        let p = try #require(try Support.place(text))
        #expect(p.country == "CN", "\(text): \(p)")
        #expect(p.code == code, "\(text): \(p)")
    }

    // Class 2: the inner words of "<prefecture><district><site word>" are read inside that prefecture.
    @Test func aHubsInnerWordsAreReadInsideItsPrefecture() throws {
        let p = try #require(try Support.place("快件已到达 郑州东城中转场"))
        #expect(p.code?.hasPrefix("4101") == true, "\(p)")
        #expect(p.name == "郑州东城中转场")
    }

    // Class 2, found by the stress set: a word that opens with a prefecture name is read prefecture first, so a
    // longer name starting inside it (阳新县 of 湖北 in 信阳新县) is never the reading.
    @Test func aWordOpeningWithAPrefectureIsReadPrefectureFirst() throws {
        let p = try #require(try Support.place("[信阳市]快件到达 信阳新县分拨中心"))
        #expect(p.code?.hasPrefix("4115") == true, "\(p)")
    }

    // Class 1 in the next stop, found by the stress set: 丽水 after 洛阳 is 丽水市, not Yeosu (丽水 in hanja).
    @Test func aNextStopNamedLikeAForeignCityStaysChinese() throws {
        let t = try Support.geocode(["快件离开【洛阳集散中心】，已在发往【丽水集散中心】的路上"])
        #expect(t.events[0].next?.country == "CN", "\(String(describing: t.events[0].next))")
        #expect(t.events[0].next?.code == "331100", "\(String(describing: t.events[0].next))")
    }

    // Class 3 and the split of a site word: 金华中转部 is Jinhua, not the region 华中 nor a 金华 town near the next stop.
    @Test func aPrefectureNameIsNotOutvotedByANearbyTown() throws {
        let t = try Support.geocode(["【金华市】快件已到达 金华中转部", "快件离开 金华中转部 发往 成都转运中心",
                                     "快件已到达 成都转运中心"])
        #expect(t.events[0].place?.code == "330700", "\(String(describing: t.events[0].place))")
        #expect(t.events[1].place?.code == "330700", "\(String(describing: t.events[1].place))")
    }

    // Class 4: a person's name after a role word is noise (交给王西平 is not 西平县).
    @Test(arguments: ["快件交给王西平，正在派送途中（联系电话：13800000000）", "派件人：李金华 电话13912345678 正在派件",
                      "已签收，签收人：张平安", "配送员开始配送，请您准备收货，配送员，王小川，手机号，13800000000"])
    func aPersonsNameIsNotAPlace(text: String) throws {
        let t = try Support.geocode(["快件已到达【北京顺义集散中心】", text])
        let p = try #require(t.events[1].place)
        #expect(p.source == .inherited, "\(text): \(p)")
        #expect(p.code == "110113")
    }

    // Class 2: a site under a context bracket naming a prefecture is inside it; a town of that name elsewhere
    // (桥北 of 新乡 for 外高桥北部) yields to the prefecture.
    @Test func aContextPrefectureBeatsANamesakeElsewhere() throws {
        let p = try #require(try Support.place("【上海市】 快件到达 【外高桥北部】"))
        #expect(p.code?.hasPrefix("31") == true, "\(p)")
    }

    // 交给 followed by a site keeps the site.
    @Test func handingOverToASiteIsAPlace() throws {
        let p = try #require(try Support.place("快件已交给广州番禺营业部"))
        #expect(p.code == "440113", "\(p)")
    }

    // Class 5: a site's name runs from its place word to its site word: no verb, subject or plate number.
    @Test(arguments: ["快件在金华中转部进行装车扫描", "浙A12345在金华中转部", "您的快件已到达金华中转部"])
    func aSiteNameHoldsNoVerbNorPlate(text: String) throws {
        let p = try #require(try Support.place(text))
        #expect(p.name == "金华中转部", "\(text): \(p.name)")
        #expect(p.code == "330700")
    }

    // Class 5 in Latin text: a site's name does not run back over the sentence's verbs (Yiwu Process completed in
    // yanwen sorting center is no site name for a map label).
    @Test func aLatinSiteNameHoldsNoVerb() throws {
        let p = try #require(try Support.place("Shenzhen Process completed in yanwen sorting center."))
        #expect(!p.name.lowercased().contains("completed"), "\(p.name)")
        #expect(p.code?.hasPrefix("4403") == true, "\(p)")
    }

    // Class 5: 上一站是 B names where the parcel came from, not where it is.
    @Test func thePreviousStopIsNotTheCurrentOne() throws {
        let t = try Support.geocode(["快件已到达 郑州转运中心", "上一站是杭州中转部，正在分拣"])
        #expect(t.events[1].place?.code == "410100", "\(String(describing: t.events[1].place))")
    }

    // Class 6: colloquial short forms derived from the official names, and 管城区 read whole.
    @Test(arguments: [("快件已到达 郑州管城区营业部", "410104"), ("快件已到达 大厂县营业部", "131028"),
                      ("快件已到达 长阳县营业部", "420528")])
    func colloquialShortFormsAreFound(text: String, code: String) throws {
        let p = try #require(try Support.place(text))
        #expect(p.code == code, "\(text): \(p)")
    }

    // Class 7: a road and house number is context, not a town elsewhere.
    @Test func aStreetAddressIsNotATown() throws {
        let t = try Support.geocode(["快件已到达 广州白云转运中心", "派件员正在派件，地址：城南路42号"])
        #expect(t.events[1].place?.code == "440111", "\(String(describing: t.events[1].place))")
    }

    // Class 8: leading placeless events are backfilled from the first placed one.
    @Test func leadingPlacelessEventsAreBackfilled() throws {
        let t = try Support.geocode(["顺丰速运 已收取快件", "快件已到达 金华中转部"])
        #expect(t.events[0].place?.code == "330700")
        #expect(t.events[0].place?.source == .inherited)
        #expect(t.events[0].place!.confidence < t.events[1].place!.confidence)
    }

    // Class 9: next-stop phrasings: the parcel stays at the first place, X is next.
    @Test(arguments: [("快件已到达 郑州转运中心，本次转运目的地：武汉", "420100"),
                      ("郑州转运中心 下一部门【武汉转运中心】", "420100"),
                      ("郑州转运中心 准备发往 【长沙转运中心】", "430100"),
                      ("郑州转运中心 将发往：南昌", "360100"),
                      ("郑州转运中心 目的地是广州", "440100")])
    func nextStopPhrasingsAreRead(text: String, next: String) throws {
        let t = try Support.geocode([text])
        #expect(t.events[0].place?.code == "410100", "\(text): \(String(describing: t.events[0].place))")
        #expect(t.events[0].next?.code?.hasPrefix(String(next.prefix(4))) == true,
                "\(text): \(String(describing: t.events[0].next))")
    }
}
