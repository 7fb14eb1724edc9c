import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import { describeDifference, runScenario } from './run-scenario.js';
import { compileForTest } from './test-support.js';

const dir = new URL('../../examples/', import.meta.url).pathname;
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

describe('scenarios saved in the example flows', () => {
  for (const file of files) {
    const { document, flow } = compileForTest(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    it(`${file} has at least one scenario`, () => {
      expect(document.scenarios?.length ?? 0).toBeGreaterThan(0);
    });
    for (const scenario of document.scenarios ?? []) {
      it(`${file}: ${scenario.name}`, () => {
        const result = runScenario(flow, scenario);
        expect(result.difference && describeDifference(result.difference)).toBeNull();
        expect(result.passed).toBe(true);
      });
    }
  }

  it('scenarios never change the compiled flow or its hash', () => {
    const json = JSON.parse(readFileSync(join(dir, 'holiday-hours.json'), 'utf8')) as Record<string, unknown>;
    const withScenarios = compileForTest(json).flow;
    const without = compileForTest({ ...json, scenarios: [] }).flow;
    expect((json['scenarios'] as unknown[]).length).toBeGreaterThan(0);
    expect(withScenarios.hash).toBe(without.hash);
    expect(JSON.stringify(withScenarios)).not.toContain('the caller hears the holiday message');
    expect(compileFlow(compileForTest(json).document).compiled?.hash).toBe(without.hash);
  });
});
