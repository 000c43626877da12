/// Splits the run-together pinyin of some carriers' location fields into place names: EMS writes
/// "AnHuiShengChiZhouShi" for 安徽省池州市, which no name index can read as one word.
///
/// A word of two or more capitalised syllables is cut after each administrative unit word (Sheng, Shi, Xian, Qu,
/// Zhen, Xiang) that ends a name of at least two syllables, and the unit words are dropped:
/// "AnHuiShengChiZhouShi" → "anhui chizhou", "ShiYanShi" → "shiyan". Other text is returned as it is.
enum CamelCasePinyin {
    static let unitWords: Set<String> = ["sheng", "shi", "xian", "qu", "zhen", "xiang"]

    static func spaced(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.isUppercase }) else { return text }
        var out: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let syllables = split(word)
            guard syllables.count >= 2 else { out.append(String(word)); continue }
            var name: [String] = []
            for syllable in syllables {
                if unitWords.contains(syllable), name.count >= 2 {
                    out.append(name.joined())
                    name = []
                } else {
                    name.append(syllable)
                }
            }
            if !name.isEmpty { out.append(name.joined()) }
        }
        return out.joined(separator: " ")
    }

    /// "AnHuiSheng" → ["an", "hui", "sheng"]; empty unless the whole word is ASCII letters, each syllable one
    /// capital followed by lower-case letters.
    static func split(_ word: Substring) -> [String] {
        var syllables: [String] = []
        var current = ""
        for scalar in word.unicodeScalars {
            guard scalar.isASCII, scalar.properties.isAlphabetic else { return [] }
            if scalar.properties.isUppercase {
                if !current.isEmpty { syllables.append(current) }
                current = String(scalar).lowercased()
            } else {
                guard !current.isEmpty else { return [] }
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { syllables.append(current) }
        // An all-capitals or single-letter run (PORT, HURON, GJCL) is no pinyin.
        return syllables.allSatisfy { $0.count >= 2 } ? syllables : []
    }
}
