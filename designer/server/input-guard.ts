import type { InputIssue } from "./errors.js";

/** What `inputProblems` enforces (the request-wide part of limits.ts). */
export interface InputShapeLimits {
  readonly maxJsonDepth: number;
  readonly maxTextLength: number;
}

/** At most this many problems are listed; the rest would only repeat them. */
const MAX_ISSUES = 10;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
  depth: number;
}

/** `documents[0].nodes[2].data.prompt` for a visit, walking up its parents (no recursion). */
function pathOf(visit: Visit): string {
  const parts: (string | number)[] = [];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) parts.push(at.key);
  let out = "";
  for (const part of parts.reverse()) {
    const shown = typeof part === "number" ? part : displayKey(part);
    out += typeof shown === "number" ? `[${shown}]` : out === "" ? shown : `.${shown}`;
  }
  return out === "" ? "(input)" : out;
}

/** A field name as a path shows it: unprintable parts replaced, long names cut. */
function displayKey(key: string): string {
  const clean = key.replace(/\u0000/g, "\uFFFD").replace(new RegExp(LONE_SURROGATE.source, "g"), "\uFFFD");
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/** Why a text cannot be accepted, or null: too long, a NUL character, or half of a UTF-16 surrogate pair. */
export function textProblem(text: string, maxTextLength: number): string | null {
  if (text.length > maxTextLength) return `text is ${text.length.toLocaleString("en")} characters long; the most allowed is ${maxTextLength.toLocaleString("en")}`;
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return `contains a NUL character (U+0000) at position ${nul + 1}, which cannot be stored; remove it`;
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains half of a character (unpaired surrogate U+${code}) at position ${surrogate.index + 1}, which is not valid Unicode; retype or remove it`;
  }
  return null;
}

/**
 * Problems with a request's parsed input before any procedure sees it: nesting deeper than `maxJsonDepth`, and texts
 * (values and object keys) that are too long, hold a NUL or an unpaired surrogate. Everything else of Unicode
 * (Chinese, emoji, right-to-left scripts) is fine. Iterative, so a depth-100,000 input cannot overflow the stack;
 * it stops descending at the limit. Each problem names where it is.
 */
export function inputProblems(input: unknown, limits: InputShapeLimits): InputIssue[] {
  const issues: InputIssue[] = [];
  const stack: Visit[] = [{ value: input, key: null, parent: null, depth: 0 }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (typeof value === "string") {
      const problem = textProblem(value, limits.maxTextLength);
      if (problem) issues.push({ path: pathOf(visit), message: problem });
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (visit.depth >= limits.maxJsonDepth) {
      issues.push({ path: pathOf(visit), message: `nested deeper than ${limits.maxJsonDepth} levels of objects and arrays, the most allowed` });
      continue;
    }
    const children: Visit[] = [];
    if (Array.isArray(value)) {
      value.forEach((item, index) => children.push({ value: item, key: index, parent: visit, depth: visit.depth + 1 }));
    } else {
      for (const [key, item] of Object.entries(value)) {
        const keyVisit: Visit = { value: key, key, parent: visit, depth: visit.depth + 1 };
        const problem = textProblem(key, limits.maxTextLength);
        if (problem) {
          issues.push({ path: pathOf(keyVisit), message: `field name ${problem}` });
          continue;
        }
        children.push({ ...keyVisit, value: item });
      }
    }
    // Reversed so problems are found in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return issues;
}
