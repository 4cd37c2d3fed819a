#!/usr/bin/env bash
# A TC3-HMAC-SHA256 signer with a mistake real shell signers make: each
# derived key is kept in a shell variable as binary ($(... | xxd -r -p)).
# bash cannot hold a 0x00 byte in a variable (it drops it, with a warning)
# and command substitution strips trailing newlines, so about 30% of
# key/date combinations give a wrong signature. tc3sign verify must name it.
#
# Inputs (environment): SECRET_KEY, DATE (YYYY-MM-DD), SERVICE, and the
# string to sign on stdin. Output: the hex signature.
# Needs bash, openssl and xxd. Used by cmd/tc3sign's tests.
set -eu
sts=$(cat)
hmac() { # $1 = message, $2 = key as a (binary) shell string; prints the raw HMAC
	printf '%s' "$1" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(printf '%s' "$2" | xxd -p | tr -d '\n')" | sed 's/^.*= //' | xxd -r -p
}
secret_date=$(hmac "$DATE" "TC3$SECRET_KEY")
secret_service=$(hmac "$SERVICE" "$secret_date")
secret_signing=$(hmac "tc3_request" "$secret_service")
printf '%s' "$sts" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(printf '%s' "$secret_signing" | xxd -p | tr -d '\n')" | sed 's/^.*= //'
