import { describe, expect, it } from "vitest";
import { DEFAULT_LOGIN_THROTTLE } from "./limits.js";
import { afterFailure, delayAfterFailures, throttleAddress } from "./login-throttle.js";

describe("login throttle policy", () => {
  const limits = { ...DEFAULT_LOGIN_THROTTLE, freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

  it("waits nothing for the free failures, then doubles from the first delay up to the maximum", () => {
    const waits = Array.from({ length: 12 }, (_, i) => delayAfterFailures(i + 1, 5, limits) / 1000);
    expect(waits).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    expect(delayAfterFailures(10_000, 5, limits)).toBe(15 * 60_000);
  });

  it("counts a failure on the burst, and starts a new burst (and a new audit row) once the old one is forgotten", () => {
    const first = afterFailure(null, new Date(0), 5, limits);
    expect(first).toMatchObject({ failures: 1, refused: 0, blockedUntil: null, newBurst: true });
    let state: ReturnType<typeof afterFailure> = { ...first, refused: 3, auditEventId: "audit-1" };
    for (let i = 1; i < 5; i++) state = { ...state, ...afterFailure(state, new Date(i * 1000), 5, limits) };
    expect(state).toMatchObject({ failures: 5, refused: 3, auditEventId: "audit-1", newBurst: false, blockedUntil: new Date(4000 + 30_000) });
    const later = afterFailure(state, new Date(4000 + 60 * 60_000), 5, limits);
    expect(later).toMatchObject({ failures: 1, refused: 0, auditEventId: null, newBurst: true, firstFailureAt: new Date(4000 + 60 * 60_000) });
  });

  it("counts IPv4 addresses as they are and IPv6 addresses by their /64", () => {
    expect(throttleAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(throttleAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(throttleAddress("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("2001:db8:1:2::99")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("2001:0db8::1")).toBe("2001:db8:0:0::/64");
    expect(throttleAddress("::1")).toBe("0:0:0:0::/64");
  });
});
