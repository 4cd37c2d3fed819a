#!/usr/bin/env python3
"""Reference signer and checker for the Tencent Cloud signing vectors in testdata/tc3/.

Independent of the Go code in this repository: Python 3 standard library only
(hashlib, hmac, base64, json, urllib.parse). See README.md next to this file.

Usage:
    python3 reference_signer.py                 check every case folder, exit 1 on any mismatch
    python3 reference_signer.py CASE...         check only the named case folders
    python3 reference_signer.py -v [CASE...]    also print every computed value
    python3 reference_signer.py --write CASE... (re)generate the expected files of Derived cases
                                                (refuses cases whose context "source" is not Derived)

For each case the signer reads only request.http and context.json. It never reads the
Authorization header (TC3) or the Signature parameter (v1) as an input; afterwards it checks
that the values present in request.http equal the computed ones.
"""

import base64
import datetime
import hashlib
import hmac
import json
import os
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))

TC3_REQUIRED = [
    "hashed-payload.txt",
    "canonical-request.txt",
    "hashed-canonical-request.txt",
    "credential-scope.txt",
    "string-to-sign.txt",
    "signature.txt",
    "authorization.txt",
]
TC3_OPTIONAL = ["secret-date.txt", "secret-service.txt", "secret-signing.txt"]
V1_REQUIRED = ["string-to-sign.txt", "signature.txt"]


class CaseError(Exception):
    pass


# ---------------------------------------------------------------------------
# request.http parsing


def parse_http(raw):
    """Split a raw HTTP/1.1 request (CRLF line endings) into its parts.

    Returns (method, path, query, headers, body) where query is the raw bytes after '?'
    decoded as ASCII (None when the request target has no '?'), headers a list of
    (name, value) with value = everything after the first ':' (not yet trimmed), body bytes.
    """
    sep = raw.find(b"\r\n\r\n")
    if sep < 0:
        raise CaseError("request.http: no CRLF CRLF between headers and body")
    head, body = raw[:sep], raw[sep + 4:]
    lines = head.split(b"\r\n")
    for ln in lines:
        if b"\n" in ln or b"\r" in ln:
            raise CaseError("request.http: bare LF or CR in header section (must be CRLF)")
    parts = lines[0].decode("ascii").split(" ")
    if len(parts) != 3 or parts[2] != "HTTP/1.1":
        raise CaseError("request.http: bad request line %r" % lines[0])
    method, target = parts[0], parts[1]
    if "?" in target:
        path, query = target.split("?", 1)
    else:
        path, query = target, None
    headers = []
    for ln in lines[1:]:
        name, colon, value = ln.decode("utf-8").partition(":")
        if not colon or name != name.strip() or not name:
            raise CaseError("request.http: bad header line %r" % ln)
        headers.append((name, value))
    if not headers or headers[0][0].lower() != "host":
        raise CaseError("request.http: Host must be the first header")
    # Content-Length, when present, must be the byte length of the body.
    cl = header_values(headers, "content-length")
    if cl:
        if int(cl[0].strip()) != len(body):
            raise CaseError("Content-Length %s != body length %d" % (cl[0].strip(), len(body)))
    elif method == "POST":
        raise CaseError("POST without Content-Length")
    if method == "GET" and body:
        raise CaseError("GET with a body")
    return method, path, query, headers, body


def header_values(headers, lname):
    return [v for (n, v) in headers if n.lower() == lname]


def trim(s):
    # Leading/trailing whitespace removal for canonical headers (space and tab = HTTP OWS).
    return s.strip(" \t")


def one_header(headers, lname):
    vals = header_values(headers, lname)
    if len(vals) != 1:
        raise CaseError("expected exactly one %s header, found %d" % (lname, len(vals)))
    return vals[0]


# ---------------------------------------------------------------------------
# TC3-HMAC-SHA256


def hmac_sha256(key, msg):
    return hmac.new(key, msg, hashlib.sha256).digest()


def sha256_hex(b):
    return hashlib.sha256(b).hexdigest()


