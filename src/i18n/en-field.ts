/**
 * The expression field's English strings: they ship in the field's lazy chunk (custom.ts), not
 * in the bundle every page loads, and custom.ts adds them with addStrings('en', enField). The
 * Korean set (ko.ts, itself lazy) has them as every other key.
 */
export const enField = {
  expressionLabel: 'Expression in x and y',
  xRange: 'x range',
  yRange: 'y range',
  to: 'to',
  'x-min': 'x min',
  'x-max': 'x max',
  'y-min': 'y min',
  'y-max': 'y max',
  boundNotNumber: '{bound} must be a number, got "{text}".',
  boundOrder: '{axis} max must be greater than {axis} min ({lo}), got {hi}.',
  boundOrderMin: '{axis} min must be less than {axis} max ({hi}), got {lo}.',
  typeExpression: 'Type an expression in x and y.',
  compilerFailed: 'Could not load the expression compiler; check the connection and type again.',
  expressionBusy: 'Finding critical points…',
  expressionHint: 'mathjs syntax in x and y: + − * / ^, sin, cos, exp, log, sqrt, abs, min, max, pi, e …',
};
