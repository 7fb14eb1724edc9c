/** The callers `pnpm start` sends to the example flows, in turn, so a new user sees calls flow. */
import type { CallScript } from "../../esl-emulator/src/index.js";
import { EXAMPLE_NUMBERS } from "../../designer/server/seed.js";

export interface DemoCaller {
  readonly to: string;
  readonly from: string;
  readonly script: CallScript;
}

/** A key press a moment after the prompt started, as people do. */
const press = (digits: string) => ({ digits, afterMs: 1_500 });

/** Caller ids from Ofcom's drama range (+44 7700 900xxx) and the VIP list of the VIP route example. */
export const DEMO_CALLERS: readonly DemoCaller[] = [
  // Main menu: "for support, press 2", then waits for an agent.
  { to: EXAMPLE_NUMBERS["Main menu"]!, from: "+447700900123", script: { dtmf: [press("2")] } },
  // Holiday hours: "for support, press 1" (on a working day; on a holiday or after hours the flow says so).
  { to: EXAMPLE_NUMBERS["Holiday hours"]!, from: "+447700900456", script: { dtmf: [press("1")] } },
  // Support queue: presses the callback key while waiting, then confirms the number to call back.
  { to: EXAMPLE_NUMBERS["Support queue"]!, from: "+447700900789", script: { queueDtmf: { digits: "1", afterMs: 3_000 }, dtmf: [press("1")] } },
  // VIP route: a number on the VIP list goes to the priority queue.
  { to: EXAMPLE_NUMBERS["VIP route"]!, from: "+442071234567", script: {} },
];

/** Who calls when someone places a demo call by hand without saying. */
export const DEFAULT_DEMO_CALLER = "+447700900100";