def sign_tc3(req, ctx):
    method, path, query, headers, body = req
    if path != "/":
        raise CaseError("TC3 path must be /")
    signed = ctx["signed_headers"]
    names = signed.split(";")
    if names != sorted(names) or any(n != n.lower() or not n for n in names):
        raise CaseError("signed_headers must be lower-case and ASCII-sorted")
    if "authorization" in names:
        raise CaseError("Authorization must never be signed")
    ts = ctx["timestamp"]
    if not isinstance(ts, int):
        raise CaseError("timestamp must be an integer")
    sent_ts = trim(one_header(headers, "x-tc-timestamp"))
    if sent_ts != str(ts):
        raise CaseError("X-TC-Timestamp header %r != context timestamp %d" % (sent_ts, ts))

    out = {}
    out["hashed-payload.txt"] = sha256_hex(body)
    canonical_headers = "".join(
        "%s:%s\n" % (n, trim(one_header(headers, n)).lower()) for n in names
    )
    canonical_query = query if query is not None else ""
    out["canonical-request.txt"] = "\n".join([
        method, "/", canonical_query, canonical_headers, signed, out["hashed-payload.txt"],
    ])
    out["hashed-canonical-request.txt"] = sha256_hex(out["canonical-request.txt"].encode("utf-8"))
    date = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%d")
    scope = "%s/%s/tc3_request" % (date, ctx["service"])
    out["credential-scope.txt"] = scope
    out["string-to-sign.txt"] = "\n".join(
        ["TC3-HMAC-SHA256", str(ts), scope, out["hashed-canonical-request.txt"]]
    )
    k_date = hmac_sha256(("TC3" + ctx["secret_key"]).encode("utf-8"), date.encode("utf-8"))
    k_service = hmac_sha256(k_date, ctx["service"].encode("utf-8"))
    k_signing = hmac_sha256(k_service, b"tc3_request")
    out["secret-date.txt"] = k_date.hex()
    out["secret-service.txt"] = k_service.hex()
    out["secret-signing.txt"] = k_signing.hex()
    out["signature.txt"] = hmac.new(
        k_signing, out["string-to-sign.txt"].encode("utf-8"), hashlib.sha256
    ).hexdigest()
    out["authorization.txt"] = "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (
        ctx["secret_id"], scope, signed, out["signature.txt"])
    return out


# ---------------------------------------------------------------------------
# v1 HmacSHA1 / HmacSHA256


def form_pairs(s):
    """Decode an application/x-www-form-urlencoded string ('+' is a space, %XX UTF-8)."""
    pairs = []
    if s == "":
        return pairs
    for item in s.split("&"):
        k, _, v = item.partition("=")
        pairs.append((urllib.parse.unquote_plus(k, errors="strict"),
                      urllib.parse.unquote_plus(v, errors="strict")))
    return pairs


def sign_v1(req, ctx):
    method, path, query, headers, body = req
    if method == "GET":
        params = form_pairs(query or "")
    elif method == "POST":
        ct = trim(one_header(headers, "content-type")).lower()
        if ct != "application/x-www-form-urlencoded":
            raise CaseError("v1 POST needs Content-Type application/x-www-form-urlencoded")
        params = form_pairs(body.decode("ascii"))
    else:
        raise CaseError("v1 method must be GET or POST")
    keys = [k for k, _ in params]
    if len(keys) != len(set(keys)):
        raise CaseError("duplicate v1 parameter")
    sent_sig = [v for k, v in params if k == "Signature"]
    params = [(k, v) for k, v in params if k != "Signature"]
    params.sort(key=lambda kv: kv[0].encode("utf-8"))
    host = trim(one_header(headers, "host"))
    sts = method + host + path + "?" + "&".join("%s=%s" % kv for kv in params)
    pm = dict(params)
    if pm.get("SignatureMethod") == "HmacSHA256":
        alg, digest = "HmacSHA256", hashlib.sha256
    else:
        alg, digest = "HmacSHA1", hashlib.sha1
    if ctx["signature_method"] != alg:
        raise CaseError("context signature_method %s but parameters select %s" % (ctx["signature_method"], alg))
    if pm.get("SecretId") != ctx["secret_id"]:
        raise CaseError("SecretId parameter != context secret_id")
    if pm.get("Timestamp") != str(ctx["timestamp"]):
        raise CaseError("Timestamp parameter != context timestamp")
    sig = base64.b64encode(hmac.new(ctx["secret_key"].encode("utf-8"), sts.encode("utf-8"), digest).digest()).decode("ascii")
    return {"string-to-sign.txt": sts, "signature.txt": sig}, sent_sig


