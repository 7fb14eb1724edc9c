import type { Context } from "../../trpc.js";
import type { CompiledByNamesInput } from "./inputs.js";
import { liveSubflows, type LiveSubflows } from "./live-subflows.js";

/**
 * What the browser simulator links a flow with: the live (or latest published) compiled version of each named
 * flow and of every sub-flow those call, plus the names that have no published version.
 */
export function compiledByNames(ctx: Context, input: CompiledByNamesInput): Promise<LiveSubflows> {
  return liveSubflows(ctx, input.names);
}
