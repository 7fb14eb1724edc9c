import type { EffectExecutor } from './types.js';

/** Flow variables live in the interpreter's state; nothing to tell the switch. */
export const setVariable: EffectExecutor<'setVariable'> = () => undefined;