# ---------------------------------------------------------------------------
# driver


def load_case(d):
    with open(os.path.join(d, "request.http"), "rb") as f:
        raw = f.read()
    with open(os.path.join(d, "context.json"), "rb") as f:
        ctx = json.loads(f.read().decode("utf-8"))
    return raw, ctx


def compute(d):
    raw, ctx = load_case(d)
    req = parse_http(raw)
    sm = ctx["signature_method"]
    if sm == "TC3-HMAC-SHA256":
        out = sign_tc3(req, ctx)
        auth = header_values(req[3], "authorization")
        sent = [trim(a) for a in auth]
        return ctx, out, TC3_REQUIRED, TC3_OPTIONAL, sent, "authorization.txt"
    if sm in ("HmacSHA1", "HmacSHA256"):
        out, sent = sign_v1(req, ctx)
        return ctx, out, V1_REQUIRED, [], sent, "signature.txt"
    raise CaseError("unknown signature_method %r" % sm)


def check_case(d, verbose):
    errs = []
    ctx, out, required, optional, sent, sent_file = compute(d)
    present = set(f for f in os.listdir(d) if f.endswith(".txt"))
    allowed = set(required) | set(optional)
    for f in sorted(present - allowed):
        errs.append("unexpected file %s" % f)
    for f in required:
        if f not in present:
            errs.append("missing %s" % f)
    checked = 0
    for f in required + optional:
        if f not in present:
            continue
        with open(os.path.join(d, f), "rb") as fh:
            want = fh.read()
        if want.endswith(b"\n") or want.endswith(b"\r"):
            errs.append("%s ends with a newline" % f)
        got = out[f].encode("utf-8")
        if got != want:
            errs.append("%s differs:\n      file:     %r\n      computed: %r" % (f, want, got))
        checked += 1
    if sent != [out[sent_file]]:
        errs.append("value in request.http %r != computed %r" % (sent, out[sent_file]))
    if verbose:
        for k in sorted(out):
            print("    %-30s %s" % (k, out[k].replace("\n", "\\n")))
    return errs, checked


def write_case(d):
    raw, ctx = load_case(d)
    if not ctx.get("source", "").startswith("Derived"):
        raise CaseError("refusing to --write a non-Derived case")
    ctx, out, required, optional, _, _ = compute(d)
    # Put the computed Authorization / Signature into request.http (it is an output, never an input).
    if ctx["signature_method"] == "TC3-HMAC-SHA256":
        sep = raw.index(b"\r\n\r\n")
        lines = raw[:sep].split(b"\r\n")
        for i, ln in enumerate(lines):
            if ln.lower().startswith(b"authorization:"):
                lines[i] = b"Authorization: " + out["authorization.txt"].encode("ascii")
        raw = b"\r\n".join(lines) + raw[sep:]
        with open(os.path.join(d, "request.http"), "wb") as f:
            f.write(raw)
    else:
        raise CaseError("--write supports TC3 cases only")
    for f in required + optional:
        with open(os.path.join(d, f), "wb") as fh:
            fh.write(out[f].encode("utf-8"))


def main(argv):
    verbose = False
    write = False
    names = []
    for a in argv:
        if a == "-v":
            verbose = True
        elif a == "--write":
            write = True
        else:
            names.append(a.rstrip("/").split("/")[-1])
    if write:
        if not names:
            print("--write needs case names")
            return 2
        for n in names:
            write_case(os.path.join(HERE, n))
            print("wrote %s" % n)
    if not names:
        names = sorted(n for n in os.listdir(HERE)
                       if os.path.isfile(os.path.join(HERE, n, "context.json")))
    failed = 0
    for n in names:
        d = os.path.join(HERE, n)
        try:
            errs, checked = check_case(d, verbose)
        except (CaseError, KeyError, ValueError) as e:
            errs, checked = ["%s: %s" % (type(e).__name__, e)], 0
        if errs:
            failed += 1
            print("FAIL %s" % n)
            for e in errs:
                print("    " + e)
        else:
            print("ok   %-45s (%d files)" % (n, checked))
    print("%d cases, %d failed" % (len(names), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
