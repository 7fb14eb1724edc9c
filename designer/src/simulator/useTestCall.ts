import { compileFlow, linkProgram, Simulation, type CompiledCalendar, type CompiledFlow, type FlowDocument, type SimulationInputs } from '@switchboard/flows';
import { useCallback, useEffect, useRef, useState } from 'react';

/** `run`: after each caller action the call runs on to the next input; `step`: one event per click. */
export type RunMode = 'run' | 'step';

export type StartProblem = { kind: 'doesNotCompile'; errors: number } | { kind: 'cannotStart'; message: string };

/**
 * One test call at a time on the document shown. Holds the {@link Simulation} (the flows core's, on a virtual
 * clock) and re-renders after each action. In real-time mode the virtual clock follows the wall clock, one
 * second per second; otherwise timeouts and queue waits happen the moment the tester asks. The call is linked with
 * `subflows` (published versions), so it enters them as a real call would, and with the calendars' current revisions.
 */
export function useTestCall(document: FlowDocument, subflows: readonly CompiledFlow[] = [], calendars?: Readonly<Record<string, CompiledCalendar>>) {
  const simulation = useRef<Simulation | null>(null);
  const [revision, setRevision] = useState(0);
  const [problem, setProblem] = useState<StartProblem | null>(null);
  const [mode, setMode] = useState<RunMode>('run');
  const [realTime, setRealTime] = useState(false);
  const refresh = useCallback(() => setRevision((r) => r + 1), []);

  const start = useCallback(
    (inputs: SimulationInputs) => {
      const compiled = compileFlow(document);
      if (!compiled.compiled) {
        setProblem({ kind: 'doesNotCompile', errors: compiled.diagnostics.filter((d) => d.severity === 'error').length });
        simulation.current = null;
        return refresh();
      }
      const started = Simulation.start(linkProgram(compiled.compiled, subflows, calendars), inputs);
      if (!(started instanceof Simulation)) {
        setProblem({ kind: 'cannotStart', message: started.error });
        simulation.current = null;
        return refresh();
      }
      setProblem(null);
      if (mode === 'run') started.runToInput();
      simulation.current = started;
      refresh();
    },
    [document, subflows, calendars, mode, refresh],
  );

  /** Carries out a caller action (or a step), then — in run mode — lets the call run to the next input. */
  const act = useCallback(
    (action: (call: Simulation) => void) => {
      const call = simulation.current;
      if (!call) return;
      action(call);
      if (mode === 'run' && !realTime) call.runToInput();
      refresh();
    },
    [mode, realTime, refresh],
  );

  const stop = useCallback(() => {
    simulation.current = null;
    refresh();
  }, [refresh]);

  useEffect(() => {
    if (!realTime) return;
    const timer = setInterval(() => {
      const call = simulation.current;
      if (!call || call.ended) return;
      call.advance(1);
      refresh();
    }, 1000);
    return () => clearInterval(timer);
  }, [realTime, refresh]);

  return { simulation: simulation.current, revision, problem, mode, setMode, realTime, setRealTime, start, act, stop };
}
