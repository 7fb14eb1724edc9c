import { compileFlow, type CompiledFlow, type FlowDocument } from '@switchboard/flows';

const base = { schemaVersion: 1, description: '', languages: ['en'], variables: [] };

/** "front door": greets through the sub-flow "Greeting"; if that fails, apologises. Then hangs up. */
export function frontDoor(): FlowDocument {
  return {
    ...base,
    name: 'front door',
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { answer: true } },
      { id: 'greet', type: 'subflow', position: { x: 0, y: 100 }, data: { flow: 'Greeting', outcomes: ['done'] } },
      { id: 'sorry', type: 'announcement', position: { x: 200, y: 200 }, data: { prompt: { text: { en: 'Sorry, the greeting is unavailable.' } }, bargeIn: false } },
      { id: 'bye', type: 'hangup', position: { x: 0, y: 300 }, data: { cause: 'NORMAL_CLEARING' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceOutlet: 'next', target: 'greet' },
      { id: 'e2', source: 'greet', sourceOutlet: 'done', target: 'bye' },
      { id: 'e3', source: 'greet', sourceOutlet: 'failed', target: 'sorry' },
      { id: 'e4', source: 'sorry', sourceOutlet: 'next', target: 'bye' },
    ],
  } as unknown as FlowDocument;
}

/** The published sub-flow "Greeting": says `words`, then returns "done". */
export function compiledGreeting(words = 'Welcome to Acme.'): CompiledFlow {
  const document = {
    ...base,
    name: 'Greeting',
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { answer: true } },
      { id: 'hello', type: 'announcement', position: { x: 0, y: 100 }, data: { prompt: { text: { en: words } }, bargeIn: false } },
      { id: 'back', type: 'return', position: { x: 0, y: 200 }, data: { outcome: 'done' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceOutlet: 'next', target: 'hello' },
      { id: 'e2', source: 'hello', sourceOutlet: 'next', target: 'back' },
    ],
  } as unknown as FlowDocument;
  const compiled = compileFlow(document).compiled;
  if (!compiled) throw new Error('the Greeting sub-flow does not compile');
  return compiled;
}
