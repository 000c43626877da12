import Foundation
import Gazetteer
import Geo

/// Turns traces into places: reads each event's text with `EventGrammar`, weighs it against the vendor's
/// location and area code, resolves ambiguous names by hierarchy and by the neighbouring events, and fills events
/// without a place from the previous one.
///
/// Built once at start-up (the gazetteer's matcher plus the phrase index); immutable, so shared by all requests.
public final class Geocoder: Sendable {
    public let gazetteer: Gazetteer
    public let parser: TraceParser
    let grammar: EventGrammar
    let resolver: PlaceResolver
    let decoder: TraceDecoder

    /// A place this far (km) from both neighbouring events' places is a "distant mention": lower confidence.
    public static let distantKm = 800.0

    /// An airport word after a place (桃园机场) picks the nearest airport within this distance (km).
    public static let airportKm = 60.0
    /// An event placed only by a vendor area that contains the previous place keeps the previous place when that
    /// lies farther than this (km) from the area's point.
    public static let insideAreaKm = 50.0

    public init(gazetteer: Gazetteer, limits: TraceLimits = .default) {
        self.gazetteer = gazetteer
        self.parser = TraceParser(limits: limits)
        self.grammar = EventGrammar(gazetteer: gazetteer)
        self.resolver = PlaceResolver(gazetteer: gazetteer)
        self.decoder = TraceDecoder(gazetteer: gazetteer)
    }

    /// Parses a body in any supported format and geocodes every shipment in it (a push may hold several).
    /// - Throws: `TraceError`.
    public func geocode(data: Data) throws -> [GeocodedTrace] {
        try parser.parse(data).map { geocode($0) }
    }

    /// One event's reading and its first-pass resolution.
    struct Step {
        var reading: EventReading
        var evidence: [Int32]
        var evidenceSource: LocatedPlace.Source
        var current: PlaceResolver.Choice?
        var fromContext = false
        /// The decoder's lead of the chosen candidate over the best other one (infinite when there was no other).
        var margin = Double.infinity
    }

    /// Runs the trace decoder over the first pass's candidates; an event placed only by the vendor's area takes
    /// part with that one candidate, so it anchors its neighbours.
    func decode(_ steps: [Step], _ events: [TraceEvent]) -> TraceDecoder.Result {
        let input = steps.indices.map { i -> TraceDecoder.Event in
            if let c = steps[i].current { return .init(candidates: c.alternatives, time: events[i].time) }
            if let e = steps[i].evidence.first {
                return .init(candidates: [.init(place: e, score: 1, mention: -1, site: nil, beforeAirportWord: false)],
                             time: events[i].time)
            }
            return .init(candidates: [], time: events[i].time)
        }
        return decoder.decode(input)
    }

    /// The chosen candidate's total minus the best other candidate's (the decision margin).
    func margin(_ r: TraceDecoder.Result, _ i: Int) -> Double {
        guard let k = r.picks[i] else { return .infinity }
        var other = -Double.infinity
        for (j, t) in r.totals[i].enumerated() where j != k { other = max(other, t) }
        return r.totals[i][k] - other
    }

    /// Geocodes one parsed trace.
    public func geocode(_ trace: Trace) -> GeocodedTrace {
        place(trace, resolve(trace).steps)
    }

