package tc3

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
	"sync"
	"sync/atomic"
)

// derivedKeys are the three raw 32-byte keys of step 3 of signature v3
// (SecretDate, SecretService, SecretSigning).
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

// signature returns HMAC-SHA256(SecretSigning, stringToSign), with the
// signing key from the cache when the Signer has one.
func (s *Signer) signature(secretKey string, timestamp int64, date []byte, service string, stringToSign []byte) [sha256.Size]byte {
	if s == nil || s.cache == nil {
		keys := deriveKeys(secretKey, date, service)
		return hmacSHA256(keys.signing[:], stringToSign)
	}
	return s.cache.get(secretKey, timestamp, date, service).sign(stringToSign)
}

// cacheEntry is one derived key with reusable HMAC states: crypto/hmac's
// Reset restores the state after the key's inner pad, so a cached signature
// costs two SHA-256 blocks fewer than a fresh HMAC, and no allocation.
type cacheEntry struct {
	keys derivedKeys
	macs sync.Pool // of *macState
}

type macState struct {
	h   hash.Hash
	msg []byte // a copy of the message, so the caller's stack buffer does not escape
	sum [sha256.Size]byte
}

func newCacheEntry(keys derivedKeys) *cacheEntry {
	e := &cacheEntry{keys: keys}
	e.macs.New = func() any { return &macState{h: hmac.New(sha256.New, e.keys.signing[:]), msg: make([]byte, 0, 256)} }
	return e
}

// sign returns HMAC-SHA256(SecretSigning, msg).
func (e *cacheEntry) sign(msg []byte) [sha256.Size]byte {
	m := e.macs.Get().(*macState)
	m.msg = append(m.msg[:0], msg...)
	m.h.Reset()
	m.h.Write(m.msg)
	m.h.Sum(m.sum[:0])
	sum := m.sum
	e.macs.Put(m)
	return sum
}

// keyCache maps (SHA-256 of the SecretKey, UTC day, service) to derived
// keys. The key is hashed so that no secret sits in a map key; the cache is
// bounded, and evicts an arbitrary entry when full (entries of past days are
// the likely ones, as each day brings a new key).
//
// In front of the map sits the entry used last, found without hashing: a
// busy client signs with one key for a whole day.
type keyCache struct {
	last atomic.Pointer[lastUsed]
	mu   sync.RWMutex
	max  int
	m    map[cacheKey]*cacheEntry
}

type cacheKey struct {
	secret  [sha256.Size]byte
	day     int64
	service string
}

// lastUsed refers to the caller's SecretKey string (no copy is made), so
// that the common case is one string comparison, usually of one pointer.
type lastUsed struct {
	secretKey string
	day       int64
	service   string
	entry     *cacheEntry
}

func newKeyCache(max int) *keyCache {
	return &keyCache{max: max, m: make(map[cacheKey]*cacheEntry, min(max, 64))}
}

func (c *keyCache) get(secretKey string, timestamp int64, date []byte, service string) *cacheEntry {
	day := timestamp / 86400
	if l := c.last.Load(); l != nil && l.day == day && l.service == service && l.secretKey == secretKey {
		return l.entry
	}
	var skBuf [128]byte
	k := cacheKey{
		secret:  sha256.Sum256(append(skBuf[:0], secretKey...)),
		day:     day,
		service: service,
	}
	c.mu.RLock()
	e, ok := c.m[k]
	c.mu.RUnlock()
	if !ok {
		e = newCacheEntry(deriveKeys(secretKey, date, service))
		c.mu.Lock()
		if len(c.m) >= c.max {
			for old := range c.m {
				delete(c.m, old)
				break
			}
		}
		c.m[k] = e
		c.mu.Unlock()
	}
	c.last.Store(&lastUsed{secretKey: secretKey, day: day, service: service, entry: e})
	return e
}
