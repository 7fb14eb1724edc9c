import { DiagnosticSink, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * A flow's scenarios are found by name (run results, the simulator's list, `pnpm flows test`, a tester replacing
 * one), so two with the same name are an error: SB011 at the later one, naming the first.
 * `pathPrefix` is where the list sits (`scenarios` in a document).
 */
export function checkScenarioNames(scenarios: ReadonlyArray<{ name: string }>, pathPrefix = 'scenarios'): Diagnostic[] {
  const sink = new DiagnosticSink();
  const first = new Map<string, number>();
  scenarios.forEach((scenario, index) => {
    const earlier = first.get(scenario.name);
    if (earlier === undefined) first.set(scenario.name, index);
    else sink.report('SB011.duplicateName', { path: `${pathPrefix}[${index}].name` }, { name: scenario.name, earlier: `${pathPrefix}[${earlier}]` });
  });
  return sink.items;
}
