#!/usr/bin/env python3
"""Interoperability test of `tracemap mcp` (stdio) and `POST /mcp` (Streamable HTTP) with the official MCP Python
SDK as the client: lists the tools, calls each one, checks that the PNG decodes and that every structuredContent
validates against the tool's outputSchema. Runs in both eras: mode="auto" (2026-07-28, server/discover) and
mode="legacy" (the initialize handshake).

usage: mcp_sdk_check.py TRACEMAP_BINARY GEODATA_DIR SAMPLE_TRACE [HTTP_URL | --serve]
(--serve starts `tracemap serve` on a free loopback port over the same data directory and uses its /mcp.)
Exit status 0 when every check holds; each failure is printed.
"""
import asyncio, base64, json, os, struct, subprocess, sys, tempfile, zlib

import jsonschema
from mcp import Client, StdioServerParameters

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL", what)


def png_decodes(data):
    """Parses the PNG chunk by chunk (CRCs included) and inflates its image data to the size IHDR implies."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            return False
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    if ihdr is None:
        return False
    width, height, depth, colour = ihdr[:4]
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    row = (width * channels * depth + 7) // 8
    return len(zlib.decompress(idat)) == height * (1 + row)


async def exercise(client, label, trace, carrier, number):
    listed = await client.list_tools()
    tools = {t.name: t for t in listed.tools}
    names = {"render_route_map", "locate_trace_events", "shipment_status", "list_shipments", "find_place"}
    check(names <= set(tools), f"{label}: tools/list names {sorted(tools)}")

    def conforms(name, result):
        check(not result.is_error, f"{label}: {name} isError {result.content[:1]}")
        if result.is_error:
            return
        check(result.structured_content is not None, f"{label}: {name} has structuredContent")
        try:
            jsonschema.validate(result.structured_content, tools[name].output_schema)
        except jsonschema.ValidationError as e:
            check(False, f"{label}: {name} structuredContent vs outputSchema: {e.message}")
        texts = [c.text for c in result.content if c.type == "text"]
        check(any(_json_equal(t, result.structured_content) for t in texts),
              f"{label}: {name} carries the same JSON in a text block")

    r = await client.call_tool("render_route_map", {"trace": trace, "size": "480x360"})
    conforms("render_route_map", r)
    images = [c for c in r.content if c.type == "image"]
    check(len(images) == 1 and images[0].mime_type == "image/png", f"{label}: render_route_map gives one PNG")
    if images:
        check(png_decodes(base64.b64decode(images[0].data)), f"{label}: the PNG decodes")

    r = await client.call_tool("render_route_map", {"carrier": carrier, "number": number, "format": "svg"})
    conforms("render_route_map", r)
    check(any(c.type == "text" and c.text.lstrip().startswith("<?xml") or c.type == "text" and "<svg" in c.text[:400]
              for c in r.content), f"{label}: svg format gives the SVG as text")

    r = await client.call_tool("locate_trace_events", {"trace": json.dumps(trace, ensure_ascii=False)})
    conforms("locate_trace_events", r)

    for lang in ("zh", "en"):
        r = await client.call_tool("shipment_status", {"carrier": carrier, "number": number, "lang": lang})
        conforms("shipment_status", r)
        if not r.is_error:
            answer = r.structured_content["answer"]
            check(("您的包裹" in answer) if lang == "zh" else answer.startswith("Your parcel"),
                  f"{label}: shipment_status answer in {lang}: {answer}")

    r = await client.call_tool("list_shipments", {"limit": 5})
    conforms("list_shipments", r)
    if not r.is_error:
        check(any(s["number"] == number for s in r.structured_content["shipments"]), f"{label}: list_shipments lists it")

    r = await client.call_tool("find_place", {"query": "番禺", "limit": 3})
    conforms("find_place", r)

    # An execution error is an isError result with TraceMap's stable code, not a protocol error.
    r = await client.call_tool("render_route_map", {"trace": trace, "size": "9000x9000"})
    check(r.is_error and "render.size_too_large" in r.content[0].text, f"{label}: oversize is isError with its code")


def _json_equal(text, value):
    try:
        return json.loads(text) == value
    except ValueError:
        return False


async def main():
    binary, geodata, sample = sys.argv[1:4]
    url = sys.argv[4] if len(sys.argv) > 4 else None
    with open(sample, encoding="utf-8") as f:
        trace = json.load(f)
    carrier, number = trace.get("ShipperCode", "SF"), trace.get("LogisticCode", "SF1400000000001")
    data = os.environ.get("TRACEMAP_MCP_DATA") or tempfile.mkdtemp(prefix="tracemap-mcp-")
    # The shipment the status tool answers for: imported as an integrator would (tracemap shipments import).
    rc = os.system(f"'{binary}' shipments import '{sample}' --data '{data}' --geodata '{geodata}' >/dev/null")
    check(rc == 0, "tracemap shipments import")
    params = StdioServerParameters(command=binary, args=["mcp", "--data", data, "--geodata", geodata])
    for mode in ("auto", "legacy"):
        async with Client(params, mode=mode) as client:
            await exercise(client, f"stdio/{mode}", trace, carrier, number)
    server = None
    if url == "--serve":
        server = subprocess.Popen([binary, "serve", "--port", "0", "--data", data, "--geodata", geodata],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = server.stdout.readline()  # "TraceMap serving on http://127.0.0.1:PORT/"
        check(line.startswith("TraceMap serving on "), f"serve started: {line!r}")
        url = line.strip().rsplit(" ", 1)[-1] + "mcp"
    try:
        if url:
            for mode in ("auto", "legacy"):
                async with Client(url, mode=mode) as client:
                    await exercise(client, f"http/{mode}", trace, carrier, number)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    print("mcp interop:", "all checks hold" if not failures else f"{len(failures)} failed")
    sys.exit(1 if failures else 0)


asyncio.run(main())
