/**
 * A Switchboard in a process of its own, so a test can kill it mid-call (SIGKILL: no drain, no goodbye). Reads
 * SWITCH_ESL_ADDRESS (JSON {host, port, password}), SWITCH_DEPLOY (JSON [{address, document}]); prints one JSON
 * line `{"runtimeAddress": "127.0.0.1:<port>"}` once it takes calls.
 */
import { startSwitchboard } from './switchboard.js';

const esl = JSON.parse(process.env['SWITCH_ESL_ADDRESS'] ?? 'null') as { host: string; port: number; password: string } | null;
if (!esl) throw new Error('SWITCH_ESL_ADDRESS is not set');
const deployments = JSON.parse(process.env['SWITCH_DEPLOY'] ?? '[]') as Array<{ address: string; document: { name: string } }>;
const switchboard = await startSwitchboard({ esl });
for (const { address, document } of deployments) await switchboard.deploy(address, document);
process.stdout.write(`${JSON.stringify({ runtimeAddress: switchboard.runtimeAddress })}\n`);
process.on('SIGTERM', () => void switchboard.close().then(() => process.exit(0)));
