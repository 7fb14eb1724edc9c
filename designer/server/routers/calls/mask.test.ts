import { describe, expect, it } from "vitest";
import { maskCallerNumber, standInNumber } from "./mask.js";

describe("caller numbers below admin", () => {
  it("keeps the country code, the start and the last three digits of an international number", () => {
    expect(maskCallerNumber("+447700900999")).toBe("+44 7700 •••999");
    expect(maskCallerNumber("+14155550123")).toBe("+1 4155 •••123");
    expect(maskCallerNumber("+8613800138000")).toBe("+86 1380 •••000");
    expect(maskCallerNumber("+353861234567")).toBe("+353 861 •••567");
  });

  it("hides at least three digits of short international numbers", () => {
    expect(maskCallerNumber("+4930111")).toBe("+49 •••111");
    expect(maskCallerNumber("+44123456")).toBe("+44 •••456");
  });

  it("never shows more than the last digits of national and short numbers", () => {
    expect(maskCallerNumber("02071234567")).toBe("•••567");
    expect(maskCallerNumber("1000")).toBe("•••0");
    expect(maskCallerNumber("12")).toBe("•••");
  });

  it("hides addresses whole and leaves names that are nobody's number", () => {
    expect(maskCallerNumber("sip:alice@example.com")).toBe("•••");
    expect(maskCallerNumber("anonymous")).toBe("anonymous");
    expect(maskCallerNumber("")).toBe("");
  });

  it("never contains the hidden digits", () => {
    for (const number of ["+447700900999", "+14155550123", "+442071234567", "4005551234"]) {
      const masked = maskCallerNumber(number).replace(/\D/g, "");
      expect(number.replace(/\D/g, "")).not.toBe(masked);
      expect(masked.length).toBeLessThanOrEqual(number.replace(/\D/g, "").length - 3);
    }
  });

  it("gives a stand-in with the hidden digits as zeros, for scenarios made by masked viewers", () => {
    expect(standInNumber("+447700900999")).toBe("+447700000999");
    expect(standInNumber("+4930111")).toBe("+4900111");
    expect(standInNumber("02071234567")).toBe("00000000567");
    expect(standInNumber("sip:alice@example.com")).toBe("anonymous");
  });
});
