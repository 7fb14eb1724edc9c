import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './emulator.js';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

describe('startEmulator', () => {
  it('keeps finished calls for tests to read, or forgets them for long-running use while still counting them', async () => {
    emulator = await startEmulator({ timeScale: 1000, extensions: { '4001': 'tone' } });
    await emulator.placeCall({ destination: '4001' }).finished;
    expect([emulator.calls.length, emulator.callsPlaced]).toEqual([1, 1]);
    await emulator.close();

    emulator = await startEmulator({ timeScale: 1000, extensions: { '4001': 'tone' }, forgetFinishedCalls: true });
    const call = emulator.placeCall({ destination: '4001' });
    expect(emulator.calls).toEqual([call]);
    await call.finished;
    await new Promise((resolve) => setImmediate(resolve));
    expect([emulator.calls.length, emulator.callsPlaced]).toEqual([0, 1]);
  });
});
