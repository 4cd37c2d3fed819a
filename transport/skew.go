package transport

import (
	"context"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"time"
)

// Clock skew. The gateway refuses a signature whose timestamp is more than
// five minutes from its own clock with AuthFailure.SignatureExpire
// (https://cloud.tencent.com/document/api/1007/31324). Re-signing
// with the same wrong clock fails again, so the client learns the offset
// from the answer: the message states the server's time ("... the server
// time 1706406788."), and the Date header carries it too. The offset is kept
// per Client, every later attempt signs with the corrected clock, and the
// skew is logged once at warning level.

// serverTimeRE finds the Unix time the gateway puts in a SignatureExpire
// message.
var serverTimeRE = regexp.MustCompile(`server time (\d{9,12})\b`)

// serverTime returns the gateway's clock as stated by a SignatureExpire
// answer: the time in its message, else its Date header. ok is false when
// neither says.
func serverTime(message string, h http.Header) (t time.Time, ok bool) {
	if m := serverTimeRE.FindStringSubmatch(message); m != nil {
		if secs, err := strconv.ParseInt(m[1], 10, 64); err == nil {
			return time.Unix(secs, 0), true
		}
	}
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		return d, true
	}
	return time.Time{}, false
}

// minSkewChange: an offset within this of the one in use is not learned.
// The gateway allows five minutes, so a smaller difference did not cause
// the expiry (a slow attempt, or a timestamp rounded the other way), and
// concurrent calls that all learn about the same offset log it once.
const minSkewChange = time.Minute

// learnSkew records server - local as the client's clock offset, where
// local is the client's clock when it signed the attempt, and logs it at
// warning level. The time an attempt takes is within the error the
// gateway's five minutes allow.
func (c *Client) learnSkew(ctx context.Context, server, local time.Time) {
	off := server.Sub(local).Round(time.Second)
	for {
		old := c.live.skew.Load()
		if d := off - time.Duration(old); d > -minSkewChange && d < minSkewChange {
			return
		}
		if c.live.skew.CompareAndSwap(old, int64(off)) {
			break
		}
	}
	if l := c.logger; l != nil && l.Enabled(ctx, slog.LevelWarn) {
		l.LogAttrs(ctx, slog.LevelWarn, "tencentcloud clock skew: signing with the server's time",
			slog.Duration("skew", off),
			slog.Int64("server_time", server.Unix()),
			slog.Int64("local_time", local.Unix()),
			slog.String("fix", "synchronise this machine's clock (NTP)"))
	}
}

// Skew returns the offset the client adds to its clock when it signs,
// learned from the gateway's AuthFailure.SignatureExpire answers: 0 until
// one came.
func (c *Client) Skew() time.Duration { return time.Duration(c.live.skew.Load()) }