    /// Reads and resolves every event of a trace: the first pass, the trace decoder, the second pass.
    func resolve(_ trace: Trace) -> (steps: [Step], decoded: TraceDecoder.Result, firstPicks: [Int32?]) {
        var steps: [Step] = []
        steps.reserveCapacity(trace.events.count)
        // Consecutive events usually share the vendor's area: read it once per run.
        var lastArea: (code: String?, location: String?, evidence: [Int32], source: LocatedPlace.Source)?
        for event in trace.events {
            let reading = grammar.read(event.text)
            let (evidence, source): ([Int32], LocatedPlace.Source)
            if event.areaCode == nil && event.location == nil {
                (evidence, source) = ([], .location)
            } else if let last = lastArea, last.code == event.areaCode, last.location == event.location {
                (evidence, source) = (last.evidence, last.source)
            } else {
                (evidence, source) = self.evidence(for: event)
                lastArea = (event.areaCode, event.location, evidence, source)
            }
            var step = Step(reading: reading, evidence: evidence, evidenceSource: source)
            let (current, context) = split(reading)
            if let choice = resolver.choose(current, supportedBy: context, evidence: evidence) {
                step.current = choice
                // A coarse reading of the sentence ("Departed China") yields to a finer context inside it
                // (【磨憨口岸】 … Departed China at Mohan).
                if !context.isEmpty, gazetteer.level(choice.place).fineness <= PlaceLevel.province.fineness,
                   let inner = resolver.choose(context, evidence: evidence), inner.place != choice.place,
                   gazetteer.isSelfOrAncestor(choice.place, of: inner.place)
                {
                    step.current = inner
                    step.fromContext = true
                } else if !context.isEmpty, [.county, .town].contains(gazetteer.level(choice.place)),
                          let outer = resolver.choose(context, evidence: evidence),
                          [.city, .province].contains(gazetteer.level(outer.place)),
                          !gazetteer.isSelfOrAncestor(outer.place, of: choice.place)
                {
                    // A county or town outside the prefecture the context bracket names (【上海市】 … 【外高桥北部】
                    // read as 桥北乡 of 新乡) is a namesake elsewhere: the coarser context is right (issue 10, class 2).
                    step.current = outer
                    step.fromContext = true
                }
            } else if let choice = resolver.choose(context, evidence: evidence) {
                step.current = choice
                step.fromContext = true
            }
            steps.append(step)
        }
        // The whole trace decoded at once: among each event's candidates, the sequence with the best names and the
        // most plausible travel between them.
        let decoded = decode(steps, trace.events)
        let firstPicks = steps.map { $0.current?.place }
        for i in steps.indices {
            if let k = decoded.picks[i], let c = steps[i].current, k > 0 { steps[i].current = c.picking(k, gazetteer: gazetteer) }
            steps[i].margin = margin(decoded, i)
        }
        // Second pass: a town named by its short form alone, set aside for want of support, is looked for again
        // near the neighbours' places (浦江 after 上海闵行 is 浦江镇).
        for i in steps.indices {
            guard let c = steps[i].current, c.hiddenNamesake else { continue }
            guard let anchor = neighbourAnchor(steps, i) else { continue }
            let (current, context) = split(steps[i].reading)
            let pool = steps[i].fromContext ? context : current
            if let again = resolver.choose(pool, supportedBy: steps[i].fromContext ? [] : context,
                                           evidence: steps[i].evidence, anchor: anchor),
               gazetteer.level(again.place) == .town, !c.alternatives.contains(where: { $0.place == again.place })
            {
                steps[i].current = again  // only the town set aside; the decoder's choice stands otherwise
            }
        }
        return (steps, decoded, firstPicks)
    }

