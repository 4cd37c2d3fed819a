package faceid

import (
	"context"
	"fmt"
	"log/slog"
)

// The NFC flow: GetNFCToken gives the front-end NFC SDK its token, the SDK reads the ID
// document's chip on the phone and hands back an id, and GetWxNFCResult (the id as NFCToken)
// or ParseNfcData (the id as ReqId) returns the document's data. A successful read is billed
// once, however often its data is fetched.

// GetNFCTokenRequest asks for a token for the front-end NFC SDK. It has no members.
type GetNFCTokenRequest struct{}

// GetNFCTokenResponse is GetNFCToken's answer.
type GetNFCTokenResponse struct {
	// Token starts the front-end NFC SDK; it may be absent.
	Token     string `json:"Token"`
	RequestId string `json:"RequestId"`
}

// Action returns "GetNFCToken".
func (*GetNFCTokenRequest) Action() string { return "GetNFCToken" }

// MarshalJSON encodes the request ({}); see DetectAuthRequest.MarshalJSON.
func (r GetNFCTokenRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetNFCTokenRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetNFCTokenRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate has nothing to check: the request has no members. A nil request is valid.
func (r *GetNFCTokenRequest) Validate() error { return newValidator(r).err() }

// GetNFCToken gets a token for the front-end NFC SDK. Not billed; each call mints a new token.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the API index: no page of
// its own was found)
func (c *Client) GetNFCToken(ctx context.Context, req *GetNFCTokenRequest) (*GetNFCTokenResponse, error) {
	return call[GetNFCTokenRequest, GetNFCTokenResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// GetWxNFCResult (https://cloud.tencent.com/document/api/1007/132063)

// GetWxNFCResultRequest fetches the data the NFC SDK read
// (https://cloud.tencent.com/document/api/1007/132063).
type GetWxNFCResultRequest struct {
	// NFCToken is the id the front-end NFC SDK returned; valid 10 minutes. Required.
	NFCToken string `json:"NFCToken"`
}

// GetWxNFCResultResponse is GetWxNFCResult's answer. The method returns a
// *VerificationError unless ResultCode is "0".
type GetWxNFCResultResponse struct {
	// ResultCode is "0" (read succeeded, billed once per read) or "-1" (read failed, not
	// billed); GetWxNFCResult's Action.Results.
	ResultCode string `json:"ResultCode"`
	// The document's data; every member may be absent or null (read as "").
	IdNum     string `json:"IdNum"`
	Name      string `json:"Name"`
	Picture   string `json:"Picture"`   // the chip's portrait, base64
	BirthDate string `json:"BirthDate"` // YYYYMMDD
	BeginTime string `json:"BeginTime"` // validity start, YYYYMMDD
	EndTime   string `json:"EndTime"`   // validity end, YYYYMMDD
	Address   string `json:"Address"`
	Nation    string `json:"Nation"`
	Sex       string `json:"Sex"`
	// IdType is the document kind, e.g. "01" resident ID card.
	IdType              string `json:"IdType"`
	EnName              string `json:"EnName"`
	SigningOrganization string `json:"SigningOrganization"`
	OtherIdNum          string `json:"OtherIdNum"`
	Nationality         string `json:"Nationality"`
	PersonalNumber      string `json:"PersonalNumber"`
	// CheckMRTD is a JSON document in a string with the chip's four authenticity verdicts.
	CheckMRTD      string `json:"CheckMRTD"`
	IdCardFrontImg string `json:"IdCardFrontImg"` // the ID card's portrait side, base64
	IdCardBackImg  string `json:"IdCardBackImg"`  // the emblem side, base64
	RequestId      string `json:"RequestId"`
}

// nfcResults are the ResultCode values of the NFC actions
// (https://cloud.tencent.com/document/api/1007/132063, https://cloud.tencent.com/document/api/1007/74804).
func nfcResults(action, pass, fail string) *ResultTable {
	return newResultTable(action,
		ResultCode{Code: "0", Meaning: pass, Pass: true, Billed: Billed},
		ResultCode{Code: "-1", Meaning: fail, Billed: NotBilled, Retry: RetryNever},
	)
}

var getWxNFCResultResults = nfcResults("GetWxNFCResult",
	"the NFC read succeeded (billed once per read, not per fetch)",
	"the NFC read failed")

// Action returns "GetWxNFCResult".
func (*GetWxNFCResultRequest) Action() string { return "GetWxNFCResult" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetWxNFCResultRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetWxNFCResultRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetWxNFCResultRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/132063.
func (r *GetWxNFCResultRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("NFCToken", "is required: the request is nil")
		return v.err()
	}
	v.token("NFCToken", r.NFCToken, "the id the front-end NFC SDK returned")
	return v.err()
}

// Check returns nil only for ResultCode "0"; "-1", an undocumented or an absent ResultCode
// give a *VerificationError.
func (r *GetWxNFCResultResponse) Check() error {
	if r == nil {
		return getWxNFCResultResults.check("", "no response", "")
	}
	return getWxNFCResultResults.check(r.ResultCode, "", r.RequestId)
}

// GetWxNFCResult returns the ID-document data the NFC SDK read. A nil error means the read
// succeeded (ResultCode "0"); "-1" is a *VerificationError returned with the response. The
// read is billed once; fetching its data again is not billed again, so the call is safe to
// retry.
//
// The NFCToken is valid for 10 minutes; after that Tencent refuses it (its error list for this
// action names FailedOperation.InvalidTokenParameter; the stand-in answers that code for an
// expired or unknown token). Region is not needed by this action.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/132063
func (c *Client) GetWxNFCResult(ctx context.Context, req *GetWxNFCResultRequest) (*GetWxNFCResultResponse, error) {
	return call[GetWxNFCResultRequest, GetWxNFCResultResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// ParseNfcData (https://cloud.tencent.com/document/api/1007/74804)

// ParseNfcDataRequest fetches the parsed data of an NFC read
// (https://cloud.tencent.com/document/api/1007/74804).
type ParseNfcDataRequest struct {
	// ReqId is the id the front-end SDK returned; valid 5 minutes. Required.
	ReqId string `json:"ReqId"`
}

// ParseNfcDataResponse is ParseNfcData's answer. The method returns a *VerificationError
// unless ResultCode is "0".
type ParseNfcDataResponse struct {
	// ResultCode is "0" (first query succeeded; billed once per ReqId) or "-1" (query
	// failed); ParseNfcData's Action.Results. ResultDescription says why.
	ResultCode string `json:"ResultCode"`
	// The document's data; every member may be absent or null (read as "").
	IdNum     string `json:"IdNum"`
	Name      string `json:"Name"`
	Picture   string `json:"Picture"`   // the chip's portrait, base64
	BirthDate string `json:"BirthDate"` // YYYYMMDD
	BeginTime string `json:"BeginTime"` // validity start, YYYYMMDD
	EndTime   string `json:"EndTime"`   // validity end, YYYYMMDD
	Address   string `json:"Address"`
	Nation    string `json:"Nation"`
	Sex       string `json:"Sex"`
	// IdType is the document kind, e.g. "01" resident ID card.
	IdType              string `json:"IdType"`
	EnName              string `json:"EnName"`
	SigningOrganization string `json:"SigningOrganization"`
	OtherIdNum          string `json:"OtherIdNum"`
	Nationality         string `json:"Nationality"`
	PersonalNumber      string `json:"PersonalNumber"`
	// CheckMRTD is a JSON document in a string with the chip's four authenticity verdicts.
	CheckMRTD         string `json:"CheckMRTD"`
	ImageA            string `json:"ImageA"` // the portrait side, base64
	ImageB            string `json:"ImageB"` // the emblem side, base64
	ResultDescription string `json:"ResultDescription"`
	RequestId         string `json:"RequestId"`
}

var parseNfcDataResults = nfcResults("ParseNfcData",
	"the query succeeded (billed once per ReqId, however often it is queried)",
	"the query failed (see ResultDescription: e.g. the ReqId expired or does not exist)")

// Action returns "ParseNfcData".
func (*ParseNfcDataRequest) Action() string { return "ParseNfcData" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r ParseNfcDataRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r ParseNfcDataRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r ParseNfcDataRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/74804.
func (r *ParseNfcDataRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("ReqId", "is required: the request is nil")
		return v.err()
	}
	v.token("ReqId", r.ReqId, "the ReqId the front-end SDK returned")
	return v.err()
}

// Check returns nil only for ResultCode "0"; "-1", an undocumented or a null ResultCode give
// a *VerificationError carrying ResultDescription.
func (r *ParseNfcDataResponse) Check() error {
	if r == nil {
		return parseNfcDataResults.check("", "no response", "")
	}
	return parseNfcDataResults.check(r.ResultCode, r.ResultDescription, r.RequestId)
}

// ParseNfcData returns the parsed ID-document data of an NFC read. A nil error means the
// query succeeded (ResultCode "0"). A ReqId is billed once: querying it again within its
// validity is answered again and not billed again, so the call is safe to retry (Tencent
// allows at most 10 queries of one ReqId; the NFC return codes at
// https://cloud.tencent.com/document/product/1007/115320).
//
// The ReqId is valid for 5 minutes; after that the query fails with ResultCode "-1" and a
// ResultDescription saying the ReqId expired or does not exist (return code 66664005 on that
// page). Region is not needed by this action.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/74804
func (c *Client) ParseNfcData(ctx context.Context, req *ParseNfcDataRequest) (*ParseNfcDataResponse, error) {
	return call[ParseNfcDataRequest, ParseNfcDataResponse](ctx, c, req)
}
