import Foundation
import Testing
@testable import Export

@Suite struct LineReaderTests {
    /// Reads every line of `text` with a small chunk so lines straddle chunk boundaries.
    func lines(_ text: String, max: Int = 16, chunk: Int = 5) throws -> [LineReader.Line] {
        let folder = TemporaryFolder()
        let path = folder.write("in.txt", text)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var reader = LineReader(fd: fd, maxLineBytes: max, chunkSize: chunk)
        var out: [LineReader.Line] = []
        while let line = try reader.next() { out.append(line) }
        return out
    }

    @Test func splitsLinesAcrossChunksAndDropsCR() throws {
        #expect(try lines("alpha\r\nbeta\n\ngamma") == [
            .text(Data("alpha".utf8), number: 1), .text(Data("beta".utf8), number: 2),
            .text(Data(), number: 3), .text(Data("gamma".utf8), number: 4),
        ])
    }

    @Test func aTooLongLineIsReportedAndSkippedWithoutStoppingTheRest() throws {
        let long = String(repeating: "x", count: 100)
        #expect(try lines("ok\n\(long)\nafter\n\(long)") == [
            .text(Data("ok".utf8), number: 1), .tooLong(number: 2, bytes: 100),
            .text(Data("after".utf8), number: 3), .tooLong(number: 4, bytes: 100),
        ])
    }

    @Test func aLineOfExactlyTheLimitIsKept() throws {
        let exact = String(repeating: "y", count: 16)
        #expect(try lines("\(exact)\n\(exact)y\n") == [
            .text(Data(exact.utf8), number: 1), .tooLong(number: 2, bytes: 17),
        ])
    }
}

@Suite struct KdniaoPushSplitterTests {
    static let shipments = """
    [{"ShipperCode":"YTO","LogisticCode":"YT1","Traces":[{"AcceptTime":"2026-11-19 20:11:00","AcceptStation":"已揽收"}]},
     {"ShipperCode":"JTSD","LogisticCode":"JT2","Traces":[]}]
    """

    func numbers(_ body: String) throws -> [String]? {
        try KdniaoPushSplitter.shipments(in: Data(body.utf8))?.map { data in
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return try #require(object["LogisticCode"] as? String)
        }
    }

    @Test func requestDataAsAnObject() throws {
        #expect(try numbers(#"{"RequestType":"101","RequestData":{"Count":"2","Data":\#(Self.shipments)}}"#)
            == ["YT1", "JT2"])
    }

    @Test func requestDataAsAJSONString() throws {
        let inner = #"{"Count":"2","Data":\#(Self.shipments)}"#
        let quoted = String(data: try JSONSerialization.data(withJSONObject: [inner]), encoding: .utf8)!.dropFirst().dropLast()
        #expect(try numbers(#"{"RequestType":"101","RequestData":\#(quoted)}"#) == ["YT1", "JT2"])
    }

    @Test func aBareDataArray() throws {
        #expect(try numbers(#"{"Data":\#(Self.shipments)}"#) == ["YT1", "JT2"])
    }

    @Test func otherTracesAreNotPushes() throws {
        #expect(try numbers(#"{"ShipperCode":"SF","LogisticCode":"SF1","Traces":[]}"#) == nil)
        #expect(try numbers(#"{"message":"ok","data":[{"context":"x"}]}"#) == nil)  // Kuaidi100: lower-case
        #expect(try numbers(#"{"Data": "#) == nil)  // broken JSON is left for the renderer to report
        #expect(try numbers(#"{"Data": []}"#) == nil)
    }
}

@Suite struct ItemReaderTests {
    func items(_ input: ExportInput, limits: ExportLimits = ExportLimits()) throws -> [ExportItem] {
        var reader = try ItemReader(input, limits: limits)
        var out: [ExportItem] = []
        while let item = try reader.next() { out.append(item) }
        return out
    }

