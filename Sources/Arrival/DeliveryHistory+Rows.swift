extension DeliveryHistory {
    /// One (carrier, step) of the table as flat values, for storing it in a database table.
    ///
    /// `kind` is `leg` (`from`, `to`: prefecture keys), `leg-band` (`from`: the band number), `city`
    /// (`to`: the destination prefecture key), `any-city` or `round`; unused fields are empty.
    public struct Row: Sendable, Hashable {
        public var carrier: String
        public var kind: String
        public var from: String
        public var to: String
        public var count: Int
        public var sumLog: Double
        public var sumLogSquares: Double

        public init(carrier: String, kind: String, from: String, to: String, count: Int, sumLog: Double,
                    sumLogSquares: Double)
        {
            self.carrier = carrier
            self.kind = kind
            self.from = from
            self.to = to
            self.count = count
            self.sumLog = sumLog
            self.sumLogSquares = sumLogSquares
        }
    }

    /// Every (carrier, step) with its sums, sorted by carrier, kind, from and to.
    public var rows: [Row] {
        table.map { key, s in
            let (kind, from, to): (String, String, String)
            switch key.step {
            case .leg(let f, let t): (kind, from, to) = ("leg", f, t)
            case .legBand(let b): (kind, from, to) = ("leg-band", String(b), "")
            case .cityToDelivered(let t): (kind, from, to) = ("city", "", t)
            case .anyCityToDelivered: (kind, from, to) = ("any-city", "", "")
            case .roundToDelivered: (kind, from, to) = ("round", "", "")
            }
            return Row(carrier: key.carrier, kind: kind, from: from, to: to, count: s.count, sumLog: s.sumLog,
                       sumLogSquares: s.sumLogSquares)
        }.sorted { ($0.carrier, $0.kind, $0.from, $0.to) < ($1.carrier, $1.kind, $1.from, $1.to) }
    }

    /// A history from stored rows; rows of an unknown kind are skipped.
    public init(rows: [Row], priorWeight: Double = 5) {
        self.init(priorWeight: priorWeight)
        for row in rows {
            let step: Step
            switch row.kind {
            case "leg": step = .leg(from: row.from, to: row.to)
            case "leg-band": guard let b = Int(row.from) else { continue }; step = .legBand(b)
            case "city": step = .cityToDelivered(row.to)
            case "any-city": step = .anyCityToDelivered
            case "round": step = .roundToDelivered
            default: continue
            }
            table[Key(carrier: row.carrier, step: step)] = Stats(count: row.count, sumLog: row.sumLog,
                                                                 sumLogSquares: row.sumLogSquares)
        }
    }
}
