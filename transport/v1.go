package transport

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// prepareV1 flattens the JSON body into v1 parameters once per call
// (https://cloud.tencent.com/document/api/1007/31325) and adds the common parameters that do not change
// between attempts. Timestamp and Nonce are added per attempt.
func (st *callState) prepareV1(body []byte) error {
	flat, err := tc3.FlattenJSON(body)
	if err != nil {
		return fmt.Errorf("transport: %s: flattening the body into v1 parameters: %w", st.action, err)
	}
	for _, k := range tc3.V1CommonParams {
		if _, ok := flat[k]; ok {
			return fmt.Errorf("transport: %s: body field %q clashes with the v1 common parameter of that name: rename it or use TC3-HMAC-SHA256", st.action, k)
		}
	}
	flat["Action"] = st.action
	flat["Version"] = st.version
	// Empty values are left out: the SDK skips them when it signs
	// (https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/common/sign.go), so sending them invites a mismatch.
	if st.region != "" {
		flat["Region"] = st.region
	}
	if st.c.language != "" {
		flat["Language"] = st.c.language
	}
	st.v1params = flat
	return nil
}

// signV1 signs the parameters with a fresh Timestamp and Nonce
// (https://cloud.tencent.com/document/api/1007/31325).
func (st *callState) signV1(creds tc3.Credentials, ts int64) (*tc3.V1Result, error) {
	c := st.c
	// st.v1params is only touched by this call's attempts, one at a time,
	// and SignV1 copies it.
	st.v1params["Timestamp"] = strconv.FormatInt(ts, 10)
	st.v1params["Nonce"] = strconv.FormatInt(c.rnd.nonce(), 10)
	res, err := tc3.SignV1(&tc3.V1Input{
		Credentials:     creds,
		SignatureMethod: c.sigMethod,
		Method:          c.method,
		Host:            c.host,
		Path:            "/",
		Params:          st.v1params,
	})
	if err != nil {
		return nil, fmt.Errorf("transport: %s: signing: %w", st.action, err)
	}
	return res, nil
}

// buildV1 builds the GET URL or the x-www-form-urlencoded POST body of a
// freshly signed v1 request (https://cloud.tencent.com/document/api/1007/31325) and checks its size
// before sending. The size can differ by a few bytes between attempts: the
// Base64 signature's '+', '/' and '=' take three bytes each once encoded.
func (st *callState) buildV1(ctx context.Context, creds tc3.Credentials, ts int64) (*http.Request, error) {
	c := st.c
	res, err := st.signV1(creds, ts)
	if err != nil {
		return nil, err
	}
	if c.method == http.MethodGet {
		if n := tc3.GETURLBytes(c.host, "/?"+res.Encoded); n > MaxGETURLBytes {
			return nil, &SizeError{Action: st.action, Size: int64(n), Limit: MaxGETURLBytes, Method: http.MethodGet, SignatureMethod: c.sigMethod}
		}
		// No Content-Type and no body for a v1 GET (5.3).
		out, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"?"+res.Encoded, nil)
		if err != nil {
			return nil, fmt.Errorf("transport: %s: building the request failed", st.action) // the URL holds the signature: never echo it
		}
		st.noReplay(out)
		return out, nil
	}
	if n := len(res.Encoded); n > MaxV1BodyBytes {
		return nil, &SizeError{Action: st.action, Size: int64(n), Limit: MaxV1BodyBytes, Method: http.MethodPost, SignatureMethod: c.sigMethod}
	}
	out, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL, strings.NewReader(res.Encoded))
	if err != nil {
		return nil, fmt.Errorf("transport: %s: %w", st.action, err)
	}
	out.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	st.noReplay(out)
	return out, nil
}
