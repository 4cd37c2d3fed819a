package tc3

import (
	"fmt"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Credentials are the API key pair, plus the session token of temporary
// (STS) credentials. Formatting a Credentials value with the fmt package
// prints the SecretId and redacts the key and token.
type Credentials struct {
	SecretID  string
	SecretKey string
	Token     string // optional; sent as X-TC-Token (TC3) or the Token parameter (v1)
}

// Validate reports the first problem that would make Tencent reject the
// credentials, naming the field and the fix. It never echoes the key.
func (c Credentials) Validate() error {
	if c.SecretID == "" {
		return fmt.Errorf("tc3: empty SecretId: set it to the SecretId of an API key (CAM console, API keys)")
	}
	if c.SecretKey == "" {
		return fmt.Errorf("tc3: empty SecretKey: set it to the SecretKey paired with SecretId %s", c.SecretID)
	}
	if err := checkPrintable("SecretId", c.SecretID); err != nil {
		return err
	}
	if err := checkPrintable("SecretKey", c.SecretKey); err != nil {
		return err
	}
	if c.Token != "" {
		if err := checkPrintable("Token", c.Token); err != nil {
			return err
		}
	}
	return nil
}

// checkPrintable rejects whitespace and control characters, the classic
// copy-paste damage to keys (AuthFailure.SecretIdNotFound in the common
// error codes, https://cloud.tencent.com/document/product/1778/111040: "注意前后不得有空格"). It reports the position, never the character's neighbours.
func checkPrintable(field, s string) error {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f {
			ascii = false
			break
		}
	}
	if ascii {
		return nil // the common case: visible ASCII only
	}
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			return fmt.Errorf("tc3: %s is not valid UTF-8 at byte %d: re-copy it from the console", field, i)
		case unicode.IsSpace(r):
			return fmt.Errorf("tc3: %s contains whitespace (%s) at byte %d of %d, likely a copy-paste error: remove it", field, runeName(r), i, len(s))
		case !unicode.IsPrint(r):
			return fmt.Errorf("tc3: %s contains a non-printable character (%U) at byte %d of %d, likely a copy-paste error: remove it", field, r, i, len(s))
		}
	}
	return nil
}

func runeName(r rune) string {
	switch r {
	case ' ':
		return "a space"
	case '\t':
		return "a tab"
	case '\n':
		return "a line feed"
	case '\r':
		return "a carriage return"
	}
	return fmt.Sprintf("%U", r)
}

// String prints the SecretId and the redacted key and token.
func (c Credentials) String() string {
	s := "tc3.Credentials{SecretID: " + strconv.Quote(c.SecretID) + ", SecretKey: " + Redact(c.SecretKey)
	if c.Token != "" {
		s += ", Token: " + Redact(c.Token)
	}
	return s + "}"
}

// GoString is String, so %#v redacts too.
func (c Credentials) GoString() string { return c.String() }

// Format makes every fmt verb (%v, %+v, %#v, %s, %d, ...) print the redacted form.
func (c Credentials) Format(f fmt.State, _ rune) { io.WriteString(f, c.String()) }

// Redact describes a secret without revealing any of it: "[redacted, 32 bytes]".
func Redact(secret string) string {
	if secret == "" {
		return `""`
	}
	return "[redacted, " + strconv.Itoa(len(secret)) + " bytes]"
}

// Mask shows the last four characters of a secret and stars for the rest,
// for debugging output the user asked for (for example tc3sign). Secrets
// shorter than 12 bytes are masked completely.
func Mask(secret string) string {
	const shown = 4
	if len(secret) < 12 {
		return stars(len(secret))
	}
	return stars(len(secret)-shown) + secret[len(secret)-shown:]
}

func stars(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '*'
	}
	return string(b)
}
