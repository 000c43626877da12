import Foundation
import Testing
import Gazetteer
@testable import Geocoding

/// Regression tests for failure classes found on the real dev split (`Fixtures/real/dev`). The texts are written
/// by the team in the shape of what the dev traces showed; they guard each fix, and the dev and test splits, not
/// these, are the figures we report.
@Suite struct DevSplitRegressionTests {
    // An order or data record is not a scan: it is not backfilled from the first placed event; a pickup is.
    @Test func orderRecordsAreNotBackfilled() throws {
        let t = try Support.geocode(["商品已经下单", "顺丰速运 已收取快件", "快件已到达 金华中转部"])
        #expect(t.events[0].place == nil, "\(String(describing: t.events[0].place))")
        #expect(t.events[1].place?.code == "330700", "\(String(describing: t.events[1].place))")
        let latin = try Support.geocode(["Electronic Data Received", "Shenzhen Process completed in yanwen sorting center."])
        #expect(latin.events[0].place == nil, "\(String(describing: latin.events[0].place))")
    }

    // Colloquial short forms no source lists (乌市 for 乌鲁木齐): the branch is in that prefecture, not at a
    // 黄河乡 elsewhere.
    @Test(arguments: [("货物已到达【乌市黄河营业部】", "6501"), ("快件已到达 呼市赛罕区营业部", "150105")])
    func everydayShortFormsOfPrefectures(text: String, code: String) throws {
        let p = try #require(try Support.place(text))
        #expect(p.code?.hasPrefix(code) == true, "\(text): \(p)")
    }

    // Pinyin merges homophones: Yiwu is 义乌 (1.5 M people) before 伊吾, and an intercontinental leg does not make
    // the namesake 3,500 km nearer Europe the better origin.
    @Test func aPinyinNameMeansThePopulousHomophone() throws {
        let p = try #require(try Support.place("Yiwu Despatched from yanwen sorting center."))
        #expect(p.code == "330782", "\(p)")
        let t = try Support.geocode(["Yiwu Despatched from yanwen sorting center.", "Handled by airline,flight No..",
                                     "Portugal Arrive at Portugal airport."])
        #expect(t.events[0].place?.code == "330782", "\(String(describing: t.events[0].place))")
    }

    // Postal English names Guangzhou by its old name; a capital by its local one.
    @Test func oldAndLocalNamesOfCities() throws {
        let canton = try #require(try Support.place("Canton business international package to leave"))
        #expect(canton.code == "440100", "\(canton)")
        let lisboa = try #require(try Support.place("LISBOA International reception"))
        #expect(lisboa.country == "PT", "\(lisboa)")
    }

    // A delivery outlet named by a bare district name far from the city the parcel was just sorted in is in that
    // city (【钟楼发投】 after 西安中心 is Xi'an's Bell Tower section, not 钟楼区 of 常州); one that names its own
    // prefecture is where it says.
    @Test func aBareOutletNameStaysInTheCityJustLeft() throws {
        let t = try Support.geocode(["到达【西安中心】", "离开【西安中心】，下一站【钟楼发投】", "到达【钟楼发投】",
                                     "【钟楼发投】正在投递,投递员：蒙小军 18591798006"])
        #expect(t.events[1].next?.code == "610100", "\(String(describing: t.events[1].next))")
        #expect(t.events[2].place?.code == "610100", "\(String(describing: t.events[2].place))")
        #expect(t.events[3].place?.code == "610100", "\(String(describing: t.events[3].place))")
        #expect(t.events[2].place!.confidence < t.events[0].place!.confidence)
        let named = try Support.geocode(["到达【西安中心】", "到达【常州钟楼营业部】"])
        #expect(named.events[1].place?.code == "320404", "\(String(describing: named.events[1].place))")
    }

    // A national post's scan that names no place is in its country, not where the previous event was.
    @Test func aNationalPostsScanIsInItsCountry() throws {
        let t = try Support.geocode(["Shanghai Process completed in yanwen sorting center.",
                                     "Arrived at USPS Regional Facility"])
        #expect(t.events[1].place?.country == "US", "\(String(describing: t.events[1].place))")
        #expect(t.events[1].place?.level == .country)
    }

    // EMS writes run-together pinyin in its location field (AnHuiShengChiZhouShi for 安徽省池州市).
    @Test func runTogetherPinyinLocationsAreRead() throws {
        #expect(CamelCasePinyin.spaced("AnHuiShengChiZhouShi 24516700") == "anhui chizhou 24516700")
        #expect(CamelCasePinyin.spaced("ShiYanShi") == "shiyan")
        #expect(CamelCasePinyin.spaced("PORT HURON, MI") == "PORT HURON, MI")
        let events = [["time": "2017-08-06 18:48:00", "text": "Arrival at Sorting Center",
                       "location": "AnHuiShengHeFeiShi 23001600"]]
        let data = try JSONSerialization.data(withJSONObject: ["events": events])
        let t = try #require(try Support.geocoder.geocode(data: data).first)
        #expect(t.events[0].place?.code == "340100", "\(String(describing: t.events[0].place))")
    }
}
