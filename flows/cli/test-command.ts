/**
 * `pnpm flows test <files…>`: runs every scenario saved in the given flow files on the interpreter with the
 * simulated edge, sub-flows linked from among the same files. Green for a pass, red with the first difference
 * for a failure; exit code 1 when any scenario fails or a file cannot be run.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { compileFlow, describeDifference, linkProgram, parseFlowDocument, runScenario, type CompiledFlow, type Scenario } from '../src/index.js';

export interface TestOutput {
  out(line: string): void;
  err(line: string): void;
  /** ANSI colours (a terminal); plain text otherwise. */
  color?: boolean;
}

interface LoadedFlow {
  file: string;
  compiled: CompiledFlow;
  scenarios: Scenario[];
}

function load(file: string): LoadedFlow | { file: string; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { file, problem: error instanceof SyntaxError ? `not JSON (${error.message})` : `cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) return { file, problem: `not a valid flow: ${parsed.diagnostics[0]?.path ?? ''} ${parsed.diagnostics[0]?.message ?? ''}`.trim() };
  const result = compileFlow(parsed.document);
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (!result.compiled || error) return { file, problem: `does not compile: ${error ? `${error.code} ${error.message}` : 'unknown error'}` };
  return { file, compiled: result.compiled, scenarios: parsed.document.scenarios ?? [] };
}

export function runTestCommand(files: string[], io: TestOutput): number {
  const paint = (code: number, text: string) => (io.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const loaded = files.map(load);
  const flows = loaded.filter((l): l is LoadedFlow => 'compiled' in l);
  const library = flows.map((f) => f.compiled);
  let passed = 0;
  let failed = 0;
  let broken = 0;
  for (const entry of loaded) {
    const name = basename(entry.file);
    if (!('compiled' in entry)) {
      io.out(paint(31, `✗ ${name}: ${entry.problem}`));
      broken++;
      continue;
    }
    if (entry.scenarios.length === 0) io.out(`- ${name}: no scenarios`);
    const program = linkProgram(entry.compiled, library);
    for (const scenario of entry.scenarios) {
      const result = runScenario(program, scenario);
      if (result.passed) {
        passed++;
        io.out(paint(32, `✓ ${name} › ${scenario.name}`));
      } else {
        failed++;
        io.out(paint(31, `✗ ${name} › ${scenario.name}`));
        io.out(`    ${result.difference ? describeDifference(result.difference) : 'failed'}`);
      }
    }
  }
  const summary = `${passed + failed} scenario(s) in ${files.length} file(s): ${passed} passed, ${failed} failed${broken > 0 ? `, ${broken} file(s) could not be run` : ''}`;
  io.out(paint(failed + broken > 0 ? 31 : 32, summary));
  return failed + broken > 0 ? 1 : 0;
}
