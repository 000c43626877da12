import Foundation
import MapRendering
import Pipeline
import Testing

/// Issue 14: while a parcel has not reached its destination's prefecture, the scene shows the predicted sorting hub
/// (the prefecture seat) as a predicted stop the dashed remaining path goes through, and the card its ETA.
@Suite struct PredictedStopSceneTests {
    @Test func theRemainingPathGoesThroughThePredictedHub() throws {
        let engine = try StopCityLabelTests.engine.get()
        let trace = try engine.geocodeFirst(data: Data("""
        {"carrier":"ZTO","number":"78000000000077","destination":"四川省成都市简阳市","events":[
        {"time":"2026-12-02 15:00:00","text":"【杭州市】浙江杭州西湖公司 已揽收"},
        {"time":"2026-12-02 21:30:00","text":"【杭州市】快件离开【杭州转运中心】已发往【成都转运中心】"}]}
        """.utf8))
        let scene = engine.scene(trace, route: nil, history: nil)
        let predicted = try #require(scene.stops.first { $0.kind == .predicted })
        #expect(predicted.name == "成都市")
        #expect(scene.remaining.contains { $0.kilometres(to: predicted.coordinate) < 1 })
        #expect(scene.expected != nil)
        let d = try engine.renderer.describe(scene: scene, options: RenderOptions())
        #expect(d.markers.contains { $0.role == "predicted" })
    }
}
