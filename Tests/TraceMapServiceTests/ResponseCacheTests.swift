import Testing
@testable import TraceMapService

@Suite struct ResponseCacheTests {
    func entry(_ size: Int) -> ResponseCache.Entry {
        ResponseCache.Entry(contentType: "image/png", body: [UInt8](repeating: 7, count: size))
    }

    @Test func evictsLeastRecentlyUsedToStayWithinBytes() {
        let each = ResponseCache.cost("\"a\"", entry(1000))
        let cache = ResponseCache(capacityBytes: each * 3)
        cache.put("\"a\"", entry(1000))
        cache.put("\"b\"", entry(1000))
        cache.put("\"c\"", entry(1000))
        #expect(cache.get("\"a\"") != nil)  // a becomes most recent; b is now the oldest
        cache.put("\"d\"", entry(1000))
        #expect(cache.get("\"b\"") == nil)
        #expect(cache.get("\"a\"") != nil && cache.get("\"c\"") != nil && cache.get("\"d\"") != nil)
        let stats = cache.statistics
        #expect(stats.entries == 3)
        #expect(stats.bytes == each * 3)
        #expect(stats.bytes <= cache.capacityBytes)
        #expect(stats.evictions == 1)
        #expect(stats.hits == 4 && stats.misses == 1)
    }

    @Test func replacingAKeyUpdatesItsBytes() {
        let cache = ResponseCache(capacityBytes: 10_000)
        cache.put("\"k\"", entry(100))
        cache.put("\"k\"", entry(300))
        #expect(cache.get("\"k\"")?.body.count == 300)
        #expect(cache.statistics.entries == 1)
        #expect(cache.statistics.bytes == ResponseCache.cost("\"k\"", entry(300)))
    }

    @Test func entryLargerThanTheBudgetIsNotStored() {
        let cache = ResponseCache(capacityBytes: 500)
        cache.put("\"small\"", entry(10))
        cache.put("\"huge\"", entry(1000))
        #expect(cache.get("\"huge\"") == nil)
        #expect(cache.get("\"small\"") != nil)  // nothing was evicted for it
        let empty = ResponseCache(capacityBytes: 0)
        empty.put("\"x\"", entry(1))
        #expect(empty.statistics.entries == 0)
    }

    @Test func manyOperationsKeepTheBookkeepingConsistent() {
        let cache = ResponseCache(capacityBytes: 20_000)
        var generator = SystemRandomNumberGenerator()
        for step in 0..<3000 {
            let key = "\"\(Int.random(in: 0..<60, using: &generator))\""
            if step % 3 == 0 { _ = cache.get(key) } else { cache.put(key, entry(Int.random(in: 0..<900, using: &generator))) }
            let stats = cache.statistics
            #expect(stats.bytes <= 20_000)
            #expect(stats.entries >= 0)
        }
    }
}
