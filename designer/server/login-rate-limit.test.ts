import { describe, expect, it } from "vitest";
import { LoginRateLimiter } from "./login-rate-limit.js";

describe("LoginRateLimiter", () => {
  const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000 };

  it("blocks an account after its limit of failures until the oldest one leaves the window", () => {
    const limiter = new LoginRateLimiter(limits);
    for (const at of [0, 10_000, 20_000]) limiter.recordFailure("Ann@example.com", "10.0.0.1", at);
    expect(limiter.retryAfterMs("ann@example.com", "10.0.0.2", 30_000)).toBe(30_000);
    expect(limiter.retryAfterMs("ann@example.com", "10.0.0.2", 60_000)).toBe(0);
    expect(limiter.retryAfterMs("bob@example.com", "10.0.0.2", 30_000)).toBe(0);
  });

  it("blocks an address trying many accounts", () => {
    const limiter = new LoginRateLimiter(limits);
    for (let i = 0; i < 5; i++) limiter.recordFailure(`user${i}@example.com`, "10.0.0.9", i);
    expect(limiter.retryAfterMs("fresh@example.com", "10.0.0.9", 10)).toBeGreaterThan(0);
    expect(limiter.retryAfterMs("fresh@example.com", "10.0.0.8", 10)).toBe(0);
  });

  it("forgets an account's failures after a successful sign-in", () => {
    const limiter = new LoginRateLimiter(limits);
    for (let i = 0; i < 3; i++) limiter.recordFailure("ann@example.com", "10.0.0.1", i);
    limiter.recordSuccess("ann@example.com");
    expect(limiter.retryAfterMs("ann@example.com", "10.0.0.3", 10)).toBe(0);
  });
});
