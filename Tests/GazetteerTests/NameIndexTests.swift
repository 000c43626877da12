import Testing
@testable import Gazetteer

@Suite struct NameIndexTests {
    @Test func findsChineseNamesAnywhereIncludingNested() throws {
        let g = try TestGazetteer.small()
        #expect(TestGazetteer.matched(g, "快件到达【广州番禺转运中心】") == ["广州", "番禺"])
        #expect(TestGazetteer.matched(g, "广东省广州市番禺区石楼镇") == ["广东", "广东省", "广州", "广州市", "番禺", "番禺区", "石楼", "石楼镇"])
    }

    @Test func matchesLatinCaseInsensitivelyOnWordBoundariesOnly() throws {
        let g = try TestGazetteer.small()
        #expect(TestGazetteer.matched(g, "LOS ANGELES CA NETWORK DISTRIBUTION CENTER") == ["los angeles"])
        #expect(TestGazetteer.matched(g, "[guangzhou] picked up") == ["guangzhou"])
        // Inside a longer word it is not a name.
        #expect(TestGazetteer.matched(g, "xguangzhou guangzhoux") == [])
        #expect(TestGazetteer.matched(g, "Los-Angeles,CA") == ["los angeles"])
    }

    @Test func matchesCodesAndFullWidthForms() throws {
        let g = try TestGazetteer.small()
        #expect(TestGazetteer.matched(g, "departed (LAX)") == ["lax"])
        #expect(TestGazetteer.matched(g, "ＬＡＸ") == ["lax"])
    }

    @Test func findsNothingInTextWithoutNames() throws {
        let g = try TestGazetteer.small()
        #expect(TestGazetteer.matched(g, "包裹正在运输途中，请耐心等待") == [])
        #expect(TestGazetteer.matched(g, "") == [])
        #expect(TestGazetteer.matched(g, "广") == [])
    }
}
