package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// The output formats of sign: text, json, curl and http.

// requestURI is the request target: path plus "?query".
func (s *signed) requestURI() string {
	if s.query == "" {
		return s.path
	}
	return s.path + "?" + s.query
}

func (s *signed) url() string { return "https://" + s.host + s.requestURI() }

// rawHTTP is the raw HTTP/1.1 request, CRLF line endings, body verbatim.
func (s *signed) rawHTTP() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", s.method, s.requestURI())
	for _, h := range s.headers {
		fmt.Fprintf(&b, "%s: %s\r\n", h.Name, h.Value)
	}
	b.WriteString("\r\n")
	b.Write(s.body)
	return b.Bytes()
}

// printedHTTP is rawHTTP with the token masked unless --show-token.
func (s *signed) printedHTTP() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", s.method, s.mask(s.requestURI()))
	for _, h := range s.headers {
		fmt.Fprintf(&b, "%s: %s\r\n", h.Name, s.mask(h.Value))
	}
	b.WriteString("\r\n")
	if s.v1 && s.cred.Token != "" && !s.showToken {
		b.WriteString(s.mask(string(s.body)))
	} else {
		b.Write(s.body)
	}
	return b.Bytes()
}

// signJSON is the --format json document.
type signJSON struct {
	SignatureMethod        string            `json:"signature_method"`
	Method                 string            `json:"method"`
	URL                    string            `json:"url"`
	SecretID               string            `json:"secret_id"`
	SecretKeyMasked        string            `json:"secret_key_masked"`
	Timestamp              int64             `json:"timestamp"`
	Service                string            `json:"service,omitempty"`
	HashedPayload          string            `json:"hashed_payload,omitempty"`
	CanonicalRequest       string            `json:"canonical_request,omitempty"`
	HashedCanonicalRequest string            `json:"hashed_canonical_request,omitempty"`
	CredentialScope        string            `json:"credential_scope,omitempty"`
	StringToSign           string            `json:"string_to_sign"`
	SignedHeaders          string            `json:"signed_headers,omitempty"`
	SecretDate             string            `json:"secret_date,omitempty"`
	SecretService          string            `json:"secret_service,omitempty"`
	SecretSigning          string            `json:"secret_signing,omitempty"`
	Signature              string            `json:"signature"`
	Authorization          string            `json:"authorization,omitempty"`
	Query                  string            `json:"query,omitempty"`
	Body                   *string           `json:"body,omitempty"`
	Headers                map[string]string `json:"headers"`
	Warnings               []string          `json:"warnings"`
}

func writeSigned(w io.Writer, s *signed, format string) error {
	switch format {
	case "json":
		return writeSignedJSON(w, s)
	case "curl":
		_, err := io.WriteString(w, curlCommand(s))
		return err
	case "http":
		_, err := w.Write(s.printedHTTP())
		return err
	}
	return writeSignedText(w, s)
}