    /// Places, next stops, inheritance and distant mentions, from the resolved steps.
    func place(_ trace: Trace, _ steps: [Step]) -> GeocodedTrace {
        // Places, next stops, inheritance and distant mentions.
        var previous: LocatedPlace?
        var previousIndex: Int32?
        var events: [GeocodedEvent] = []
        events.reserveCapacity(steps.count)
        for (i, event) in trace.events.enumerated() {
            var place: LocatedPlace?
            var placeIndex: Int32?
            if let c = event.coordinate {
                place = coordinatePlace(c)
            } else if let choice = steps[i].current, let local = localPrefecture(of: choice, steps[i].reading,
                                                                                 after: previousIndex) {
                placeIndex = local
                place = LocatedPlace(gazetteer, local, confidence: Self.localOutlet(previous), source: .text)
            } else if let choice = steps[i].current {
                placeIndex = choice.place
                var p = located(choice, event.text)
                p.confidence = confidence(choice, fromContext: steps[i].fromContext, neighbours: neighbourPlaces(steps, i))
                place = p
            } else if let e = steps[i].evidence.first,
                      !(previousIndex.map {
                          gazetteer.isSelfOrAncestor(e, of: $0)
                              && gazetteer.anchor(of: $0).kilometres(to: gazetteer.anchor(of: e)) > Self.insideAreaKm
                      } ?? false)
            {
                // The vendor's area, unless the previous place lies inside it far from the area's point (万州 in
                // 重庆市, 230 km from its centre): then inheriting the previous place is the better point.
                place = evidencePlace(e, source: steps[i].evidenceSource)
                placeIndex = e
            } else if let code = steps[i].reading.operatorCountry, previous?.country != code,
                      let country = gazetteer.places(code: code).first(where: { gazetteer.level($0) == .country })
            {
                // A national post's scan that names no place ("Arrived at USPS Regional Facility") is in its
                // country, not where the previous event was (苏州, before the flight).
                place = LocatedPlace(gazetteer, country, confidence: 0.5, source: .text)
                placeIndex = country
            } else if var p = previous {
                p.source = .inherited
                p.confidence = (p.confidence * 0.9 * 100).rounded() / 100
                place = p
                placeIndex = previousIndex
            }
            var next: LocatedPlace?
            if steps[i].reading.hasNextMarker,
               let choice = resolver.choose(steps[i].reading.mentions.filter { $0.role == .next },
                                            anchor: place?.coordinate)
            {
                if let local = localPrefecture(of: choice, steps[i].reading, after: placeIndex ?? previousIndex) {
                    next = LocatedPlace(gazetteer, local, confidence: Self.localOutlet(place ?? previous), source: .text)
                } else {
                    next = located(choice, event.text)
                    next?.confidence = min(0.95, max(0.3, 0.45 + 0.2 * choice.score))
                }
            }
            previous = place ?? previous
            previousIndex = placeIndex ?? previousIndex
            let state = event.vendorState ?? steps[i].reading.state
            events.append(GeocodedEvent(index: event.index, time: event.time, utcOffsetSeconds: event.utcOffsetSeconds,
                                        text: event.text, place: place, next: next, state: state))
        }
        // Events before the first placed one ("顺丰速运 已收取快件") happened there too: a map needs its origin.
        if let first = events.firstIndex(where: { $0.place != nil }), first > 0, var p = events[first].place,
           events[first].place?.source != .coordinates
        {
            p.source = .inherited
            p.confidence = (p.confidence * 0.85 * 100).rounded() / 100
            // Except order and data records (商品已经下单, "Electronic Data Received"): no parcel was anywhere yet.
            for k in 0..<first where !(steps[k].reading.informationOnly && steps[k].reading.state == nil) {
                events[k].place = p
            }
        }
        let state = trace.vendorState ?? events.last(where: { $0.state != nil })?.state
            ?? (events.isEmpty ? .unknown : .inTransit)
        var origin = trace.origin.flatMap { endpoint($0) }
        if origin == nil { origin = events.first(where: { $0.place != nil })?.place }
        var destination = trace.destination.flatMap { endpoint($0) }
        if destination == nil, state == .delivered { destination = events.last(where: { $0.place != nil })?.place }
        return GeocodedTrace(carrier: trace.carrier, number: trace.number, events: events, origin: origin,
                             destination: destination, state: state)
    }

    /// An outlet farther than this (km) from the stop before it is no last-mile hop: see `localPrefecture`.
    static let localOutletKm = 300.0
    /// The confidence of an outlet placed at the previous stop's prefecture: as sure as an inherited place (the
    /// city is the previous stop's; the outlet's own point is unknown).
    static func localOutlet(_ previous: LocatedPlace?) -> Double {
        (min(0.55, (previous?.confidence ?? 0.5) * 0.9) * 100).rounded() / 100
    }

    /// The previous stop's prefecture, when `choice` is an outlet named by one bare county or town name that lies
    /// far from it: a delivery outlet (营业部, 发投) serves the city the parcel was just sorted in, so 【钟楼发投】
    /// after 西安中心 is Xi'an's Bell Tower section, not 钟楼区 of 常州 1,000 km away (issue 10: prefer the coarser
    /// right answer). An outlet whose text names its prefecture, or that lies near the previous stop, is kept.
    func localPrefecture(of choice: PlaceResolver.Choice, _ reading: EventReading, after previous: Int32?) -> Int32? {
        guard choice.site?.kind == .outlet, let previous,
              [.county, .town].contains(gazetteer.level(choice.place)), gazetteer[previous].country == "CN"
        else { return nil }
        let here = decoder.prefecture(choice.place), before = decoder.prefecture(previous)
        guard here != before, gazetteer.level(before) == .city,
              gazetteer.anchor(of: choice.place).kilometres(to: gazetteer.anchor(of: previous)) > Self.localOutletKm
        else { return nil }
        let role = reading.mentions.first { $0.site == choice.site }?.role
        var named = 0
        for m in reading.mentions where m.role == role { named += 1 }
        return named == 1 ? before : nil
    }

