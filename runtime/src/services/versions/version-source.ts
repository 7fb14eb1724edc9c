import type { Database } from '@switchboard/db';
import type { CompiledFlow } from '@switchboard/flows';
import type { Logger } from 'pino';
import type { LiveVersion, VersionSource } from '../contracts.js';
import { quietLogger } from '../metrics.js';

/** Thrown when a stored version is not a compiled flow this runtime can run. */
export class UnrunnableVersionError extends Error {
  override name = 'UnrunnableVersionError';
}

/**
 * The stored `compiled` JSON as a {@link CompiledFlow}, after checking the parts the interpreter relies on
 * (format 1, an entry node that exists). Publishing stores `compileFlow` output, so this only fails on data
 * written by something else or by a newer compiler format.
 */
export function asCompiledFlow(json: unknown, what: string): CompiledFlow {
  const flow = json as Partial<CompiledFlow> | null;
  if (typeof flow !== 'object' || flow === null || flow.format !== 1) throw new UnrunnableVersionError(`${what}: compiled format ${String(flow?.format)} is not 1`);
  if (typeof flow.entry !== 'string' || typeof flow.nodes !== 'object' || flow.nodes === null || !(flow.entry in flow.nodes)) {
    throw new UnrunnableVersionError(`${what}: compiled flow has no entry node`);
  }
  return flow as CompiledFlow;
}

const ENVIRONMENTS = ['staging', 'production'] as const;
type Environment = (typeof ENVIRONMENTS)[number];

function environmentOf(name: string): Environment | null {
  return (ENVIRONMENTS as readonly string[]).includes(name) ? (name as Environment) : null;
}

const bindingSelect = {
  address: true,
  environment: true,
  activeVersion: { select: { id: true, number: true, compiled: true, flow: { select: { name: true } } } },
} as const;

interface BindingRow {
  address: string;
  environment: string;
  activeVersion: { id: string; number: number; compiled: unknown; flow: { name: string } };
}

function live(binding: BindingRow): LiveVersion {
  const what = `version ${binding.activeVersion.id} of "${binding.activeVersion.flow.name}" bound to ${binding.address} (${binding.environment})`;
  return {
    address: binding.address,
    environment: binding.environment,
    flowName: binding.activeVersion.flow.name,
    versionId: binding.activeVersion.id,
    versionNumber: binding.activeVersion.number,
    compiled: asCompiledFlow(binding.activeVersion.compiled, what),
  };
}

/**
 * Live versions from the platform's database: `bindings` (address + environment → active version) joined to
 * `flow_versions.compiled`. Every call reads the database (errors propagate): caching, and serving cached
 * versions while the database is down, is the registry's job.
 *
 * `flowByName` (sub-flows) answers the version a binding of that flow runs in the environment (the most recently
 * changed binding when there are several); a flow nobody binds directly — the usual sub-flow — answers its
 * latest published version, since publishing requires the sub-flows it calls to be published first.
 *
 * A stored version that is not a runnable compiled flow throws {@link UnrunnableVersionError} from
 * `liveVersion`/`flowByName`; `liveVersions` leaves it out and logs it, so one bad row does not stop start-up.
 */
export function createVersionSource(db: Pick<Database, 'prisma'>, options: { logger?: Logger } = {}): VersionSource {
  const logger = options.logger ?? quietLogger();
  return {
    async liveVersions(environment) {
      const env = environmentOf(environment);
      if (!env) return [];
      const bindings = await db.prisma.binding.findMany({ where: { environment: env }, select: bindingSelect, orderBy: { address: 'asc' } });
      return bindings.flatMap((binding) => {
        try {
          return [live(binding)];
        } catch (error) {
          logger.error({ err: error, address: binding.address, environment }, 'binding skipped: its version cannot run');
          return [];
        }
      });
    },

    async liveVersion(address, environment) {
      const env = environmentOf(environment);
      if (!env) return null;
      const binding = await db.prisma.binding.findUnique({ where: { address_environment: { address, environment: env } }, select: bindingSelect });
      return binding ? live(binding) : null;
    },

    async flowByName(name, environment) {
      const env = environmentOf(environment);
      if (!env) return null;
      const bound = await db.prisma.binding.findFirst({
        where: { environment: env, flow: { name } },
        orderBy: { updatedAt: 'desc' },
        select: { activeVersion: { select: { compiled: true } } },
      });
      if (bound) return asCompiledFlow(bound.activeVersion.compiled, `sub-flow "${name}" (${environment})`);
      const latest = await db.prisma.flowVersion.findFirst({ where: { flow: { name } }, orderBy: { number: 'desc' }, select: { compiled: true, number: true } });
      return latest ? asCompiledFlow(latest.compiled, `sub-flow "${name}" version ${latest.number}`) : null;
    },
  };
}
