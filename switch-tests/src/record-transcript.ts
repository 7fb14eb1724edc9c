/**
 * Records the outbound ESL connection of one real call, byte for byte, in the conformance format
 * (runtime/src/esl/conformance/transcript.ts: `.esl.txt` with `>>> SENT` / `<<< RECEIVED` blocks, and the same as
 * `.json`), for the emulator to be checked against.
 *
 *   pnpm --filter @switchboard/switch-tests exec tsx src/record-transcript.ts [number] [name] [digits]
 *
 * Default: a Support queue call (+15550102) answered by an agent, into switch-tests/fixtures/freeswitch-esl/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startTapProxy } from '../../runtime/src/testing/tap-proxy.js';
import { startSuite } from './suite.js';

const [number = '+15550102', name = '20-outbound-callcenter-agent-bridge-resumes-dialplan', digits = ''] = process.argv.slice(2);
const outDir = fileURLToPath(new URL('../fixtures/freeswitch-esl/', import.meta.url));

const env = await startSuite();
try {
  const [host, port] = env.switchboard.runtimeAddress.split(':');
  const tap = await startTapProxy({ host: host!, port: Number(port) });
  await env.pointSwitchAt(`127.0.0.1:${tap.port}`);
  const call = await env.observer.call(number);
  if (digits) {
    await call.executes('play_and_get_digits');
    await call.dtmf(digits);
  }
  await call.ended(120_000);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await tap.close();
  const connection = tap.connections[0];
  if (!connection) throw new Error('the call never reached the runtime through the tap');
  const blocks: Array<{ dir: 'sent' | 'received'; data: Buffer }> = [];
  for (const chunk of connection.chunks) {
    const dir = chunk.from === 'runtime' ? 'sent' : 'received';
    const last = blocks.at(-1);
    if (last?.dir === dir) last.data = Buffer.concat([last.data, chunk.data]);
    else blocks.push({ dir, data: chunk.data });
  }
  await mkdir(outDir, { recursive: true });
  const text = Buffer.concat(blocks.flatMap((block) => [Buffer.from(block.dir === 'sent' ? '>>> SENT\n' : '<<< RECEIVED\n'), block.data, Buffer.from('\n')]));
  await writeFile(`${outDir}${name}.esl.txt`, text);
  await writeFile(`${outDir}${name}.json`, `${JSON.stringify(blocks.map((block) => ({ dir: block.dir, data: block.data.toString('latin1') })), null, 1)}\n`);
  console.log(`wrote ${outDir}${name}.esl.txt (${blocks.length} blocks)`);
} finally {
  await env.close();
}
