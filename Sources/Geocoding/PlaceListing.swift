import Foundation
import Gazetteer

/// Gazetteer search hits as the `tracemap places --json` contract and the MCP `find_place` tool share them:
/// `[{name, level, code, country, lat, lon, parents}]`, parents the names of the enclosing units, nearest first.
public enum PlaceListing {
    /// The hits of `query`, best first, at most `limit`.
    public static func search(_ gazetteer: Gazetteer, _ query: String, limit: Int) -> [[String: Any]] {
        gazetteer.search(query, limit: limit).map { hit in
            let p = gazetteer[hit.index]
            return [
                "name": p.name, "level": p.level.rawValue, "code": p.code.map { $0 as Any } ?? NSNull(),
                "country": p.country, "lat": rounded(p.coordinate.lat), "lon": rounded(p.coordinate.lon),
                "parents": gazetteer.ancestors(of: hit.index).map { gazetteer[$0].name },
            ]
        }
    }

    /// Six decimals (about 0.1 m), as the CLI has always printed them.
    static func rounded(_ degrees: Double) -> Double { (degrees * 1e6).rounded() / 1e6 }
}
