import Foundation
import Testing
@testable import Export

@Suite struct FileNameSanitizerTests {
    let sanitizer = FileNameSanitizer(maxBytes: 120)

    @Test func pathTraversalCannotLeaveTheFolder() {
        #expect(sanitizer.stem(carrier: nil, number: "../../etc/passwd", fallback: "line-1") == "etc_passwd")
        #expect(sanitizer.stem(carrier: "..", number: "/etc/passwd", fallback: "line-1") == "etc_passwd")
        #expect(sanitizer.stem(carrier: "X", number: "..\\..\\windows\\system32", fallback: "line-1")
            == "X_windows_system32")
    }

    @Test func aNulByteAndControlsBecomeUnderscores() {
        #expect(sanitizer.stem(carrier: "SF", number: "SF\u{0}123", fallback: "line-1") == "SF_SF_123")
        #expect(sanitizer.sanitize("a\nb\rc\td\u{7F}e\u{85}f") == "a_b_c_d_e_f")
    }

    @Test func directionAndInvisibleCharactersAreRemoved() {
        // U+202E would display "gnp.exe" reversed; U+200B and U+FEFF hide inside names.
        #expect(sanitizer.sanitize("abc\u{202E}gnp.exe") == "abc_gnp.exe")
        #expect(sanitizer.sanitize("12\u{200B}34\u{FEFF}") == "12_34")
    }

    @Test func veryLongNamesAreCutAtACharacterBoundary() {
        let chinese = sanitizer.stem(carrier: nil, number: String(repeating: "号", count: 1000), fallback: "x")
        #expect(chinese.utf8.count <= 120)
        #expect(chinese == String(repeating: "号", count: 40))
        let ascii = sanitizer.stem(carrier: "SF", number: String(repeating: "7", count: 10_000), fallback: "x")
        #expect(ascii.utf8.count == 120)
        #expect(ascii.hasPrefix("SF_777"))
        // A long carrier cannot push the number out.
        let carrierFirst = sanitizer.stem(carrier: String(repeating: "C", count: 500), number: "N123", fallback: "x")
        #expect(carrierFirst.hasSuffix("_N123"))
    }

    @Test func emptyAndDotOnlyNamesFallBackToThePosition() {
        #expect(sanitizer.stem(carrier: nil, number: "", fallback: "line-7") == "line-7")
        #expect(sanitizer.stem(carrier: nil, number: nil, fallback: "line-7") == "line-7")
        #expect(sanitizer.stem(carrier: nil, number: "....", fallback: "line-7") == "line-7")
        #expect(sanitizer.stem(carrier: nil, number: ". . /", fallback: "line-7") == "line-7")
        #expect(sanitizer.stem(carrier: "YTO", number: "///", fallback: "line-7-2") == "YTO_line-7-2")
        #expect(sanitizer.stem(carrier: nil, number: "", fallback: "") == "item")
    }

    @Test func unicodeIsKeptInOneNormalForm() {
        #expect(sanitizer.stem(carrier: "中通快递", number: "7800", fallback: "x") == "中通快递_7800")
        let decomposed = sanitizer.sanitize("Cafe\u{301}")
        #expect(decomposed == "Caf\u{E9}")
        #expect(decomposed.unicodeScalars.count == 4)
    }

    @Test func hiddenAndOptionLikeNamesLoseTheirLeadingMarks() {
        #expect(sanitizer.sanitize(".bashrc") == "bashrc")
        #expect(sanitizer.sanitize("-rf") == "rf")
        #expect(sanitizer.sanitize("name. . .") == "name")
    }

    @Test func windowsDeviceNamesAreAvoided() {
        #expect(sanitizer.stem(carrier: nil, number: "CON", fallback: "x") == "CON_")
        #expect(sanitizer.stem(carrier: nil, number: "nul.txt", fallback: "x") == "nul.txt_")
        #expect(sanitizer.stem(carrier: nil, number: "com1", fallback: "x") == "com1_")
        #expect(sanitizer.stem(carrier: nil, number: "CONSOLE", fallback: "x") == "CONSOLE")
    }

    @Test func shellAndWindowsSpecialCharactersAreReplaced() {
        #expect(sanitizer.sanitize("a:b*c?d\"e<f>g|h") == "a_b_c_d_e_f_g_h")
        #expect(sanitizer.sanitize("$(rm -rf ~)") == "rm_-rf")
    }

    /// Every stem of many random hostile strings keeps every rule.
    @Test func randomHostileNamesAlwaysGiveSafeStems() {
        var generator = SeededRandom(seed: 7)
        let pieces = ["/", "\\", "..", ".", "\u{0}", "\n", " ", "号", "\u{202E}", "e\u{301}", "CON", "a", "7", "_",
                      "-", "😀", "\u{FFFF}", "\u{D7FF}", ":"]
        for _ in 0..<2000 {
            let length = Int.random(in: 0...80, using: &generator)
            let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let stem = sanitizer.stem(carrier: nil, number: text, fallback: "line-1")
            #expect(!stem.isEmpty)
            #expect(stem.utf8.count <= 120)
            #expect(!stem.contains("/") && !stem.contains("\\") && !stem.contains("\u{0}"))
            #expect(!stem.hasPrefix(".") && !stem.hasPrefix("-") && stem != "..")
            #expect(stem.unicodeScalars.allSatisfy { FileNameSanitizer.isAllowed($0) })
        }
    }
}

@Suite struct FileNameRegistryTests {
    @Test func collisionsGetNumberedSuffixesInOrder() {
        var registry = FileNameRegistry()
        #expect(registry.claim("SF_1") == "SF_1")
        #expect(registry.claim("SF_1") == "SF_1-2")
        #expect(registry.claim("sf_1") == "sf_1-3")  // case-insensitive file systems would clash
        #expect(registry.claim("SF_1-2") == "SF_1-2-2")
        #expect(registry.claim("SF_2") == "SF_2")
    }

    @Test func registeredNamesFromAnEarlierRunAreTaken() {
        var registry = FileNameRegistry()
        registry.register("A")
        registry.register("A-2")
        #expect(registry.claim("A") == "A-3")
    }
}