    /// Resolves an address string ("湖北省武汉市洪山区") to its finest place.
    public func locate(address: String) -> LocatedPlace? {
        let reading = grammar.read(address)
        let mentions = reading.mentions.map { m -> EventReading.Mention in var m = m; m.role = .current; return m }
        guard let choice = resolver.choose(mentions) else { return nil }
        var place = located(choice, address)
        place.confidence = min(0.98, max(0.3, 0.45 + 0.2 * choice.score))
        return place
    }

    // MARK: Pieces

    func split(_ reading: EventReading) -> (current: [EventReading.Mention], context: [EventReading.Mention]) {
        // The usual case, every mention current, shares the reading's array instead of copying it.
        if reading.mentions.allSatisfy({ $0.role == .current }) { return (reading.mentions, []) }
        var current: [EventReading.Mention] = []
        var context: [EventReading.Mention] = []
        // One exact allocation each (counted first), not a doubling per append nor a buffer for an empty side.
        var currentCount = 0, contextCount = 0
        for m in reading.mentions {
            if m.role == .current { currentCount += 1 } else if m.role == .context { contextCount += 1 }
        }
        if currentCount > 0 { current.reserveCapacity(currentCount) }
        if contextCount > 0 { context.reserveCapacity(contextCount) }
        for m in reading.mentions {
            switch m.role {
            case .current: current.append(m)
            case .context: context.append(m)
            case .next: break
            }
        }
        return (current, context)
    }

    /// The vendor's evidence for an event: the area code's place, else the location words' place.
    func evidence(for event: TraceEvent) -> ([Int32], LocatedPlace.Source) {
        if let code = event.areaCode, let p = gazetteer.place(adcode: code) { return ([p], .areaCode) }
        if let location = event.location {
            let reading = grammar.read(CamelCasePinyin.spaced(location))
            let mentions = reading.mentions.map { m -> EventReading.Mention in var m = m; m.role = .current; return m }
            if let choice = resolver.choose(mentions) { return ([choice.place], .location) }
        }
        return ([], .location)
    }

    /// The nearest neighbour events' first-pass places, for disambiguation.
    func neighbourAnchor(_ steps: [Step], _ i: Int) -> Coordinate? {
        var j = i - 1
        while j >= 0 {
            if let c = steps[j].current, steps[j].current?.rivalScore == nil { return gazetteer.anchor(of: c.place) }
            if let e = steps[j].evidence.first { return gazetteer.anchor(of: e) }
            j -= 1
        }
        j = i + 1
        while j < steps.count {
            if let c = steps[j].current { return gazetteer.anchor(of: c.place) }
            if let e = steps[j].evidence.first { return gazetteer.anchor(of: e) }
            j += 1
        }
        return nil
    }

    /// The first-pass places of the nearest events before and after `i` that have one.
    func neighbourPlaces(_ steps: [Step], _ i: Int) -> (before: Coordinate?, after: Coordinate?) {
        var before: Coordinate?
        var j = i - 1
        while j >= 0 {
            if let c = steps[j].current { before = gazetteer.anchor(of: c.place); break }
            j -= 1
        }
        var after: Coordinate?
        j = i + 1
        while j < steps.count {
            if let c = steps[j].current { after = gazetteer.anchor(of: c.place); break }
            j += 1
        }
        return (before, after)
    }

    func confidence(_ choice: PlaceResolver.Choice, fromContext: Bool,
                    neighbours: (before: Coordinate?, after: Coordinate?)) -> Double
    {
        var c = 0.45 + 0.2 * choice.score
        if let rival = choice.rivalScore, choice.score - rival < 0.35 { c -= 0.15 }
        if fromContext { c -= 0.05 }
        let here = gazetteer.anchor(of: choice.place)
        // A distant mention: far from both neighbours while they are near each other (an outlier, not a leg).
        if let a = neighbours.before, let b = neighbours.after, a.kilometres(to: b) < Self.distantKm / 2,
           a.kilometres(to: here) > Self.distantKm, b.kilometres(to: here) > Self.distantKm
        {
            c *= 0.6
        }
        return (min(0.98, max(0.1, c)) * 100).rounded() / 100
    }

