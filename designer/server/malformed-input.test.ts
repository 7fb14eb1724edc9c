import fc from "fast-check";
import { expect, it, vi } from "vitest";
import { appRouter } from "./app-router.js";
import type { PrismaClient, Role } from "@switchboard/db";
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from "./session-cookie.js";
import { describeOnEachDatabase, ROLES } from "./test/harness.js";

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

/** Every procedure of the API with whether it is a query (GET) or a mutation (POST). */
const PROCEDURES = Object.entries(appRouter._def.procedures).map(([path, procedure]) => ({
  path,
  type: (procedure as unknown as { _def: { type: "query" | "mutation" } })._def.type,
}));

/** Field names the API's inputs use, so malformed values land where handlers would read them. */
const FIELDS = [
  "flowId", "name", "description", "email", "password", "displayName", "role", "document", "documents", "scenarios",
  "names", "message", "address", "environment", "flowName", "reason", "action", "limit", "userId", "baseRevision",
  "number", "from", "to", "version", "versionNumber", "archived", "includeArchived",
];

/** Texts that must be refused wherever they appear: NUL, unpaired surrogates, far too long. */
const badText = fc.oneof(
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.string({ maxLength: 20 }).map((s) => `${s}\uD800${s}`),
  fc.string({ maxLength: 20 }).map((s) => `\uDFFF${s}`),
  fc.integer({ min: 100_001, max: 300_000 }).map((n) => "x".repeat(n)),
);

/** JSON text nested deeper than the limit (built as text: JSON.stringify itself would overflow). */
const deepJson = fc.record({ depth: fc.integer({ min: 65, max: 100_000 }), open: fc.constantFrom("[", '{"a":', '{"nodes":[') }).map(({ depth, open }) => {
  const close = open === "[" ? "]" : open === '{"a":' ? "}" : "]}";
  return `${open.repeat(depth)}"bottom"${close.repeat(depth)}`;
});

function parses(json: string): boolean {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}

/** Malformed input as raw JSON text, and whether it must be refused (4xx) rather than merely not crash. */
const malformedInput = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({ json: JSON.stringify(value) ?? "null", mustRefuse: false })),
  fc
    .dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.uuid()), { maxKeys: 5 })
    .map((value) => ({ json: JSON.stringify(value), mustRefuse: false })),
  fc
    .tuple(fc.constantFrom(...FIELDS), badText, fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }))
    .map(([field, text, rest]) => ({ json: JSON.stringify({ ...rest, [field]: text }), mustRefuse: true })),
  fc.tuple(fc.constantFrom(...FIELDS), badText).map(([field, text]) => ({ json: JSON.stringify({ document: { nodes: [{ data: { [field]: text } }] } }), mustRefuse: true })),
  fc.tuple(fc.constantFrom(...FIELDS), deepJson).map(([field, deep]) => ({ json: `{"${field}":${deep}}`, mustRefuse: true })),
  deepJson.map((json) => ({ json, mustRefuse: true })),
  // Text after "{" that leaves it unparsable ("}" alone would make "{}", which is valid JSON).
  fc.string({ maxLength: 40 }).map((garbage) => `{${garbage}`).filter((json) => !parses(json)).map((json) => ({ json, mustRefuse: true })),
);

const INTERNALS = [/\.ts:\d/, /\.js:\d/, /\/work\//, /node_modules/, /^\s*at \S/m, /\bat \S+ \(/, /Maximum call stack/, /Prisma|prisma\./];

describeOnEachDatabase("malformed input to every procedure", (h) => {
  it("is answered 4xx (never 5xx), as every role and signed out, with no stack, path or internal message", async () => {
    for (const procedure of PROCEDURES) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("anonymous", ...ROLES), malformedInput, async (who, input) => {
          const headers: Record<string, string> = {};
          // A fresh session per call: auth.logout ends the one it is sent with.
          if (who !== "anonymous") headers.cookie = `${SESSION_COOKIE}=${await sessionToken(h.db.prisma, h.users[who as Role].id)}`;
          const url = `${h.server.url}/trpc/${procedure.path}`;
          const response =
            procedure.type === "query"
              ? await fetch(`${url}?input=${encodeURIComponent(input.json)}`, { headers })
              : await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: input.json });
          const body = await response.text();
          const context = `${procedure.path} as ${who}: HTTP ${response.status} ${body.slice(0, 300)}`;
          expect(response.status, context).toBeLessThan(500);
          if (input.mustRefuse) expect(response.status, context).toBeGreaterThanOrEqual(400);
          for (const pattern of INTERNALS) expect(body, context).not.toMatch(pattern);
        }),
        { numRuns: 12 },
      );
    }
  });
});

/** A new session for `userId`, stored as sign-in stores them (only the token's hash). */
async function sessionToken(prisma: PrismaClient, userId: string): Promise<string> {
  const token = newSessionToken();
  await prisma.session.create({ data: { tokenHash: hashSessionToken(token), userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS) } });
  return token;
}
