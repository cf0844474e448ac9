/**
 * Whether this page lets code be compiled at run time (`new Function`). A Content Security Policy
 * without 'unsafe-eval' refuses it, and every refusal is a `securitypolicyviolation` report sent
 * to the host page's report endpoint; so the first refusal is remembered for the whole page, by
 * the step loops (core/trajectory.ts) and the expression compiler alike, and nothing tries again.
 */
let allowed = true;

export function evalAllowed(): boolean {
  return allowed;
}

/** Remembers that `new Function` was refused (an EvalError), once for the page. */
export function evalRefused(): void {
  allowed = false;
}

/** For tests: behave as under a strict CSP (false) or as on an ordinary page (true). */
export function setEvalAllowed(value: boolean): void {
  allowed = value;
}