    @Test func aPrettyPrintedPushFileGivesOneItemPerShipment() throws {
        let folder = TemporaryFolder()
        let path = folder.write("push.json", """
        {
          "RequestType": "101",
          "RequestData": {"Count": "2", "Data": \(KdniaoPushSplitterTests.shipments)}
        }
        """)
        let found = try items(.file(path))
        #expect(found.map(\.sequence) == [1, 2])
        #expect(found.map(\.position) == [ItemPosition(document: true, shipment: 1),
                                          ItemPosition(document: true, shipment: 2)])
    }

    @Test func jsonLinesWithAPushLineBlankLinesAndATooLongLine() throws {
        let folder = TemporaryFolder()
        let push = #"{"Data":\#(KdniaoPushSplitterTests.shipments.replacingOccurrences(of: "\n", with: ""))}"#
        let path = folder.write("in.jsonl", "{\"number\":\"A\"}\n\n\(push)\n\(String(repeating: "z", count: 3000))\n{\"number\":\"B\"}")
        let found = try items(.file(path), limits: ExportLimits(maxLineBytes: 2000))
        #expect(found.map(\.position) == [
            ItemPosition(line: 1), ItemPosition(line: 3, shipment: 1), ItemPosition(line: 3, shipment: 2),
            ItemPosition(line: 4), ItemPosition(line: 5),
        ])
        if case .failure(let error) = found[3].content { #expect(error.code == "input.line_too_long") }
        else { Issue.record("the long line was not an error") }
        #expect(ExportInput.file(path).countRecords(limits: ExportLimits()) == 4)
    }

    @Test func aFolderIsReadInByteOrderSkippingHiddenFilesAndSubfolders() throws {
        let folder = TemporaryFolder()
        folder.write("b.json", "{\"number\":\"B\"}")
        folder.write("a.json", "{\"number\":\"A\"}")
        folder.write("Z.json", "{\"number\":\"Z\"}")
        folder.write(".hidden.json", "{}")
        folder.write("big.json", String(repeating: " ", count: 5000))
        try FileManager.default.createDirectory(atPath: folder.path + "/sub", withIntermediateDirectories: false)
        let found = try items(.directory(folder.path), limits: ExportLimits(maxItemBytes: 4096))
        #expect(found.map(\.position.file) == ["Z.json", "a.json", "b.json", "big.json"])
        if case .failure(let error) = found[3].content { #expect(error.code == "input.too_large") }
        else { Issue.record("the big file was not an error") }
        #expect(ExportInput.directory(folder.path).countRecords(limits: ExportLimits()) == 4)
    }

    @Test func resolvingTellsFilesFoldersAndStdinApart() throws {
        let folder = TemporaryFolder()
        let file = folder.write("x.jsonl", "{}")
        #expect(try ExportInput.resolve("-") == .standardInput)
        #expect(try ExportInput.resolve(file) == .file(file))
        #expect(try ExportInput.resolve(folder.path) == .directory(folder.path))
        #expect(throws: ExportError.self) { try ExportInput.resolve(folder.path + "/missing") }
    }
}

@Suite struct SyntheticTracesTests {
    @Test func tracesAreValidJSONVariedAndTheSameForTheSameSeed() throws {
        let first = Array(SyntheticTraces(count: 300))
        #expect(first == Array(SyntheticTraces(count: 300)))
        #expect(first != Array(SyntheticTraces(count: 300, seed: 1)))
        var eventCounts: Set<Int> = []
        var numbers: Set<String> = []
        for line in first {
            #expect(!line.contains(0x0A))
            let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
            let events = try #require(object["events"] as? [[String: String]])
            eventCounts.insert(events.count)
            numbers.insert(try #require(object["number"] as? String))
            #expect(events.allSatisfy { $0["time"] != nil && $0["text"] != nil })
        }
        #expect(numbers.count == 300)
        #expect(eventCounts.count >= 5)
    }
}
