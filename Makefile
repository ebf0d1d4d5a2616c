# linkproof — the README's two commands are `make demo` and `make test`.
GO      ?= go
BIN     ?= bin/linkproof
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build demo test vet chromium bench bench-real fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/linkproof

# Install Debian's Chromium when no Chrome is on PATH (Debian/Ubuntu; elsewhere install Chrome
# or Chromium yourself and pass --chrome PATH).
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	 command -v google-chrome >/dev/null 2>&1 || { \
	  command -v apt-get >/dev/null 2>&1 || { echo "Install Chromium or Chrome, then run make again (or pass --chrome PATH)." >&2; exit 1; }; \
	  echo "Installing Chromium (apt-get install -y chromium)..." >&2; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The demo: the bundled fixture site on 127.0.0.1, a batch over it, a report to open.
demo: chromium build
	$(BIN) demo --out out/demo

vet:
	$(GO) vet ./...

# The test suite. Tests that need Chrome run against it for real; with CI=true a missing
# Chrome fails them instead of skipping.
test: chromium vet
	CI=true $(GO) test -count=1 -timeout 20m ./...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzKey -fuzztime 30s ./internal/match
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./internal/extract

bench: chromium build
	$(GO) run ./bench/cmd/bench

bench-real: chromium build
	$(GO) run ./bench/cmd/bench -real ../shared/corpus

clean:
	rm -rf bin out