func writeSignedJSON(w io.Writer, s *signed) error {
	j := signJSON{
		SignatureMethod: s.sigMethod,
		Method:          s.method,
		URL:             s.mask(s.url()),
		SecretID:        s.cred.SecretID,
		SecretKeyMasked: tc3.Redact(s.cred.SecretKey),
		Timestamp:       s.timestamp,
		Query:           s.query,
		Headers:         map[string]string{},
		Warnings:        append([]string{}, s.warnings...),
	}
	for _, h := range s.headers {
		j.Headers[h.Name] = s.mask(h.Value)
	}
	j.Query = s.mask(j.Query)
	if s.v1 {
		j.StringToSign = s.mask(s.v1res.StringToSign)
		j.Signature = s.v1res.Signature
		if s.method == "POST" {
			body := s.mask(string(s.body))
			j.Body = &body
			j.Query = ""
		}
	} else {
		r := s.res
		j.Service = s.service
		j.HashedPayload = r.PayloadHash
		j.CanonicalRequest = s.mask(r.CanonicalRequest)
		j.HashedCanonicalRequest = r.HashedCanonicalRequest
		j.CredentialScope = r.CredentialScope
		j.StringToSign = r.StringToSign
		j.SignedHeaders = r.SignedHeaders
		if s.showKeys {
			j.SecretDate, j.SecretService, j.SecretSigning = r.SecretDate, r.SecretService, r.SecretSigning
		}
		j.Signature = r.Signature
		j.Authorization = r.Authorization
	}
	return writeJSON(w, j)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// block prints a multi-line value between marker lines, so that it can be
// copied exactly (no indentation, no added trailing newline inside).
func block(w io.Writer, title, value string) {
	fmt.Fprintf(w, "----- %s -----\n%s\n----- end of %s -----\n", title, value, title)
}

func writeSignedText(w io.Writer, s *signed) error {
	fmt.Fprintf(w, "%s signature of %s %s\n\n", s.sigMethod, s.method, s.mask(s.url()))
	fmt.Fprintf(w, "SecretId:   %s\n", s.cred.SecretID)
	fmt.Fprintf(w, "SecretKey:  %s\n", tc3.Redact(s.cred.SecretKey))
	if s.cred.Token != "" {
		fmt.Fprintf(w, "Token:      %s (masked, %d bytes)\n", tc3.Mask(s.cred.Token), len(s.cred.Token))
	}
	fmt.Fprintf(w, "Timestamp:  %d (%s)\n", s.timestamp, time.Unix(s.timestamp, 0).UTC().Format(time.RFC3339))
	if s.v1 {
		fmt.Fprintf(w, "\nStep 1: string to sign (METHOD + host + path + \"?\" + sorted raw parameters)\n")
		block(w, "string to sign", s.mask(s.v1res.StringToSign))
		fmt.Fprintf(w, "\nStep 2: signature = Base64(%s(SecretKey, string to sign))\n", "HMAC-"+strings.TrimPrefix(s.sigMethod, "Hmac"))
		fmt.Fprintf(w, "Signature:  %s\n", s.v1res.Signature)
		if s.method == "GET" {
			fmt.Fprintf(w, "\nQuery to send (values RFC 3986-encoded, Signature included):\n%s\n", s.mask(s.query))
		} else {
			fmt.Fprintf(w, "\nForm body to send (values RFC 3986-encoded, Signature included):\n%s\n", s.mask(string(s.body)))
		}
	} else {
		r := s.res
		fmt.Fprintf(w, "Service:    %s\n", s.service)
		fmt.Fprintf(w, "Payload:    %d bytes, SHA-256 %s\n", len(s.body), r.PayloadHash)
		fmt.Fprintf(w, "\nStep 1: canonical request (LF line endings, no trailing newline)\n")
		block(w, "canonical request", s.mask(r.CanonicalRequest))
		fmt.Fprintf(w, "HashedCanonicalRequest: %s\n", r.HashedCanonicalRequest)
		fmt.Fprintf(w, "\nStep 2: string to sign (date is the UTC date of the timestamp)\n")
		fmt.Fprintf(w, "CredentialScope: %s\n", r.CredentialScope)
		block(w, "string to sign", r.StringToSign)
		if s.showKeys {
			fmt.Fprintf(w, "\nStep 3: derived keys (raw 32-byte HMAC-SHA256 outputs, shown in hex) and signature\n")
			fmt.Fprintf(w, "SecretDate    = HMAC(\"TC3\"+SecretKey, %q)  %s\n", r.Date, r.SecretDate)
			fmt.Fprintf(w, "SecretService = HMAC(SecretDate, %q)  %s\n", s.service, r.SecretService)
			fmt.Fprintf(w, "SecretSigning = HMAC(SecretService, \"tc3_request\")  %s\n", r.SecretSigning)
		} else {
			fmt.Fprintf(w, "\nStep 3: derived keys and signature (the keys are hidden: each signs any request of the UTC day %s; --show-derived-keys prints them)\n", r.Date)
			fmt.Fprintf(w, "SecretDate    = HMAC(\"TC3\"+SecretKey, %q)\n", r.Date)
			fmt.Fprintf(w, "SecretService = HMAC(SecretDate, %q)\n", s.service)
			fmt.Fprintf(w, "SecretSigning = HMAC(SecretService, \"tc3_request\")\n")
		}
		fmt.Fprintf(w, "Signature     = hex(HMAC(SecretSigning, StringToSign))  %s\n", r.Signature)
		fmt.Fprintf(w, "\nStep 4: Authorization\n%s\n", r.Authorization)
	}
	fmt.Fprintf(w, "\nHeaders to send:\n")
	for _, h := range s.headers {
		fmt.Fprintf(w, "%s: %s\n", h.Name, s.mask(h.Value))
	}
	for _, warn := range s.warnings {
		fmt.Fprintf(w, "\nWarning: %s\n", warn)
	}
	return nil
}

// inlineLimit is the largest payload curl output inlines when it was read
// from stdin (a --payload FILE is always referenced, never inlined).
const inlineLimit = 4096

func curlCommand(s *signed) string {
	var b strings.Builder
	b.WriteString("curl -sS")
	fmt.Fprintf(&b, " %s", shellQuote(s.mask(s.url())))
	for _, h := range s.headers {
		switch h.Name {
		case "Host", "Content-Length":
			continue // curl derives both; the values are the same
		}
		fmt.Fprintf(&b, " \\\n  -H %s", shellQuote(h.Name+": "+s.mask(h.Value)))
	}
	if s.method == "POST" {
		switch {
		case s.bodyFile != "":
			fmt.Fprintf(&b, " \\\n  --data-binary %s", shellQuote("@"+s.bodyFile))
		case len(s.body) <= inlineLimit && !bytes.ContainsRune(s.body, 0):
			fmt.Fprintf(&b, " \\\n  --data-binary %s", shellQuote(s.mask(string(s.body))))
		default:
			b.WriteString(" \\\n  --data-binary @-")
			b.WriteString("\n# the payload (read from stdin when signing) is large: pipe the same bytes into this command")
		}
	}
	b.WriteString("\n")
	return b.String()
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
