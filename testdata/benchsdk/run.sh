#!/usr/bin/env bash
# make bench-sdk: our client and the official Go SDK on the same calls and
# the same canned answers, in one `go test -bench` run. The SDK comes from
# the Go module proxy into a scratch module outside this repository's
# go.mod (the vendor SDK never enters our module), with a replace pointing
# at this checkout. Not part of `make test`: it needs the module proxy.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRATCH=${BENCHSDK_DIR:-${TMPDIR:-/tmp}/tcfaceid-benchsdk}
SDK_VERSION=${SDK_VERSION:-v1.0.1200}
GO=${GO:-go}
BENCH=${BENCH:-.}
COUNT=${COUNT:-1}

mkdir -p "$SCRATCH"
echo "== scratch module $SCRATCH"
cp "$ROOT/testdata/benchsdk/sdk_bench_test.go" "$SCRATCH/"
cd "$SCRATCH"
cat >go.mod <<MOD
module benchsdk

go 1.23

require (
	github.com/tcfaceid/tcfaceid v0.0.0
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common $SDK_VERSION
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/faceid $SDK_VERSION
)

replace github.com/tcfaceid/tcfaceid => $ROOT
MOD
# The checksum database has no entry for the SDK's faceid module, so its
# checksum is not looked up there (scratch module only).
export GONOSUMDB=github.com/tencentcloud/tencentcloud-sdk-go GOFLAGS=-mod=mod
"$GO" mod tidy >/dev/null 2>&1 || "$GO" mod tidy
"$GO" test -run '^$' -bench "$BENCH" -benchmem -count "$COUNT" .
