import { randomBytes } from "node:crypto";
import type { Diagnostic } from "@switchboard/flows";
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";

/** Carried as a TRPCError's cause so the client receives every diagnostic (code, node id, path, hint). */
export class DiagnosticsError extends Error {
  override name = "DiagnosticsError";
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[],
  ) {
    super(message);
  }
}

/** Carried as a TRPCError's cause for refused input: each problem with the path of the field, as zod reports them. */
export class InputProblemsError extends Error {
  override name = "InputProblemsError";
  constructor(readonly issues: InputIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  }
}

/** Carried as a TOO_MANY_REQUESTS error's cause: how long the client must wait. */
export class RetryLaterError extends Error {
  override name = "RetryLaterError";
  constructor(readonly retryAfterMs: number) {
    super(`retry after ${retryAfterMs} ms`);
  }
}

/** One problem with a request's input: where (`documents[0].nodes[2].data.prompt`) and what. */
export interface InputIssue {
  path: string;
  message: string;
}

/** What clients receive in `error.data` besides tRPC's code and HTTP status. */
export interface PublicErrorData {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  path?: string;
  diagnostics?: Diagnostic[];
  inputIssues?: InputIssue[];
  /** For a throttled sign-in: how long until the next attempt is allowed. */
  retryAfterSeconds?: number;
  /** For unexpected errors: quote it to whoever runs the server; the log line with the detail carries it too. */
  reference?: string;
}

const references = new WeakMap<object, string>();

/**
 * The reference of an unexpected error, logged once (with the full error, stack and cause) the first time it is
 * asked for; the client only ever sees the reference.
 */
export function referenceForUnexpected(error: unknown, where: string): string {
  const key = typeof error === "object" && error !== null ? error : { error };
  let reference = references.get(key);
  if (!reference) {
    reference = randomBytes(6).toString("hex");
    references.set(key, reference);
    const detail = error instanceof Error && error.cause !== undefined ? error.cause : error;
    console.error(`[error ${reference}] unexpected error in ${where}:`, detail);
  }
  return reference;
}

/** The message every unexpected error is answered with. */
export function unexpectedErrorMessage(reference: string): string {
  return `Something went wrong on the server (reference ${reference}). Nothing was changed by the failed step; try again, and if it keeps happening, give the reference to whoever runs Switchboard.`;
}

function issuesOfZod(error: ZodError): InputIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(input)", message: issue.message }));
}

/**
 * The single place that decides what a client learns from a failed call (tRPC's `errorFormatter` and the HTTP
 * layer's own errors both come here). Deliberate errors (4xx, thrown as TRPCError with a message written for users)
 * pass with their message, diagnostics and input problems. Anything else — a 5xx, a bug, a database failure —
 * becomes a generic message with a reference; the detail is logged on the server under that reference. No stack,
 * file path or internal message ever reaches the client.
 */
export function publicError(error: TRPCError, procedurePath: string | undefined): { message: string; data: PublicErrorData } {
  const httpStatus = getHTTPStatusCodeFromError(error);
  const cause = error.cause;
  const base = { code: error.code, httpStatus, ...(procedurePath ? { path: procedurePath } : {}) };
  if (httpStatus >= 500) {
    const reference = referenceForUnexpected(error, procedurePath ?? "the API");
    return { message: unexpectedErrorMessage(reference), data: { ...base, reference } };
  }
  if (cause instanceof ZodError) {
    const inputIssues = issuesOfZod(cause);
    return { message: `Invalid input: ${inputIssues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, data: { ...base, inputIssues } };
  }
  if (cause instanceof InputProblemsError) return { message: error.message, data: { ...base, inputIssues: cause.issues } };
  if (cause instanceof RetryLaterError) return { message: error.message, data: { ...base, retryAfterSeconds: Math.ceil(cause.retryAfterMs / 1000) } };
  if (cause instanceof DiagnosticsError) return { message: error.message, data: { ...base, diagnostics: cause.diagnostics } };
  return { message: error.message, data: base };
}

/** A tRPC-shaped error body for refusals made before tRPC runs (body too large, cross-site), so clients show the message. */
export function httpErrorBody(code: TRPC_ERROR_CODE_KEY, httpStatus: number, message: string, extra: Partial<PublicErrorData> = {}): string {
  return JSON.stringify({ error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus, ...extra } } });
}
