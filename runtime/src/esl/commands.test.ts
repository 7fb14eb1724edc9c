import { describe, expect, it } from 'vitest';
import { EslCommandError, serializeCommand } from './commands.js';

describe('serializeCommand: execute', () => {
  it('sends the argument in execute-app-arg, with event-lock unless asked not to', () => {
    expect(serializeCommand({ kind: 'execute', app: 'speak', arg: "flite|kal|It's", eventUuid: 'e1' })).toBe(
      "sendmsg\ncall-command: execute\nexecute-app-name: speak\nexecute-app-arg: flite|kal|It's\nevent-lock: true\nEvent-UUID: e1\n\n",
    );
    expect(serializeCommand({ kind: 'execute', app: 'callcenter', arg: 'q', eventUuid: 'e2', eventLock: false })).toBe(
      'sendmsg\ncall-command: execute\nexecute-app-name: callcenter\nexecute-app-arg: q\nEvent-UUID: e2\n\n',
    );
  });

  it('sends an argument with line breaks as a text/plain body (a header cannot carry one), its length in bytes', () => {
    const arg = 'flite|kal|您好\nsecond line\r\n';
    const wire = serializeCommand({ kind: 'execute', app: 'speak', arg, eventUuid: 'e3' });
    expect(wire).toBe(`sendmsg\ncall-command: execute\nexecute-app-name: speak\nevent-lock: true\nEvent-UUID: e3\ncontent-type: text/plain\nContent-Length: ${Buffer.byteLength(arg)}\n\n${arg}`);
    expect(wire).not.toContain('execute-app-arg');
  });

  it('still refuses a line break where no body can take it', () => {
    expect(() => serializeCommand({ kind: 'execute', app: 'speak\nx', arg: 'a', eventUuid: 'e4' })).toThrow(EslCommandError);
    expect(() => serializeCommand({ kind: 'api', command: 'status\nshutdown' })).toThrow(EslCommandError);
  });
});
