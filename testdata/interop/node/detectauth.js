// README recipe: the official Node.js SDK (tencentcloud-sdk-nodejs) against
// `tc3sign serve` in proxy mode. The client keeps the real endpoint
// faceid.tencentcloudapi.com, switches the protocol to http:// and sets
// serve's address as its HTTP proxy, so it signs the real host and service.
//
// Run by `make interop`; exits non-zero on any refusal.
//   TC3SIGN_SERVE=127.0.0.1:PORT node detectauth.js
const tencentcloud = require("tencentcloud-sdk-nodejs");

const FaceidClient = tencentcloud.faceid.v20180301.Client;
const addr = process.env.TC3SIGN_SERVE;
if (!addr) {
  console.error("set TC3SIGN_SERVE to the address tc3sign serve prints");
  process.exit(2);
}

async function main() {
  let failed = 0;
  for (const method of ["POST", "GET"]) {
    const client = new FaceidClient({
      credential: {
        secretId: process.env.TENCENTCLOUD_SECRET_ID,
        secretKey: process.env.TENCENTCLOUD_SECRET_KEY,
      },
      region: "ap-guangzhou",
      profile: {
        httpProfile: {
          endpoint: "faceid.tencentcloudapi.com",
          protocol: "http://",
          proxy: "http://" + addr,
          reqMethod: method,
        },
      },
    });
    try {
      const resp = await client.DetectAuth({ RuleId: "1" });
      if (!resp.BizToken || !resp.Url) {
        throw new Error("response without BizToken/Url: " + JSON.stringify(resp));
      }
      console.log(`node proxy ${method} DetectAuth: ok, RequestId ${resp.RequestId}`);
      const info = await client.GetDetectInfoEnhanced({ BizToken: resp.BizToken, RuleId: "1", InfoType: "0" });
      console.log(`node proxy ${method} GetDetectInfoEnhanced: ok, RequestId ${info.RequestId}`);
    } catch (e) {
      failed++;
      console.log(`node proxy ${method}: REFUSED: ${e.code || ""} ${e.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

main();
