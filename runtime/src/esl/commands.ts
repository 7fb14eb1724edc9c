/**
 * Serialisation of the commands an ESL client sends, byte for byte as the recorded sessions send them.
 */

/** A command an ESL client can send. */
export type EslCommand =
  | { readonly kind: 'auth'; readonly password: string }
  | { readonly kind: 'api'; readonly command: string }
  | { readonly kind: 'bgapi'; readonly command: string; readonly jobUuid?: string }
  | { readonly kind: 'event'; readonly format: 'plain' | 'json'; readonly events: readonly string[] }
  | { readonly kind: 'connect' }
  | { readonly kind: 'myevents' }
  | { readonly kind: 'linger'; readonly seconds?: number }
  | { readonly kind: 'exit' }
  | {
      readonly kind: 'execute';
      readonly app: string;
      readonly arg?: string;
      /** Comes back as `Application-UUID` on CHANNEL_EXECUTE and CHANNEL_EXECUTE_COMPLETE. */
      readonly eventUuid: string;
      /** Default true: apps run one after another in the order sent. */
      readonly eventLock?: boolean;
    };

/** Thrown for a command that would break the framing (a line break inside a value). A programming error. */
export class EslCommandError extends Error {
  override readonly name = 'EslCommandError';
}

function singleLine(what: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new EslCommandError(`${what} must not contain a line break: ${JSON.stringify(value)}`);
  return value;
}

/** Returns the wire bytes (as text) of `command`, ending in the blank line that terminates it. */
export function serializeCommand(command: EslCommand): string {
  switch (command.kind) {
    case 'auth':
      return `auth ${singleLine('password', command.password)}\n\n`;
    case 'api':
      return `api ${singleLine('api command', command.command)}\n\n`;
    case 'bgapi': {
      const job = command.jobUuid === undefined ? '' : `Job-UUID: ${singleLine('Job-UUID', command.jobUuid)}\n`;
      return `bgapi ${singleLine('bgapi command', command.command)}\n${job}\n`;
    }
    case 'event':
      return `event ${command.format} ${command.events.map((name) => singleLine('event name', name)).join(' ')}\n\n`;
    case 'connect':
      return 'connect\n\n';
    case 'myevents':
      return 'myevents\n\n';
    case 'linger':
      return command.seconds === undefined ? 'linger\n\n' : `linger ${Math.trunc(command.seconds)}\n\n`;
    case 'exit':
      return 'exit\n\n';
    case 'execute': {
      const lock = command.eventLock === false ? '' : 'event-lock: true\n';
      const head = `sendmsg\ncall-command: execute\nexecute-app-name: ${singleLine('app name', command.app)}\n`;
      const uuid = `Event-UUID: ${singleLine('Event-UUID', command.eventUuid)}\n`;
      if (command.arg !== undefined && /[\r\n]/.test(command.arg)) {
        // A header cannot carry a line break; switch_ivr_parse_event takes the argument from a text/plain body
        // when there is no execute-app-arg (e.g. `speak` text written on several lines).
        return `${head}${lock}${uuid}content-type: text/plain\nContent-Length: ${new TextEncoder().encode(command.arg).length}\n\n${command.arg}`;
      }
      const arg = command.arg === undefined || command.arg === '' ? '' : `execute-app-arg: ${command.arg}\n`;
      return `${head}${arg}${lock}${uuid}\n`;
    }
    default:
      return assertNever(command);
  }
}

/** Exhaustiveness check for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
