/**
 * The elements' English strings: every control, label, badge, aria label, error-message prefix
 * and announcement. `{name}` marks a parameter filled in by `t()`. ko.ts has the same keys (a
 * missing one is a type error).
 */
export const en = {
  surface: 'Surface',
  customExpression: 'Custom expression…',
  layout: 'Layout',
  overlay: 'Overlay',
  grid: 'Grid',
  map: 'Basins',
  play: 'Play',
  pause: 'Pause',
  stepButton: 'Step',
  nextStep: 'Next step',
  reset: 'Reset',
  resetLabel: 'Reset to step 0',
  restoreRace: 'Default race',
  inspect: 'Show inner state',
  timeline: 'Step',
  timelineValue: 'step {k} of {n}',
  readout: 'step {k} / {n}',
  speed: 'Speed',
  speedLabel: 'Speed in steps per second',
  speedOption: '{n} steps/s',
  steps: 'Steps',
  stepsLabel: 'Steps per run',
  copyEmbed: 'Copy embed code',
  export: 'Export',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  loadingCompiler: 'Loading the expression compiler…',
  optimizers: 'Optimizers',
  showOptimizers: 'Optimizers',
  showDetails: 'Loss and update rule',
  runToggle: 'Run {name}',
  showRule: "Show {name}'s update rule",
  moreSettings: 'More settings',
  moreSettingsFor: 'More settings for {name}',
  remove: 'Remove',
  removeNamed: 'Remove {name}',
  lr: 'lr',
  lrValue: 'learning rate {v}',
  noise: 'noise σ',
  batch: 'batch',
  fullBatch: 'full batch',
  add: 'Add',
  addLabel: 'Add an optimizer',
  addPlaceholder: 'optimizer…',
  addFull: 'at most {max} runs',
  divergedAt: 'diverged at step {k}',
  convergedAt: 'converged at step {k}',
  announceDiverged: '{name} diverged at step {k}',
  announceConverged: '{name} converged at step {k}',
  ruleOf: '{name}: update rule',
  runLegend: 'Legend: click or tap a run to highlight it',
  highlightRun: 'Highlight {name}',
  stepTooltip: 'step {k}',
  criticalPoints: 'Critical points',
  'global-min': 'global minimum',
  'local-min': 'local minimum',
  saddle: 'saddle point',
  'local-max': 'local maximum',
  startPoint: 'Start point',
  startRole: '2D start point',
  startValue: 'x {x}, y {y}, loss {loss}',
  startTitle: 'Start: {value}. Drag, or use the arrow keys (Shift or Page Up/Down for bigger steps).',
  mapLabel: '{surface}: contour map with {n} trajectories',
  chartLabel: 'Loss against step for {n} optimizers',
  logScale: ', log scale',
  stepAxis: 'step',
  logSuffix: ' (log)',
  attribute: 'Attribute {name}="{value}" {message}.',
  attributeNeedsCompiler: 'Attribute expression="{value}" needs the expression compiler, which could not be loaded.',
  attributeExpression: 'Attribute expression="{value}": {message}.',
  domainNeedsExpression: 'Attribute domain="{value}" is the window of a typed-in surface and needs the expression attribute; ignored.',
  unknownOptimizer: 'Attribute optimizers="{value}" names {names}, which is not an optimizer; use {ids}.',
  heightRange: 'must be a number of pixels from {min} to {max}; using {fallback}',
  flatSurface: 'Flat: f ≈ {value} all over this window, so the map has one colour and no contour lines.',
  undefinedSurface: 'f is not finite anywhere in this window: nothing to draw.',
  tooManyRuns: '{source} lists {n} runs; only the first {max} are raced.',
  tooManySteps: 'Attribute steps="{steps}" × {runs} runs is over {max} steps in all; each run takes {fit}.',
  unknownOptimizers: 'Attribute optimizers="{value}" names {names}, which are not optimizers; use {ids}.',
  configExpression: 'config.expr "{value}": {message}.',
  surfaceUnavailable: 'The surface "{id}" could not be loaded (is the folder of descent-lab.js reachable?); showing Rosenbrock instead.',
  customUnavailable: 'The expression field could not be loaded (is the folder of descent-lab.js reachable?).',
  configNeedsCompiler: 'config.expr "{value}" needs the expression compiler, which could not be loaded.',
  criticalPartial: 'Partial: the critical-point search hit its budget; some may be unmarked.',
};

/**
 * The expression field's strings (en-field.ts), the optimizer list's further settings'
 * (en-settings.ts), the inner-state view's (en-inspect.ts), training's (en-training.ts), the map
 * layout's (en-map.ts), the export's (en-export.ts), the rule panel's (en-rule.ts) and the embed
 * code's (en-embed.ts), which come with their lazy chunks and are added to the English set when
 * they load (addStrings); a language's set has them all the same.
 */
export type StringKey =
  | keyof typeof en
  | keyof typeof import('./en-field').enField
  | keyof typeof import('./en-settings').enSettings
  | keyof typeof import('./en-inspect').enInspect
  | keyof typeof import('./en-training').enTraining
  | keyof typeof import('./en-map').enMap
  | keyof typeof import('./en-export').enExport
  | keyof typeof import('./en-rule').enRule
  | keyof typeof import('./en-embed').enEmbed;
/** A language's strings: every key of the English set, each a string. */
export type Strings = { readonly [K in StringKey]: string };
