#!/usr/bin/env bash
# make interop: the README recipes run with the official SDKs against
# `tc3sign serve`. The SDKs are installed in a scratch folder outside this
# repository's go.mod (the vendor SDK never enters our module): the Node.js
# SDK from npm, the Go SDK from the Go module proxy. Exits non-zero on any
# refusal. Not part of `make test`: it needs the registries.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRATCH=${INTEROP_DIR:-${TMPDIR:-/tmp}/tcfaceid-interop}
NODE_SDK=${NODE_SDK:-tencentcloud-sdk-nodejs@4.1.313}
GO_SDK=${GO_SDK:-github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/faceid@v1.0.1200}
GO=${GO:-go}

mkdir -p "$SCRATCH/node" "$SCRATCH/go"
echo "== scratch folder $SCRATCH"

# Made-up, test-only credentials: serve accepts only these.
export TENCENTCLOUD_SECRET_ID=AKIDInteropTestOnly0000000000EXAMPLE
export TENCENTCLOUD_SECRET_KEY=InteropTestOnlySecretKey000EXAMPLE
unset TENCENTCLOUD_SECURITY_TOKEN

echo "== building tc3sign"
(cd "$ROOT" && "$GO" build -o "$SCRATCH/tc3sign" ./cmd/tc3sign)

echo "== installing $NODE_SDK (npm)"
(cd "$SCRATCH/node" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --silent "$NODE_SDK")
cp "$ROOT/testdata/interop/node/detectauth.js" "$SCRATCH/node/"

echo "== installing $GO_SDK (Go module proxy)"
cp "$ROOT/testdata/interop/go/main.go" "$SCRATCH/go/main.go"
(
	cd "$SCRATCH/go"
	[ -f go.mod ] || "$GO" mod init interop >/dev/null 2>&1
	# The checksum database has no entry for the SDK's faceid module, so
	# its checksum is not looked up there (scratch module only).
	export GONOSUMDB=github.com/tencentcloud/tencentcloud-sdk-go GOFLAGS=-mod=mod
	"$GO" get "$GO_SDK" >/dev/null 2>&1 || "$GO" get "$GO_SDK"
	"$GO" mod tidy >/dev/null 2>&1 || "$GO" mod tidy
	"$GO" build -o interop .
)

echo "== starting tc3sign serve"
"$SCRATCH/tc3sign" serve --addr 127.0.0.1:0 >"$SCRATCH/serve.out" 2>"$SCRATCH/serve.err" &
SERVE_PID=$!
trap 'kill "$SERVE_PID" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
	grep -q '^listening on http://' "$SCRATCH/serve.out" 2>/dev/null && break
	sleep 0.1
done
ADDR=$(sed -n 's|^listening on http://||p' "$SCRATCH/serve.out")
if [ -z "$ADDR" ]; then
	echo "tc3sign serve did not start:"; cat "$SCRATCH/serve.err"; exit 1
fi
echo "== serve listening on $ADDR"
export TC3SIGN_SERVE=$ADDR

status=0
echo "== Node.js SDK ($NODE_SDK)"
(cd "$SCRATCH/node" && node detectauth.js) || status=1
echo "== Go SDK ($GO_SDK)"
"$SCRATCH/go/interop" || status=1

refused=$(grep -c 'error_code=' "$SCRATCH/serve.err" || true)
echo "== serve log: $(grep -c 'faceidtest request' "$SCRATCH/serve.err" || true) requests, $refused refused"
if [ "$refused" != 0 ]; then
	grep 'error_code=' "$SCRATCH/serve.err"
	status=1
fi
if [ "$status" = 0 ]; then echo "interop: ok"; else echo "interop: FAILED"; fi
exit $status
