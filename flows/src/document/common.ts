import { z } from 'zod';

/** Node and edge ids: stable, URL- and CSS-safe. */
export const IdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "-" and "_"');

/** A short machine name for outlets, branch keys and outcomes. */
export const KeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and contain only letters, digits and "_"');

/** A flow's name is its identity across environments and in sub-flow references (never a database id). */
export const FlowNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'must start with a letter or digit and use only letters, digits, spaces, ".", "_" and "-"');

/** Language tags as used for prompts: `en`, `en-GB`, `zh-CN`. */
export const LanguageSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or zh-CN');

/** Canvas position. Not part of the compiled flow: moving a node never changes behaviour or hash. */
export const PositionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

/**
 * What the caller hears: text-to-speech per language and/or a recorded audio file (a path or URL the switch
 * can play). Text may use `${variable}` placeholders. An audio file, when set, is played instead of the text.
 */
export const PromptSchema = z.object({
  text: z.record(LanguageSchema, z.string().max(2000)).default({}),
  audio: z.string().min(1).max(500).optional(),
});
export type Prompt = z.infer<typeof PromptSchema>;

/** A prompt field that may be left out (e.g. an optional "invalid choice" message). */
export const OptionalPromptSchema = PromptSchema.optional();

/** Time of day, 24h `HH:MM` (`24:00` allowed as end of day). */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM');

/** The DTMF keys of a phone keypad. */
export const DtmfKeySchema = z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#']);
export type DtmfKey = z.infer<typeof DtmfKeySchema>;

/** Variable types a flow can declare; they map onto CEL types for expressions. */
export const VariableTypeSchema = z.enum(['string', 'integer', 'number', 'boolean']);
export type VariableType = z.infer<typeof VariableTypeSchema>;

export const VariableNameSchema = z
  .string()
  .regex(/^[a-z_][A-Za-z0-9_]{0,63}$/, 'must start with a lower-case letter or "_" and contain only letters, digits and "_"');

export const VariableDeclarationSchema = z.object({
  name: VariableNameSchema,
  type: VariableTypeSchema,
  description: z.string().max(500).optional(),
  /** Value at call start; when absent: "", 0 or false by type. */
  initial: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
export type VariableDeclaration = z.infer<typeof VariableDeclarationSchema>;

/** Values held in flow variables. Always JSON-serialisable. */
export type VariableValue = string | number | boolean | null;
