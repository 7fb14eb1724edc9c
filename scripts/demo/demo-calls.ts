/** Emulated calls: one every N seconds through the demo callers, or one on demand (`pnpm demo-call`). */
import type { Emulator } from "../../esl-emulator/src/index.js";
import type { CallReport, CallReports } from "../call-handling/call-reports.js";
import { DEFAULT_DEMO_CALLER, DEMO_CALLERS, type DemoCaller } from "./demo-callers.js";

/** A call the emulator has finished but the runtime never reported (it did not take the call) fails after this. */
const REPORT_GRACE_MS = 15_000;

export interface DemoCallRequest {
  readonly to: string;
  readonly from?: string;
  /** What the caller presses at each prompt that collects digits, in order. */
  readonly digits?: readonly string[];
}

export class DemoCalls {
  private timer: NodeJS.Timeout | undefined;
  private next = 0;

  constructor(
    private readonly emulator: Emulator,
    private readonly reports: CallReports,
    private readonly warn: (line: string) => void,
  ) {}

  /** Places one call and resolves with its report once the runtime has ended it. */
  async place(caller: DemoCaller): Promise<CallReport> {
    const call = this.emulator.placeCall({ destination: caller.to, callerIdNumber: caller.from, script: caller.script });
    const callId = call.bLegUuid;
    const notTaken = call.finished.then(async (summary) => {
      await new Promise((resolve) => setTimeout(resolve, REPORT_GRACE_MS).unref());
      throw new Error(`the runtime did not take the call to ${caller.to} (the switch hung up with ${summary.hangupCause})`);
    });
    try {
      return await Promise.race([this.reports.forCall(callId), notTaken]);
    } finally {
      this.reports.forget(callId);
    }
  }

  /** `pnpm demo-call <number> [digits…]`. */
  placeRequested(request: DemoCallRequest): Promise<CallReport> {
    const dtmf = (request.digits ?? []).map((digits) => ({ digits, afterMs: 1_500 }));
    return this.place({ to: request.to, from: request.from ?? DEFAULT_DEMO_CALLER, script: { dtmf } });
  }

  /** Places the next demo caller every `seconds` (the first soon after start); 0 turns it off. */
  startEvery(seconds: number): void {
    if (seconds <= 0) return;
    const tick = () => {
      const caller = DEMO_CALLERS[this.next++ % DEMO_CALLERS.length]!;
      this.place(caller).catch((error: unknown) => this.warn(`Demo call to ${caller.to} failed: ${error instanceof Error ? error.message : String(error)}`));
      this.timer = setTimeout(tick, seconds * 1000);
    };
    this.timer = setTimeout(tick, 2_000);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
