import { startScheduler, type Scheduler } from '@switchboard/designer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowDocument, hangupNode, say } from '../src/flows.js';
import type { TestCall } from '../src/observer.js';
import { startSuite, type SuiteEnvironment } from '../src/suite.js';

const NUMBER = '+15550291';
const talk = (name: string, text: string) => flowDocument(name, [{ id: 'talk', type: 'announcement', data: { prompt: say(text) } }, hangupNode('bye')], [['talk', 'next', 'bye']]);
const EVERY_DAY = talk('Everyday line', 'Welcome to the everyday line, thank you for calling.');
const HOLIDAY = talk('Holiday line', 'Happy holidays: this is the holiday line, thank you for calling.');

let env: SuiteEnvironment;
let scheduler: Scheduler | undefined;
beforeAll(async () => {
  env = await startSuite();
  await env.switchboard.deploy(NUMBER, EVERY_DAY);
  await env.switchboard.publish(HOLIDAY);
  scheduler = startScheduler(env.switchboard.services, { log: () => undefined });
});
afterAll(async () => {
  await scheduler?.stop();
  await env?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scheduled publishing on a real switch', () => {
  it('the holiday version goes live at its start and the everyday one comes back at its end while calls flow: none fails', async () => {
    const { database, services } = env.switchboard;
    const binding = await database.prisma.binding.findUniqueOrThrow({ where: { address_environment: { address: NUMBER, environment: 'production' } } });
    const holiday = await database.prisma.flowVersion.findFirstOrThrow({ where: { flow: { name: 'Holiday line' } }, orderBy: { number: 'desc' } });
    const admin = await database.prisma.user.findFirstOrThrow({ where: { role: 'admin' } });
    // Second-precise times written as the API would (it takes minutes; its rules are tested in designer/server).
    const startsAt = new Date(Date.now() + 3_000);
    const endsAt = new Date(startsAt.getTime() + 5_000);
    const schedule = await database.prisma.scheduledPublish.create({
      data: { bindingId: binding.id, versionId: holiday.id, startsAt, endsAt, timeZone: 'Europe/London', reason: 'real-switch holiday window', createdById: admin.id },
    });
    await services.deploymentEvents.publishOverride({ environment: 'production', address: NUMBER, at: new Date().toISOString(), schedules: true });

    const calls: TestCall[] = [];
    while (Date.now() < endsAt.getTime() + 3_000) {
      calls.push(await env.observer.call(NUMBER));
      await pause(400);
    }
    const causes = await Promise.all(calls.map((call) => call.ended(60_000)));
    expect(causes.filter((cause) => cause !== 'NORMAL_CLEARING')).toEqual([]);
    const records = await Promise.all(calls.map((call) => env.switchboard.callRecord(call.caller, 30_000)));
    expect(records.filter((record) => record.outcome !== 'selfServed')).toEqual([]);
    const flows = records.map((record) => record.flowName);
    expect(flows[0]).toBe('Everyday line');
    expect(flows).toContain('Holiday line');
    expect(flows.at(-1)).toBe('Everyday line');
    // In order: everyday, then holiday, then everyday again — never back and forth.
    const runs = flows.filter((flow, index) => index === 0 || flow !== flows[index - 1]);
    expect(runs).toEqual(['Everyday line', 'Holiday line', 'Everyday line']);
    // What the switch spoke matches the version each call ran.
    for (const [index, call] of calls.entries()) {
      const spoken = (await env.spokenOn(call)).join(' ');
      expect(spoken).toContain(flows[index] === 'Holiday line' ? 'Happy holidays' : 'everyday line');
    }

    const row = await database.prisma.scheduledPublish.findUniqueOrThrow({ where: { id: schedule.id } });
    expect(row.status).toBe('completed');
    expect(row.activatedAt!.getTime()).toBeGreaterThanOrEqual(startsAt.getTime());
    console.log(`scheduled activation ${row.activatedAt!.getTime() - startsAt.getTime()} ms after its start, revert ${row.finishedAt!.getTime() - endsAt.getTime()} ms after its end`);
    const history = await database.prisma.deployment.findMany({ where: { bindingId: binding.id }, orderBy: { createdAt: 'desc' }, take: 2 });
    expect(history.map((d) => d.kind)).toEqual(['scheduled_revert', 'scheduled_activate']);
    await env.observer.noChannels();
  });
});
