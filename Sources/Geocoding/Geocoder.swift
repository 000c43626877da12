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

    /// A place this far (km) from both neighbouring events' places is a "distant mention": lower confidence.
    public static let distantKm = 800.0

    public init(gazetteer: Gazetteer, limits: TraceLimits = .default) {
        self.gazetteer = gazetteer
        self.parser = TraceParser(limits: limits)
        self.grammar = EventGrammar(gazetteer: gazetteer)
        self.resolver = PlaceResolver(gazetteer: gazetteer)
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
        var place: LocatedPlace?
        var next: LocatedPlace?
    }

    /// Geocodes one parsed trace.
    public func geocode(_ trace: Trace) -> GeocodedTrace {
        var steps: [Step] = []
        steps.reserveCapacity(trace.events.count)
        for event in trace.events {
            let reading = grammar.read(event.text)
            let (evidence, source) = self.evidence(for: event)
            var step = Step(reading: reading, evidence: evidence, evidenceSource: source)
            let (current, context) = split(reading)
            if let choice = resolver.choose(current, supportedBy: context, evidence: evidence) {
                step.current = choice
            } else if let choice = resolver.choose(context, evidence: evidence) {
                step.current = choice
                step.fromContext = true
            }
            steps.append(step)
        }
        // Second pass: ambiguous choices (a rival far away scores close) are redone with the neighbours' places.
        for i in steps.indices {
            guard let c = steps[i].current, let rival = c.rivalScore, c.score - rival < 0.35 else { continue }
            guard let anchor = neighbourAnchor(steps, i) else { continue }
            let (current, context) = split(steps[i].reading)
            let pool = steps[i].fromContext ? context : current
            if let again = resolver.choose(pool, supportedBy: steps[i].fromContext ? [] : context,
                                           evidence: steps[i].evidence, anchor: anchor)
            {
                steps[i].current = again
            }
        }
        // Places, next stops, inheritance and distant mentions.
        var previous: LocatedPlace?
        var events: [GeocodedEvent] = []
        events.reserveCapacity(steps.count)
        for (i, event) in trace.events.enumerated() {
            var step = steps[i]
            var place: LocatedPlace?
            if let c = event.coordinate {
                place = coordinatePlace(c)
            } else if let choice = step.current {
                place = located(choice, step.reading, event.text, step.fromContext ? step.reading.mentions.filter { $0.role == .context } : step.reading.mentions.filter { $0.role == .current })
                if var p = place {
                    p.confidence = confidence(choice, step, neighbours: neighbourPlaces(steps, i))
                    place = p
                }
            } else if let e = step.evidence.first {
                place = evidencePlace(e, source: step.evidenceSource)
            } else if var p = previous {
                p.source = .inherited
                p.confidence = (p.confidence * 0.9 * 100).rounded() / 100
                place = p
            }
            let nextMentions = step.reading.mentions.filter { $0.role == .next }
            var next: LocatedPlace?
            if let choice = resolver.choose(nextMentions, anchor: place?.coordinate) {
                next = located(choice, step.reading, event.text, nextMentions)
                next?.confidence = min(0.95, max(0.3, 0.45 + 0.2 * choice.score))
            }
            step.place = place
            step.next = next
            previous = place ?? previous
            let state = event.vendorState ?? step.reading.state
            events.append(GeocodedEvent(index: event.index, time: event.time, utcOffsetSeconds: event.utcOffsetSeconds,
                                        text: event.text, place: place, next: next, state: state))
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

    /// Resolves an address string ("湖北省武汉市洪山区") to its finest place.
    public func locate(address: String) -> LocatedPlace? {
        let reading = grammar.read(address)
        let mentions = reading.mentions.map { m -> EventReading.Mention in var m = m; m.role = .current; return m }
        guard let choice = resolver.choose(mentions) else { return nil }
        var place = located(choice, reading, address, mentions)
        place.confidence = min(0.98, max(0.3, 0.45 + 0.2 * choice.score))
        return place
    }

    // MARK: Pieces

    func split(_ reading: EventReading) -> (current: [EventReading.Mention], context: [EventReading.Mention]) {
        var current: [EventReading.Mention] = []
        var context: [EventReading.Mention] = []
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
            let reading = grammar.read(location)
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
    func neighbourPlaces(_ steps: [Step], _ i: Int) -> [Coordinate] {
        var result: [Coordinate] = []
        if let j = steps[..<i].lastIndex(where: { $0.current != nil }) {
            result.append(gazetteer.anchor(of: steps[j].current!.place))
        }
        if i + 1 < steps.count, let j = steps[(i + 1)...].firstIndex(where: { $0.current != nil }) {
            result.append(gazetteer.anchor(of: steps[j].current!.place))
        }
        return result
    }

    func confidence(_ choice: PlaceResolver.Choice, _ step: Step, neighbours: [Coordinate]) -> Double {
        var c = 0.45 + 0.2 * choice.score
        if let rival = choice.rivalScore, choice.score - rival < 0.35 { c -= 0.15 }
        if step.fromContext { c -= 0.05 }
        let here = gazetteer.anchor(of: choice.place)
        // A distant mention: far from both neighbours while they are near each other (an outlier, not a leg).
        if neighbours.count == 2, neighbours[0].kilometres(to: neighbours[1]) < Self.distantKm / 2,
           neighbours.allSatisfy({ $0.kilometres(to: here) > Self.distantKm })
        {
            c *= 0.6
        }
        return (min(0.98, max(0.1, c)) * 100).rounded() / 100
    }

    /// The output place for a choice: a logistics site keeps its own name at the resolved place's point.
    func located(_ choice: PlaceResolver.Choice, _ reading: EventReading, _ text: String,
                 _ mentions: [EventReading.Mention]) -> LocatedPlace
    {
        let index = choice.place
        let p = gazetteer[index]
        var name = p.name
        var level = p.level
        let coordinate = gazetteer.anchor(of: index)
        if choice.mention < mentions.count, let site = mentions[choice.mention].site,
           site.kind == .hub || site.kind == .customs, p.level != .airport
        {
            let scalars = Array(text.unicodeScalars)
            if site.end <= scalars.count {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[site.start..<site.end])
                name = String(view).trimmingCharacters(in: .whitespaces)
                level = .hub
            }
        }
        return LocatedPlace(name: name, englishName: p.nameEn, level: level, code: p.code, country: p.country,
                            coordinate: coordinate, confidence: 0.5, source: .text)
    }

    func evidencePlace(_ index: Int32, source: LocatedPlace.Source) -> LocatedPlace {
        let p = gazetteer[index]
        return LocatedPlace(name: p.name, englishName: p.nameEn, level: p.level, code: p.code, country: p.country,
                            coordinate: gazetteer.anchor(of: index), confidence: source == .areaCode ? 0.85 : 0.8,
                            source: source)
    }

    /// A place for coordinates given in the input: named after the nearest county-level place or city.
    func coordinatePlace(_ c: Coordinate) -> LocatedPlace {
        let levels: Set<PlaceLevel> = [.county, .foreignCity, .city]
        if let i = gazetteer.nearest(to: c, levels: levels) {
            let p = gazetteer[i]
            return LocatedPlace(name: p.name, englishName: p.nameEn, level: p.level, code: p.code, country: p.country,
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
