#!/usr/bin/env python3
"""Validate the labelled geocoding evaluation set (stdlib only).

Usage: python3 validate.py [DIR]   (DIR defaults to this script's directory)

Checks every *.json file in DIR: it parses; it has carrier, style and traces; trace ids are unique across the set;
each trace's input is one of the supported shapes, every event has a text and a parseable time; there is exactly one
label per input event and every label's index exists in the input; `at` / `finest` / `next` have names, coordinates
in range and positive radii; `finest` has a valid level and lies inside the `at` circle. Prints a summary and exits 1 on the first file with errors.
"""
import json
import math
import os
import sys
from datetime import datetime

LEVELS = {"country", "province", "city", "county", "town", "hub", "airport", "foreign-city", "region"}
FORMATS = {"kdniao", "kdniao-push", "kuaidi100", "kuaidi100-push", "native"}


def events_of(inp, fmt):
    """Return the list of events of a trace input, in input order, for the given format."""
    if fmt == "kdniao":
        return inp["Traces"]
    if fmt == "kdniao-push":
        data = inp["RequestData"]["Data"]
        if len(data) != 1:
            raise ValueError("eval pushes must carry exactly one shipment")
        return data[0]["Traces"]
    if fmt == "kuaidi100":
        return inp["data"]
    if fmt == "kuaidi100-push":
        return inp["param"]["lastResult"]["data"]
    if fmt == "native":
        return inp["events"]
    raise ValueError(f"unknown format {fmt!r}")


def distance_km(a, b):
    """Great-circle distance between two label points (haversine, mean Earth radius)."""
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def event_time(ev, fmt):
    """Parse an event's time: 'YYYY-MM-DD HH:MM:SS' (China time) or ISO-8601 with an offset (native)."""
    raw = ev.get("AcceptTime") if fmt.startswith("kdniao") else ev.get("time")
    if not isinstance(raw, str):
        raise ValueError("no time")
    if "T" in raw:
        return datetime.fromisoformat(raw)
    return datetime.strptime(raw, "%Y-%m-%d %H:%M:%S")


def event_text(ev, fmt):
    if fmt.startswith("kdniao"):
        return ev.get("AcceptStation")
    if fmt.startswith("kuaidi100"):
        return ev.get("context")
    return ev.get("text")


def check_point(where, p, errors, need_level=False):
    if not isinstance(p, dict):
        errors.append(f"{where}: not an object")
        return
    for k in ("name", "lat", "lon", "radius_km"):
        if k not in p:
            errors.append(f"{where}: missing {k}")
            return
    if not isinstance(p["name"], str) or not p["name"]:
        errors.append(f"{where}: empty name")
    lat, lon, r = p["lat"], p["lon"], p["radius_km"]
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (lat, lon, r)):
        errors.append(f"{where}: lat/lon/radius_km must be numbers")
        return
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        errors.append(f"{where}: coordinates out of range ({lat}, {lon})")
    if not r > 0:
        errors.append(f"{where}: radius_km must be positive ({r})")
    if need_level and p.get("level") not in LEVELS:
        errors.append(f"{where}: level {p.get('level')!r} not one of {sorted(LEVELS)}")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    files = sorted(f for f in os.listdir(root) if f.endswith(".json"))
    if not files:
        print(f"no .json files in {root}")
        return 1
    ids = set()
    totals = {"traces": 0, "events": 0, "at": 0, "at_null": 0, "finest": 0, "next": 0}
    by_format = {}
    for name in files:
        errors = []
        try:
            with open(os.path.join(root, name), encoding="utf-8") as fh:
                doc = json.load(fh)
        except (OSError, ValueError) as e:
            print(f"{name}: does not parse: {e}")
            return 1
        for k in ("carrier", "style", "traces"):
            if k not in doc:
                errors.append(f"{name}: missing {k}")
        file_events = 0
        for t in doc.get("traces", []):
            tid = t.get("id", "?")
            where = f"{name} {tid}"
            if tid in ids:
                errors.append(f"{where}: duplicate trace id")
            ids.add(tid)
            fmt = t.get("format")
            if fmt not in FORMATS:
                errors.append(f"{where}: format {fmt!r} not one of {sorted(FORMATS)}")
                continue
            try:
                evs = events_of(t["input"], fmt)
            except (KeyError, TypeError, ValueError) as e:
                errors.append(f"{where}: input is not a {fmt} trace: {e!r}")
                continue
            for n, ev in enumerate(evs):
                try:
                    event_time(ev, fmt)
                except ValueError as e:
                    errors.append(f"{where} event {n}: unparseable time: {e}")
                if not isinstance(event_text(ev, fmt), str) or not event_text(ev, fmt):
                    errors.append(f"{where} event {n}: no event text")
            seen = set()
            for lab in t.get("labels", []):
                i = lab.get("index")
                lw = f"{where} index {i}"
                if not isinstance(i, int) or not 0 <= i < len(evs):
                    errors.append(f"{lw}: index does not exist in the input ({len(evs)} events)")
                    continue
                if i in seen:
                    errors.append(f"{lw}: labelled twice")
                seen.add(i)
                if "at" not in lab:
                    errors.append(f"{lw}: missing at (use null when nothing can tell)")
                elif lab["at"] is None:
                    totals["at_null"] += 1
                    if "finest" in lab:
                        errors.append(f"{lw}: finest without at")
                else:
                    check_point(f"{lw} at", lab["at"], errors)
                    totals["at"] += 1
                if "finest" in lab:
                    before = len(errors)
                    check_point(f"{lw} finest", lab["finest"], errors, need_level=True)
                    totals["finest"] += 1
                    at = lab.get("at")
                    if len(errors) == before and at and "radius_km" in at:
                        d = distance_km(at, lab["finest"])
                        if d > at["radius_km"]:
                            errors.append(f"{lw}: finest lies {d:.0f} km from at, outside its {at['radius_km']} km radius")
                if "next" in lab:
                    check_point(f"{lw} next", lab["next"], errors)
                    totals["next"] += 1
            missing = set(range(len(evs))) - seen
            if missing:
                errors.append(f"{where}: events without a label: {sorted(missing)}")
            file_events += len(seen)
            totals["traces"] += 1
            by_format[fmt] = by_format.get(fmt, 0) + len(seen)
        if errors:
            print("\n".join(errors))
            return 1
        totals["events"] += file_events
        print(f"{name}: {doc['carrier']}, {len(doc['traces'])} traces, {file_events} events")
    print(f"total: {totals['traces']} traces, {totals['events']} events; at {totals['at']} (null {totals['at_null']}), "
          f"finest {totals['finest']}, next {totals['next']}")
    print("events by format: " + ", ".join(f"{k} {v}" for k, v in sorted(by_format.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
