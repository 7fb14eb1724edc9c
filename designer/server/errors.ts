import type { Diagnostic } from "@switchboard/flows";

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
