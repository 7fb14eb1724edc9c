import { describe, expect, it } from "vitest";
import { apiLimitsFromEnv, DEFAULT_API_LIMITS, formatBytes } from "./limits.js";

describe("API limits from the environment", () => {
  it("uses the safe defaults when nothing is set", () => {
    expect(apiLimitsFromEnv({})).toEqual(DEFAULT_API_LIMITS);
    expect(formatBytes(DEFAULT_API_LIMITS.maxBodyBytes)).toBe("10 MiB");
  });

  it("reads each variable, and trusted origins as browsers send them", () => {
    const limits = apiLimitsFromEnv({
      SWITCHBOARD_MAX_BODY_BYTES: "2097152",
      SWITCHBOARD_MAX_JSON_DEPTH: "32",
      SWITCHBOARD_MAX_TEXT_LENGTH: "5000",
      SWITCHBOARD_TRUSTED_ORIGINS: "https://designer.example.com/, http://10.0.0.5:8080",
      SWITCHBOARD_LOGIN_FREE_FAILURES: "3",
      SWITCHBOARD_LOGIN_MAX_DELAY_SECONDS: "60",
    });
    expect(limits).toMatchObject({ maxBodyBytes: 2 * 1024 * 1024, maxJsonDepth: 32, maxTextLength: 5000, trustedOrigins: ["https://designer.example.com", "http://10.0.0.5:8080"] });
    expect(limits.loginThrottle).toMatchObject({ freeFailures: 3, maxDelayMs: 60_000 });
  });

  it("refuses a malformed value, naming the variable", () => {
    expect(() => apiLimitsFromEnv({ SWITCHBOARD_MAX_BODY_BYTES: "10MB" })).toThrow('SWITCHBOARD_MAX_BODY_BYTES must be a whole number greater than 0, got "10MB"');
    expect(() => apiLimitsFromEnv({ SWITCHBOARD_MAX_JSON_DEPTH: "0" })).toThrow("SWITCHBOARD_MAX_JSON_DEPTH must be a whole number greater than 0");
    expect(() => apiLimitsFromEnv({ SWITCHBOARD_TRUSTED_ORIGINS: "designer.example.com" })).toThrow(
      'SWITCHBOARD_TRUSTED_ORIGINS: "designer.example.com" is not an origin such as https://designer.example.com',
    );
  });
});
