/** Something wrong in a form, at the field it is about (`['http', 0, 'status']`), in words. */
export interface FormProblem {
  field: readonly (string | number)[];
  /** A message key of the simulator's form catalogue (`simulator.form.problems.*`) or zod's own message. */
  message: string;
  /** Whether `message` is a key to translate (ours) or already text (zod's, translated by zod's locale). */
  translate: boolean;
}

/** `['http', 0, 'status']` → `http.0.status`: the key a form field looks its problems up by. */
export function fieldId(field: readonly (string | number)[]): string {
  return field.join('.');
}
