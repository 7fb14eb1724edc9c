import { TRPCClientError } from '@trpc/client';
import type { Diagnostic } from '@switchboard/flows';

/** What the UI needs from a failed API call: the tRPC code, the server's message and any diagnostics. */
export interface ApiErrorInfo {
  code: string | undefined;
  message: string;
  diagnostics: Diagnostic[];
  inputIssues: { path: string; message: string }[];
  /** For a throttled sign-in: how long to wait. */
  retryAfterSeconds?: number;
}

interface ErrorData {
  retryAfterSeconds?: number;
  code?: string;
  diagnostics?: Diagnostic[];
  inputIssues?: { path: string; message: string }[];
}

export function apiErrorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    return {
      code: data.code,
      message: error.message,
      diagnostics: data.diagnostics ?? [],
      inputIssues: data.inputIssues ?? [],
      ...(data.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: data.retryAfterSeconds }),
    };
  }
  return { code: undefined, message: error instanceof Error ? error.message : String(error), diagnostics: [], inputIssues: [] };
}

export function hasErrorCode(error: unknown, code: string): boolean {
  return apiErrorInfo(error).code === code;
}
