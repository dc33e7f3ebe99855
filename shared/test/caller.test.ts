import { callerHeaders, CALLER_HEADER, CALLER_SIGNATURE_HEADER, readCaller } from "../src";

const SECRET = "a-secret-only-the-hub-knows-123456";
const caller = { agency: "ITU", subject: "statistician@itu.int", scopes: ["indicators:publish"] };

describe("the caller forwarded by the gateway", () => {
  it("round-trips when signed with the shared secret", () => {
    expect(readCaller(callerHeaders(caller, SECRET), SECRET)).toEqual({ caller, tampered: false });
  });

  it("is anonymous, not tampered, when absent", () => {
    expect(readCaller({}, SECRET)).toEqual({ caller: null, tampered: false });
  });

  it("is refused when signed with another secret", () => {
    expect(readCaller(callerHeaders(caller, "another-secret-of-sufficient-length"), SECRET)).toEqual({ caller: null, tampered: true });
  });

  it("is refused when the payload was changed", () => {
    const headers = callerHeaders(caller, SECRET);
    const forged = Buffer.from(JSON.stringify({ ...caller, scopes: ["admin"] })).toString("base64url");
    expect(readCaller({ ...headers, [CALLER_HEADER]: forged }, SECRET)).toEqual({ caller: null, tampered: true });
  });

  it("is refused without its signature", () => {
    const headers = callerHeaders(caller, SECRET);
    expect(readCaller({ [CALLER_HEADER]: headers[CALLER_HEADER] }, SECRET).tampered).toBe(true);
    expect(readCaller({ [CALLER_SIGNATURE_HEADER]: headers[CALLER_SIGNATURE_HEADER] }, SECRET).tampered).toBe(true);
  });
});