    /// The output place for a choice: a logistics site keeps its own name at the resolved place's point.
    func located(_ choice: PlaceResolver.Choice, _ text: String) -> LocatedPlace {
        var index = choice.place
        if choice.beforeAirportWord,
           gazetteer[index].level != .airport, let airport = airport(near: index)
        {
            index = airport  // 桃园机场 → the airport near 桃园, not the city
        }
        let p = gazetteer[index]
        var name = displayName(p)
        var level = p.level
        let coordinate = gazetteer.anchor(of: index)
        if let site = choice.site,
           site.kind == .hub || site.kind == .customs, p.level != .airport
        {
            // The site's scalars `site.start ..< site.end` of the text, without surrounding spaces: one slice, one
            // string (appending scalar by scalar reallocated the string several times).
            let scalars = text.unicodeScalars
            var position = 0
            var at = scalars.startIndex
            var lower = scalars.endIndex
            while at != scalars.endIndex && position < site.end {
                if position == site.start { lower = at }
                scalars.formIndex(after: &at)
                position += 1
            }
            if lower != scalars.endIndex {
                var slice = scalars[lower..<at]
                while slice.first == " " { slice.removeFirst() }
                while slice.last == " " { slice.removeLast() }
                if !slice.isEmpty {
                    name = String(slice)
                    level = .hub
                }
            }
        }
        var located = LocatedPlace(name: name, englishName: p.nameEn, level: level, code: p.code, country: p.country,
                                   coordinate: coordinate, confidence: 0.5, source: .text)
        if level == .hub && p.level != .hub { located.area = displayName(p) }
        return located
    }

    /// The airport an airport word after a place means (浦东…机场 → Pudong, 北京首都国际机场 → Capital): among the
    /// airports within `airportKm`, one whose name holds the place's English name, an international one, the nearest.
    func airport(near index: Int32) -> Int32? {
        let c = gazetteer.anchor(of: index)
        let english = gazetteer[index].nameEn?.lowercased()
        var best: (Int32, Double)?
        for a in gazetteer.nearestAirports(to: c, within: Self.airportKm) {
            let p = gazetteer[a]
            let name = (p.name + " " + (p.nameEn ?? "")).lowercased()
            var score = -gazetteer.anchor(of: a).kilometres(to: c) / Self.airportKm
            if let english, !english.isEmpty, name.contains(english) { score += 2 }
            if name.contains("international") || (p.nameZh ?? "").contains("国际") { score += 1 }
            if score > (best?.1 ?? -.infinity) { best = (a, score) }
        }
        return best?.0
    }

    /// The Chinese display name when the gazetteer has one (洛杉矶, 香港国际机场), else the name.
    func displayName(_ p: Place) -> String {
        if let zh = p.nameZh, !zh.isEmpty { return zh }
        return p.name
    }

    func evidencePlace(_ index: Int32, source: LocatedPlace.Source) -> LocatedPlace {
        LocatedPlace(gazetteer, index, confidence: source == .areaCode ? 0.85 : 0.8, source: source)
    }

    /// A place for coordinates given in the input: named after the nearest county-level place or city.
    func coordinatePlace(_ c: Coordinate) -> LocatedPlace {
        let levels: Set<PlaceLevel> = [.county, .foreignCity, .city]
        if let i = gazetteer.nearest(to: c, levels: levels) {
            let p = gazetteer[i]
            return LocatedPlace(name: displayName(p), englishName: p.nameEn, level: p.level, code: p.code, country: p.country,
                                coordinate: c, confidence: 0.95, source: .coordinates)
        }
        return LocatedPlace(name: String(describing: c), level: .foreignCity, code: nil, country: "",
                            coordinate: c, confidence: 0.9, source: .coordinates)
    }

    func endpoint(_ e: TraceEndpoint) -> LocatedPlace? {
        switch e {
        case .address(let text): return locate(address: text)
        case .coordinate(let c): return coordinatePlace(c)
        }
    }
}
