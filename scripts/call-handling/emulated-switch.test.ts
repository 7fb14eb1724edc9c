import { afterEach, describe, expect, it } from "vitest";
import { runApiCommand } from "../../esl-emulator/src/api/api-commands.js";
import { abandonMembersWithoutCall, startEmulatedSwitch, type EmulatedSwitch } from "./emulated-switch.js";

let emulated: EmulatedSwitch | undefined;
afterEach(() => emulated?.close());

describe("the emulated switch of pnpm start", () => {
  it("staffs every queue with available agents, and a called-back phone that hung up leaves the queue", async () => {
    emulated = await startEmulatedSwitch({ queues: ["support@default"], phones: ["+447700900789"], timeScale: 1000 });
    const { emulator } = emulated;
    expect(emulator.queues.config("support@default")?.agents?.map((agent) => agent.status ?? "Available")).toEqual(["Available", "Available"]);

    const reply = await runApiCommand(emulator, "originate {cc_base_score=90}loopback/+447700900789/default &callcenter(support@default)");
    expect(reply).toMatch(/^\+OK /);
    const uuid = reply.slice(4).trim();
    expect(emulator.queues.waitingCount("support@default")).toBe(1);
    // The phone answers with a 2 s tone and hangs up.
    while (emulator.core.channels.has(uuid)) await new Promise((resolve) => setTimeout(resolve, 5));
    abandonMembersWithoutCall(emulator, ["support@default"]);
    expect(emulator.queues.waitingCount("support@default")).toBe(0);
  });
});
