package tc3

import (
	"crypto/sha256"
	"sync"
)

// derivedKeys are the three raw 32-byte keys of tc3-signing.md 2.3.
type derivedKeys struct {
	date, service, signing [sha256.Size]byte
}

// deriveKeys runs the HMAC chain: "TC3"+SecretKey -> date -> service -> "tc3_request".
func deriveKeys(secretKey string, date []byte, service string) derivedKeys {
	var k derivedKeys
	var keyBuf [128]byte
	key := append(append(keyBuf[:0], "TC3"...), secretKey...)
	k.date = hmacSHA256(key, date)
	var svcBuf [64]byte
	k.service = hmacSHA256(k.date[:], append(svcBuf[:0], service...))
	k.signing = hmacSHA256(k.service[:], []byte(terminator))
	return k
}

// hmacSHA256 is HMAC-SHA256 (RFC 2104) built on sha256.Sum256 over stack
// buffers, so a signature allocates nothing. crypto/hmac allocates two
// digests per call, which is most of the cost of signing a small body.
func hmacSHA256(key, msg []byte) [sha256.Size]byte {
	const block = 64
	if len(key) > block {
		sum := sha256.Sum256(key)
		key = sum[:]
	}
	var inner [block + 256]byte
	buf := inner[:block]
	if len(msg) > len(inner)-block {
		buf = make([]byte, block, block+len(msg))
	}
	clear(buf[:block])
	copy(buf, key)
	for i := range block {
		buf[i] ^= 0x36
	}
	innerSum := sha256.Sum256(append(buf, msg...))

	var outer [block + sha256.Size]byte
	copy(outer[:], key)
	for i := range block {
		outer[i] ^= 0x5c
	}
	copy(outer[block:], innerSum[:])
	return sha256.Sum256(outer[:])
}

// signingKey returns the derived keys for (secretKey, date, service), from
// the cache when the Signer has one.
func (s *Signer) signingKey(secretKey string, timestamp int64, date []byte, service string) derivedKeys {
	if s == nil || s.cache == nil {
		return deriveKeys(secretKey, date, service)
	}
	return s.cache.get(secretKey, timestamp, date, service)
}

// keyCache maps (SHA-256 of the SecretKey, UTC day, service) to derived
// keys. The key is hashed so that no secret sits in a map key; the cache is
// bounded, and evicts an arbitrary entry when full (entries of past days are
// the likely ones, as each day brings a new key).
type keyCache struct {
	mu  sync.RWMutex
	max int
	m   map[cacheKey]derivedKeys
}

type cacheKey struct {
	secret  [sha256.Size]byte
	day     int64
	service string
}

func newKeyCache(max int) *keyCache {
	return &keyCache{max: max, m: make(map[cacheKey]derivedKeys, min(max, 64))}
}

func (c *keyCache) get(secretKey string, timestamp int64, date []byte, service string) derivedKeys {
	var skBuf [128]byte
	k := cacheKey{
		secret:  sha256.Sum256(append(skBuf[:0], secretKey...)),
		day:     timestamp / 86400,
		service: service,
	}
	c.mu.RLock()
	keys, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return keys
	}
	keys = deriveKeys(secretKey, date, service)
	c.mu.Lock()
	if len(c.m) >= c.max {
		for old := range c.m {
			delete(c.m, old)
			break
		}
	}
	c.m[k] = keys
	c.mu.Unlock()
	return keys
}
