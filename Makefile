GO ?= go
FUZZTIME ?= 10s

STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: test bench bench-sdk fuzz demo vet staticcheck fmt-check interop

# test is what CI runs (.ci/run) and what the README tells users to run.
test: fmt-check vet staticcheck
	$(GO) test -race -count=1 ./...

# staticcheck is pinned and run through go run, so a fresh machine needs only Go
# and the module proxy.
staticcheck:
	$(GO) run $(STATICCHECK) ./...

fmt-check:
	@out=$$(gofmt -l $$(find . -name "*.go" -not -path "./.git/*")); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# bench-sdk runs our client and the official Go SDK on the same calls and
# canned answers in one go test -bench run, in a scratch module outside our
# go.mod (BENCHSDK_DIR, default $$TMPDIR/tcfaceid-benchsdk; the SDK from the
# Go module proxy). Not part of test. COUNT=6 for a spread.
bench-sdk:
	GO=$(GO) bash testdata/benchsdk/run.sh

# fuzz runs every fuzz target for FUZZTIME each (go test allows one -fuzz target per run).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

demo:
	$(GO) run ./cmd/faceid demo

# interop runs the README recipes with the official Node.js and Go SDKs
# against tc3sign serve. The SDKs are installed in a scratch folder outside
# our go.mod (INTEROP_DIR, default $$TMPDIR/tcfaceid-interop); it needs npm
# and the registries, so it is not part of test. Exits non-zero on any refusal.
interop:
	GO=$(GO) bash testdata/interop/run.sh
