package faceid

import "strings"

// FaceID error codes worth branching on. They arrive as
// Response.Error.Code, and the FailedOperation.* ones also as the Result of a successful
// verification response.
const (
	// The BizToken of a DetectAuth flow is past its lifetime (7200 s to run the flow, 3 days to
	// fetch results); start a new flow with DetectAuth.
	CodeBizTokenExpired = "InvalidParameterValue.BizTokenExpired"
	// The BizToken is not one DetectAuth issued (or not for this RuleId).
	CodeBizTokenIllegal = "InvalidParameterValue.BizTokenIllegal"
	// The RuleId does not exist: create it in the FaceID console.
	CodeRuleIdNotExist = "InvalidParameterValue.RuleIdNotExist"
	// The RuleId was disabled in the console.
	CodeRuleIdDisabled = "InvalidParameterValue.RuleIdDisabled"
	// A field listed as encrypted cannot be encrypted, or one that must be is not.
	CodeUnsupportEncryptField = "InvalidParameter.UnsupportEncryptField"

	// The face does not match closely enough (a verdict on the person).
	CodeCompareLowSimilarity = "FailedOperation.CompareLowSimilarity"
	// The name and ID-card number do not belong together.
	CodeIdNameMisMatch = "FailedOperation.IdNameMisMatch"
	// The photo is too large or too small.
	CodeLifePhotoSizeError = "FailedOperation.LifePhotoSizeError"
	// The LIP video is empty or of the wrong size; record about 6 s.
	CodeLipSizeError = "FailedOperation.LipSizeError"
	// The video is shorter than 2 s.
	CodeSilentTooShort = "FailedOperation.SilentTooShort"
	// The video is longer than 20 s.
	CodeVideoDurationExceeded = "FailedOperation.VideoDurationExceeded"

	// The account's call quota is used up: a quota, not a rate limit; do not retry.
	CodeQuotaExceeded = "FailedOperation.RequestLimitExceeded"
	// This name/ID number was verified too often today; retry tomorrow, not automatically.
	CodeIdentityAuthLimitExceeded = "FailedOperation.IdentityAuthLimitExceeded"
	// The account is in arrears.
	CodeArrears = "UnauthorizedOperation.Arrears"
	// The FaceID service is not activated for the account.
	CodeNonactivated = "UnauthorizedOperation.Nonactivated"
)

// RetryClass says whether a FaceID code is worth retrying.
type RetryClass int

const (
	// RetryUnknown: not a FaceID-specific code; use the common TC3 classification
	// (from the code descriptions of tencentcloud-sdk-go faceid/v20180301/errors.go, e.g. RequestLimitExceeded, InternalError).
	RetryUnknown RetryClass = iota
	// RetryNever: retrying gives the same answer (a verdict on the person or the input, a quota,
	// an account or parameter problem).
	RetryNever
	// RetryBackoff: a passing service-side failure; retry with backoff. For the billable
	// verification actions a retry is a new verification and is billed again.
	RetryBackoff
	// RetryLater: a limit that resets (e.g. "attempt limit reached, retry the next day"); a
	// later call can succeed, an automatic retry cannot.
	RetryLater
)

// String returns "unknown", "never", "backoff" or "later".
func (c RetryClass) String() string {
	switch c {
	case RetryNever:
		return "never"
	case RetryBackoff:
		return "backoff"
	case RetryLater:
		return "later"
	}
	return "unknown"
}

// retryBackoffCodes are the FaceID codes whose own text says to try again, or that report an
// engine or download failure (from the code descriptions of tencentcloud-sdk-go faceid/v20180301/errors.go).
var retryBackoffCodes = map[string]bool{
	"FailedOperation.DbError":                      true, // 数据库异常
	"FailedOperation.FileSaveError":                true, // 请稍后重试
	"FailedOperation.IdPhotoSystemNoanswer":        true, // 请稍后再试
	"FailedOperation.DetectEngineSystemError":      true, // 请重试
	"FailedOperation.LipNetFailed":                 true, // 请重试
	"FailedOperation.CompareLibServiceUnavailable": true, // 暂时不可用
	"FailedOperation.CompareSystemError":           true,
	"FailedOperation.LivessSystemError":            true,
	"FailedOperation.DownLoadError":                true, // URL inputs
	"FailedOperation.DownLoadTimeoutError":         true, // URL inputs
	"InternalError.UnKnown":                        true,
}

// retryNeverPrefixes are FaceID code families that never succeed on retry: verdicts on the
// person or their media, parameter, token and account problems (from the code descriptions of tencentcloud-sdk-go faceid/v20180301/errors.go).
var retryNeverPrefixes = []string{
	"FailedOperation.Livess", "FailedOperation.Silent", "FailedOperation.Lip",
	"FailedOperation.Action", "FailedOperation.LifePhoto",
	"InvalidParameter", // InvalidParameter.* and InvalidParameterValue.*
	"UnauthorizedOperation",
}

// retryNeverCodes are single FaceID codes that never succeed on retry.
var retryNeverCodes = map[string]bool{
	"FailedOperation.CompareLowSimilarity":      true,
	"FailedOperation.CompareFail":               true,
	"FailedOperation.IdNameMisMatch":            true,
	"FailedOperation.IdNoExistSystem":           true,
	"FailedOperation.IdPhotoNoExist":            true,
	"FailedOperation.IdPhotoPoorQuality":        true,
	"FailedOperation.IdFormatError":             true,
	"FailedOperation.NameFormatError":           true,
	"FailedOperation.RequestLimitExceeded":      true, // a quota, not a rate
	"FailedOperation.IdentityAuthLimitExceeded": true, // daily limit
	"FailedOperation.DecryptSystemError":        true,
	"FailedOperation.EncryptSystemError":        true,
	"FailedOperation.StsUnAuthErrError":         true,
	"FailedOperation.UnKnown":                   true, // unclassified; a retry may bill twice
	"FailedOperation.ImageDecodeFailed":         true,
	"FailedOperation.VideoDecodeFailed":         true,
	"FailedOperation.VideoDurationExceeded":     true,
	"UnsupportedOperation":                      true,
}

// CodeRetryClass classifies a FaceID error or Result code (from the code descriptions of tencentcloud-sdk-go faceid/v20180301/errors.go).
// "Success" and codes it does not know give RetryUnknown.
func CodeRetryClass(code string) RetryClass {
	if retryBackoffCodes[code] {
		return RetryBackoff
	}
	if retryNeverCodes[code] {
		return RetryNever
	}
	for _, p := range retryNeverPrefixes {
		if strings.HasPrefix(code, p) {
			return RetryNever
		}
	}
	return RetryUnknown
}
