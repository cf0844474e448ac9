/** Formats a value for an error message: strings quoted, arrays and objects as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  } catch {
    return String(value);
  }
}

/**
 * A bad option: the message names the option and the value, e.g.
 * `option "lr" must be a number >= 0, got -0.1`.
 */
export class OptionError extends RangeError {
  readonly option: string;
  readonly value: unknown;
  constructor(option: string, value: unknown, requirement: string) {
    super(`option "${option}" ${requirement}, got ${show(value)}`);
    this.name = 'OptionError';
    this.option = option;
    this.value = value;
  }
}
