import { readFileSync } from 'node:fs';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '@switchboard/db/testing';
import { compileFlow, parseFlowDocument, type CompiledFlow } from '@switchboard/flows';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVersionSource, UnrunnableVersionError } from './version-source.js';

function example(name: string): CompiledFlow {
  const parsed = parseFlowDocument(JSON.parse(readFileSync(new URL(`../../../../flows/examples/${name}.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  const result = compileFlow(parsed.document);
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

describe.each(testDatabaseKinds())('version source on %s', (kind) => {
  let db: TestDatabase;
  // Opening PGlite compiles WebAssembly and migrates: slow on a busy machine.
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.close());
  beforeEach(() => db.reset());

  async function publish(compiled: CompiledFlow, name = compiled.name) {
    const flow = await db.prisma.flow.upsert({ where: { name }, create: { name, draftDocument: {} }, update: {} });
    const number = (await db.prisma.flowVersion.count({ where: { flowId: flow.id } })) + 1;
    return db.prisma.flowVersion.create({ data: { flowId: flow.id, number, document: {}, compiled: compiled as object, contentHash: compiled.hash ?? 'none' } });
  }
  async function bind(address: string, environment: 'staging' | 'production', version: { id: string; flowId: string }) {
    await db.prisma.binding.upsert({
      where: { address_environment: { address, environment } },
      create: { address, environment, flowId: version.flowId, activeVersionId: version.id },
      update: { flowId: version.flowId, activeVersionId: version.id, updatedAt: new Date() },
    });
  }

  it('answers the version each binding runs, per environment, with its compiled flow', async () => {
    const menu = example('main-menu');
    const v1 = await publish(menu);
    const v2 = await publish({ ...menu, hash: 'second' });
    await bind('+498912345', 'production', v1);
    await bind('+498912345', 'staging', v2);
    const source = createVersionSource(db);
    const production = await source.liveVersions('production');
    expect(production).toEqual([{ address: '+498912345', environment: 'production', flowName: menu.name, versionId: v1.id, versionNumber: 1, compiled: menu }]);
    expect(await source.liveVersion('+498912345', 'staging')).toMatchObject({ versionId: v2.id, versionNumber: 2, compiled: { hash: 'second' } });
    await bind('+498912345', 'production', v2);
    expect((await source.liveVersion('+498912345', 'production'))?.versionId).toBe(v2.id);
    expect(await source.liveVersion('+490000', 'production')).toBeNull();
    expect(await source.liveVersions('qa')).toEqual([]);
  });

  it('finds sub-flows by name: the bound version, else the latest published one', async () => {
    const holiday = example('holiday-hours');
    const first = await publish(holiday);
    await publish({ ...holiday, hash: 'newer' });
    const source = createVersionSource(db);
    expect((await source.flowByName(holiday.name, 'production'))?.hash).toBe('newer');
    await bind('+4930999', 'production', first);
    expect((await source.flowByName(holiday.name, 'production'))?.hash).toBe(holiday.hash);
    expect(await source.flowByName('no-such-flow', 'production')).toBeNull();
  });

  it('refuses a stored version that is not a runnable compiled flow, and skips it at start-up', async () => {
    const broken = await publish({ format: 2 } as unknown as CompiledFlow, 'broken');
    const good = await publish(example('vip-route'));
    await bind('+491', 'production', broken);
    await bind('+492', 'production', good);
    const source = createVersionSource(db);
    await expect(source.liveVersion('+491', 'production')).rejects.toBeInstanceOf(UnrunnableVersionError);
    expect((await source.liveVersions('production')).map((v) => v.address)).toEqual(['+492']);
  });
  // Database round trips are slow on a loaded machine; each test still bounds itself.
}, 30_000);
