import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { isPresetId, presetIds, resolveHyper, type HyperValue } from '../../core/optimizers/index';
import { trajectory } from '../../core/trajectory';
import type { Domain, Point, Surface, Trajectory } from '../../core/types';
import { assignColors } from '../../render/colors';
import { criticalKinds, criticalLabels, criticalSymbol } from '../../render/markers';
import { panelHeight } from '../../render/scales';
import {
  DEFAULT_EXPRESSION_DOMAIN,
  DEFAULT_SURFACE,
  defaultConfig,
  getSurface,
  isSurfaceId,
  layouts,
  newEntry,
  normalizeConfig,
  raceOf,
  runLabels,
  surfaceIds,
  type Config,
  type Layout,
  type OptimizerEntry,
} from '../../state/config';
import { customConfig, withCustomRace } from '../../state/custom-race';
import {
  checkHyper,
  parseDomain,
  parseExpression,
  parseLayout,
  parsePresetList,
  parseSpeed,
  parseStart,
  parseSteps,
  parseSurface,
  type Parsed,
} from '../../state/parse';
import { clock, type ClockClient } from '../shared/clock';
import { define } from '../shared/define';
import { expressionModule, loadedExpressionModule } from '../shared/expressions';
import type { ConfigChangeDetail, PanelRun, StartChangeDetail, StepDetail } from '../shared/types';
import { DescentOptimizer } from '../descent-optimizer/descent-optimizer';
import type { DescentSurface } from '../descent-surface/descent-surface';
import type { DescentLossChart } from '../descent-loss-chart/descent-loss-chart';
import '../descent-surface/descent-surface';
import '../descent-loss-chart/descent-loss-chart';
import { ExpressionField, expressionFieldStyles, type ExpressionChange } from './expression-field';
import { divergedBadge, optimizerList, type EntryRun, type OptimizerListHost } from './optimizer-list';
import { rulePanel } from './rule-panel';
import { styles } from './descent-playground.styles';

/** Attributes that describe the configuration; a change to any rebuilds it. */
const CONFIG_ATTRIBUTES = ['surface', 'expression', 'domain', 'optimizers', 'start', 'steps', 'speed', 'layout'] as const;

/** The surface picker's value for a typed-in surface. */
const CUSTOM = 'custom';

const SPEEDS = [10, 30, 60, 120, 250, 500, 1000];

/** Wide enough for the three-column layout; below this the parts stack. */
const NARROW_BELOW = 980;

/** A surface panel's axes margins (descent-surface's) and the critical-point legend's height. */
const AXES_W = 52;
const AXES_H = 36;
const LEGEND_H = 24;
const GRID_GAP = 8;

/**
 * The whole tool: a surface picker, the optimizers racing on it (each toggled, tuned and
 * explained), contour panels overlaid or side by side, playback, a timeline and the loss chart.
 *
 * Configure it with attributes, `<descent-optimizer>` children (which win over `optimizers`), or
 * the `config` property. Bad attribute values are shown in the `error` part, warned about in the
 * console, and replaced by defaults; the rest of the widget still works.
 *
 * Playback runs on the page's one animation clock and only while the element is on screen. A
 * frame moves the step imperatively (panels, chart cursor, timeline, readout); lit re-renders
 * only when something else changes.
 *
 * @element descent-playground
 *
 * @attr {string} surface - Catalog surface id (default rosenbrock); its default race is loaded.
 * @attr {string} expression - A typed-in surface instead: f in x and y, mathjs syntax, e.g.
 *   "sin(x)*cos(y) + 0.1*(x^2+y^2)". Loads the expression compiler (and mathjs) on demand; if it
 *   does not compile, the message is shown and `surface` (or the default) is used.
 * @attr {string} domain - The typed-in surface's window, "xmin xmax ymin ymax" (default "-5 5 -5 5").
 * @attr {string} optimizers - Space-separated preset ids, e.g. "sgd momentum adam".
 * @attr {string} start - Start point "x y" (default: the surface's own).
 * @attr {number} steps - Steps per run (default: the surface's race).
 * @attr {number} speed - Animation speed in steps per second.
 * @attr {'overlay'|'grid'} layout - All paths on one map, or one synchronized panel per optimizer.
 * @attr {boolean} autoplay - Start playing once shown.
 *
 * @prop {Config} config - The whole configuration; setting it replaces everything.
 * @prop {string[]} notices - Extra messages for the error part (e.g. from a bad link).
 *
 * @fires {CustomEvent<ConfigChangeDetail>} descent-config-change - The configuration changed by
 *   interaction (not on every animation frame; the step is included when paused).
 * @fires {CustomEvent<StartChangeDetail>} descent-start-change - From the panels' start handle.
 * @fires {CustomEvent<StepDetail>} descent-step - From the loss chart.
 *
 * @csspart controls - The toolbar: surface, layout, playback, timeline.
 * @csspart play - The play / pause button.
 * @csspart step-button - The next-step button.
 * @csspart reset - The reset button.
 * @csspart timeline - The step slider.
 * @csspart step-readout - "step k / n".
 * @csspart loss-chart - The `<descent-loss-chart>`.
 * @csspart error - Messages about bad attributes, links or settings.
 * @csspart expression - The typed-in surface's field (shown for "Custom expression…").
 * @csspart expression-input - Its text input (aria-invalid while it does not compile).
 * @csspart expression-underline - The wavy underline under the characters at fault.
 * @csspart expression-error - Why it does not compile (a polite live region).
 * @csspart domain-input - The x and y range inputs, with `data-bound` x-min, x-max, y-min, y-max.
 * @csspart badge - A "diverged at step k" badge, with `data-optimizer`.
 * @csspart rule - The selected optimizer's update rule, summary and torch note.
 * @csspart panel - Each `<descent-surface>`; its parts are exported: surface, contours,
 *   trajectory, head, start-handle, critical-point.
 *
 * @cssprop --descent-height - Height of the tool in the wide layout (default 640px).
 * @cssprop --descent-font - Font stack.
 * @cssprop --descent-accent - Colour of primary buttons.
 * @cssprop --descent-focus - Focus ring colour.
 */
export class DescentPlayground extends LitElement implements ClockClient {
  static override styles = [styles, expressionFieldStyles];

  static override properties = {
    surface: { type: String },
    expression: { type: String },
    domain: { type: String },
    optimizers: { type: String },
    start: { type: String },
    steps: { type: String },
    speed: { type: String },
    layout: { type: String },
    autoplay: { type: Boolean },
    notices: { attribute: false },
    config: { attribute: false, noAccessor: true },
    playing: { state: true },
    selected: { state: true },
    expanded: { state: true },
    attributeErrors: { state: true },
    surfaceErrors: { state: true },
    customOpen: { state: true },
    fieldErrors: { state: true },
    mainWidth: { state: true },
    mainHeight: { state: true },
    narrow: { state: true },
  };

  declare surface: string | null;
  declare expression: string | null;
  declare domain: string | null;
  declare optimizers: string | null;
  declare start: string | null;
  declare steps: string | null;
  declare speed: string | null;
  declare layout: string | null;
  declare autoplay: boolean;
  declare notices: readonly string[];
  declare protected playing: boolean;
  declare protected selected: number;
  declare protected expanded: ReadonlySet<number>;
  declare protected attributeErrors: readonly string[];
  /** Why a typed-in surface set by script could not be used. */
  declare protected surfaceErrors: readonly string[];
  /** The expression field is open ("Custom expression…" chosen, nothing committed yet). */
  declare protected customOpen: boolean;
  declare protected fieldErrors: ReadonlyMap<string, string>;
  declare protected mainWidth: number;
  declare protected mainHeight: number;
  declare protected narrow: boolean;

  private _config: Config = defaultConfig();
  private configFromProperty = false;
  private attributesDirty = true;
  /** The playback step (integer) and the exact position the clock advances. */
  private step = 0;
  private position = 0;
  /** A step previewed by hovering the loss chart, shown instead of `step`. */
  private previewStep: number | null = null;
  private stopClock: (() => void) | undefined;
  private entryRuns: EntryRun[] = [];
  private panelRuns: PanelRun[] = [];
  private runCache = new Map<string, Trajectory>();
  private runCacheScope = '';
  private runsFor: Config | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private childObserver: MutationObserver | undefined;
  private autoplayed = false;
  /** Which runs showed a "diverged" badge at the last render. */
  private renderedBadges = '';
  /** The configuration's surface; undefined while the expression module it needs is loading. */
  private shown: Surface | undefined;
  /** Waiting for the expression module (undefined: not waiting). */
  private awaitingModule: Promise<unknown> | undefined;
  private moduleFailed = false;
  private readonly field = new ExpressionField(this, (change) => this.onExpression(change));

  constructor() {
    super();
    this.surface = null;
    this.expression = null;
    this.domain = null;
    this.optimizers = null;
    this.start = null;
    this.steps = null;
    this.speed = null;
    this.layout = null;
    this.autoplay = false;
    this.notices = [];
    this.playing = false;
    this.selected = 0;
    this.expanded = new Set();
    this.attributeErrors = [];
    this.surfaceErrors = [];
    this.customOpen = false;
    this.fieldErrors = new Map();
    this.mainWidth = 0;
    this.mainHeight = 0;
    this.narrow = false;
  }

  /** The whole configuration. Setting it replaces what attributes and children said. */
  get config(): Config {
    return { ...this._config, step: this.playing ? 0 : this.step };
  }

  set config(value: Config) {
    const old = this._config;
    const errors: string[] = [];
    this._config = normalizeConfig(value, errors);
    this.report(errors);
    this.surfaceErrors = [];
    if (this._config.expr === undefined) this.customOpen = false;
    this.configFromProperty = true;
    this.pause(false);
    this.step = this.position = this._config.step;
    this.previewStep = null;
    this.requestUpdate('config', old);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver ??= new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(this);
    const main = this.renderRoot?.querySelector?.('.main');
    if (main) this.resizeObserver.observe(main);
    this.childObserver ??= new MutationObserver((records) => {
      const isOptimizer = (n: Node) => n.nodeName.toLowerCase() === 'descent-optimizer';
      const touches = records.some((r) =>
        r.type === 'attributes' ? isOptimizer(r.target) : [...r.addedNodes, ...r.removedNodes].some(isOptimizer),
      );
      if (touches) {
        this.attributesDirty = true;
        this.configFromProperty = false;
        this.requestUpdate();
      }
    });
    this.childObserver.observe(this, { childList: true, subtree: true, attributes: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pause(false);
    this.resizeObserver?.disconnect();
    this.childObserver?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.hasUpdated && CONFIG_ATTRIBUTES.some((a) => changed.has(a))) {
      this.attributesDirty = true;
      this.configFromProperty = false;
    }
    if (this.attributesDirty) {
      // An expression attribute needs the compiled surface for its defaults: wait for the module.
      const waiting = !this.configFromProperty && this.expression !== null && !loadedExpressionModule() && !this.moduleFailed;
      if (waiting) {
        this.awaitModule();
      } else {
        this.attributesDirty = false;
        if (!this.configFromProperty) this.applyAttributes();
      }
    }
    this.shown = this.attributesDirty && !this.configFromProperty ? undefined : this.resolveSurface();
    if (this._config.expr !== undefined) this.field.show(this._config.expr, this._config.domain ?? DEFAULT_EXPRESSION_DOMAIN);
    if (this.shown && this.runsFor !== this._config) this.computeRuns(this.shown);
    if (this.selected >= this._config.optimizers.length) this.selected = 0;
  }

  protected override firstUpdated(): void {
    const main = this.renderRoot.querySelector('.main');
    if (main) this.resizeObserver?.observe(main);
    this.measure();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncStep();
    if (this.autoplay && !this.autoplayed) {
      this.autoplayed = true;
      this.play();
    }
  }

  private measure(): void {
    const width = this.getBoundingClientRect().width;
    const narrow = width > 0 && width < NARROW_BELOW;
    if (narrow !== this.narrow) this.narrow = narrow;
    const main = this.renderRoot.querySelector('.main');
    if (!main) return;
    const w = Math.floor(main.clientWidth);
    const h = Math.floor(main.clientHeight);
    if (w !== this.mainWidth) this.mainWidth = w;
    if (h !== this.mainHeight) this.mainHeight = h;
  }

  // ---- configuration ---------------------------------------------------------------------

  /** Loads the expression module, then updates again. */
  private awaitModule(): void {
    this.awaitingModule ??= expressionModule().then(
      () => {
        this.awaitingModule = undefined;
        this.requestUpdate();
      },
      () => {
        this.awaitingModule = undefined;
        this.moduleFailed = true;
        this.requestUpdate();
      },
    );
  }

  /**
   * The configuration's surface: a catalog one, or the typed-in one compiled (with its race), or
   * undefined while the expression module loads. An expression set by script that does not
   * compile is reported, and the configuration falls back to its catalog surface.
   */
  private resolveSurface(): Surface | undefined {
    const c = this._config;
    if (c.expr === undefined) return getSurface(c.surface);
    const module = loadedExpressionModule();
    let problem: string;
    if (module) {
      try {
        return withCustomRace(module.compileSurface(c.expr, { domain: c.domain ?? DEFAULT_EXPRESSION_DOMAIN }));
      } catch (error) {
        problem = `config.expr "${c.expr}": ${(error as Error).message}.`;
      }
    } else if (!this.moduleFailed) {
      this.awaitModule();
      return undefined;
    } else {
      problem = `config.expr "${c.expr}" needs the expression compiler, which could not be loaded.`;
    }
    this.report([problem]);
    this.surfaceErrors = [problem];
    this._config = { ...defaultConfig(c.surface), layout: c.layout };
    this.customOpen = false;
    return getSurface(this._config.surface);
  }

  private report(errors: readonly string[]): void {
    for (const e of errors) console.warn(`descent-playground: ${e}`);
  }

  /** Builds the configuration from attributes and `<descent-optimizer>` children. */
  private applyAttributes(): void {
    const errors: string[] = [];
    const read = <T>(name: string, text: string | null, parse: (t: string) => Parsed<T>): T | undefined => {
      if (text === null) return undefined;
      const r = parse(text);
      if (r.ok) return r.value;
      errors.push(`Attribute ${name}="${text}" ${r.message}.`);
      return undefined;
    };
    let base = defaultConfig(read('surface', this.surface, parseSurface));
    let raceSurface: string | Surface = base.surface;
    if (this.expression !== null) {
      const expr = read('expression', this.expression, parseExpression);
      const domain = read('domain', this.domain, parseDomain) ?? DEFAULT_EXPRESSION_DOMAIN;
      const module = loadedExpressionModule();
      if (expr !== undefined && !module) {
        errors.push(`Attribute expression="${this.expression}" needs the expression compiler, which could not be loaded.`);
      } else if (expr !== undefined && module) {
        try {
          const compiled = module.compileSurface(expr, { domain });
          base = customConfig(compiled, expr, domain, base.surface);
          raceSurface = withCustomRace(compiled);
        } catch (error) {
          errors.push(`Attribute expression="${this.expression}": ${(error as Error).message}.`);
        }
      }
    } else if (this.domain !== null) {
      errors.push(`Attribute domain="${this.domain}" is the window of a typed-in surface and needs the expression attribute; ignored.`);
    }
    let optimizers: readonly OptimizerEntry[] = base.optimizers;
    const children = [...this.querySelectorAll(':scope > descent-optimizer')] as DescentOptimizer[];
    if (children.length) {
      const entries: OptimizerEntry[] = [];
      for (const child of children) {
        // A child not yet upgraded still has its attributes: read them with the class's method.
        const { entry, errors: childErrors } = DescentOptimizer.prototype.readEntry.call(child);
        errors.push(...childErrors);
        if (entry) entries.push({ ...entry, hyper: { ...newEntry(entry.kind, raceSurface).hyper, ...entry.hyper } });
      }
      if (entries.length) optimizers = entries;
    } else if (this.optimizers !== null) {
      const { ids, unknown } = parsePresetList(this.optimizers);
      if (unknown.length) {
        const names = unknown.map((u) => `"${u}"`).join(', ');
        const verb = unknown.length > 1 ? 'are not optimizers' : 'is not an optimizer';
        errors.push(`Attribute optimizers="${this.optimizers}" names ${names}, which ${verb}; use ${presetIds.join(', ')}.`);
      }
      if (ids.length) optimizers = ids.map((id) => newEntry(id, raceSurface));
    }
    this._config = {
      surface: base.surface,
      ...(base.expr !== undefined ? { expr: base.expr, domain: base.domain } : {}),
      optimizers,
      start: read('start', this.start, parseStart) ?? base.start,
      steps: read('steps', this.steps, parseSteps) ?? base.steps,
      speed: read('speed', this.speed, parseSpeed) ?? base.speed,
      layout: read('layout', this.layout, parseLayout) ?? base.layout,
      step: 0,
    };
    this.step = this.position = 0;
    this.surfaceErrors = [];
    this.customOpen = base.expr !== undefined;
    this.attributeErrors = errors;
    this.report(errors);
  }

  /** Applies a change made by interaction and tells listeners. */
  private commit(patch: Partial<Config>): void {
    this._config = { ...this._config, ...patch };
    this.requestUpdate();
    this.dispatchEvent(
      new CustomEvent<ConfigChangeDetail>('descent-config-change', {
        detail: { config: this.config },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private setEntry(index: number, entry: OptimizerEntry): void {
    this.commit({ optimizers: this._config.optimizers.map((e, i) => (i === index ? entry : e)) });
  }

  /** Runs every enabled optimizer; unchanged runs come from a cache keyed by their inputs. */
  private computeRuns(surface: Surface): void {
    const c = this._config;
    const scope = `${surface.id}|${c.start[0]},${c.start[1]}|${c.steps}`;
    if (scope !== this.runCacheScope) {
      this.runCache = new Map();
      this.runCacheScope = scope;
    }
    const colors = assignColors(c.optimizers.map((e) => e.kind));
    const labels = runLabels(c.optimizers);
    const used = new Map<string, Trajectory>();
    this.entryRuns = c.optimizers.map((entry, index) => {
      const base = { entry, index, label: labels[index], color: colors[index] };
      let hyper: Readonly<Record<string, HyperValue>>;
      try {
        hyper = resolveHyper(entry.kind, entry.hyper);
      } catch (error) {
        return { ...base, error: (error as Error).message };
      }
      if (!entry.enabled) return { ...base, hyper };
      // Each noisy entry draws its own seeded noise stream, so two noisy runs differ.
      const noise = entry.noise ? { sd: entry.noise, seed: index + 1 } : undefined;
      const key = `${entry.kind}|${JSON.stringify(hyper)}|${noise ? `${noise.sd}@${noise.seed}` : ''}`;
      const run =
        used.get(key) ??
        this.runCache.get(key) ??
        trajectory({ surface, optimizer: entry.kind, hyper, start: c.start, steps: c.steps, noise });
      used.set(key, run);
      return { ...base, hyper, trajectory: run };
    });
    this.runCache = used;
    this.panelRuns = this.entryRuns.flatMap((r) =>
      r.trajectory ? [{ key: String(r.index), label: r.label, color: r.color, trajectory: r.trajectory }] : [],
    );
    this.runsFor = c;
  }

  // ---- playback --------------------------------------------------------------------------

  /** Step shown: a hover preview if any, else the playback step. */
  private get shownStep(): number {
    return this.previewStep ?? this.step;
  }

  /** Moves every view to the shown step without re-rendering (re-renders only for new badges). */
  private syncStep(): void {
    const k = this.shownStep;
    const root = this.renderRoot;
    for (const panel of root.querySelectorAll<DescentSurface>('descent-surface')) panel.step = k;
    const chart = root.querySelector<DescentLossChart>('descent-loss-chart');
    if (chart) chart.step = k;
    const timeline = root.querySelector<HTMLInputElement>('[part~="timeline"]');
    if (timeline) {
      timeline.value = String(k);
      timeline.setAttribute('aria-valuetext', `step ${k} of ${this._config.steps}`);
    }
    const readout = root.querySelector('[part~="step-readout"]');
    if (readout) readout.textContent = `step ${k} / ${this._config.steps}`;
    if (this.badgeKey(k) !== this.renderedBadges) this.requestUpdate();
  }

  private badgeKey(k: number): string {
    return this.entryRuns
      .filter((r) => r.trajectory?.divergedAt !== undefined && k >= r.trajectory.divergedAt)
      .map((r) => r.index)
      .join(',');
  }

  /** Called by the animation clock on each frame while playing and on screen. */
  tick(_now: number, dt: number): void {
    const { steps, speed } = this._config;
    this.position = Math.min(steps, this.position + (dt * speed) / 1000);
    const next = Math.floor(this.position);
    if (next !== this.step) {
      this.step = next;
      this.syncStep();
    }
    if (this.position >= steps) this.pause();
  }

  /** Starts the race (from the beginning when it has ended). */
  play(): void {
    if (this.playing) return;
    if (this.step >= this._config.steps) this.step = this.position = 0;
    this.position = Math.max(this.position, this.step);
    this.previewStep = null;
    this.playing = true;
    this.stopClock = clock.subscribe(this, this);
  }

  /** Stops at the current step; `notify` fires descent-config-change with it. */
  pause(notify = true): void {
    this.stopClock?.();
    this.stopClock = undefined;
    if (!this.playing) return;
    this.playing = false;
    if (notify) this.commit({ step: this.step });
  }

  /** Shows step `k`, paused. */
  seek(k: number): void {
    const step = Math.max(0, Math.min(this._config.steps, Math.round(k)));
    this.pause(false);
    this.step = this.position = step;
    this.previewStep = null;
    this.syncStep();
    this.commit({ step });
  }

  /** Back to step 0, paused. */
  reset(): void {
    this.seek(0);
  }

  // ---- event handlers --------------------------------------------------------------------

  private onStart = (e: CustomEvent<StartChangeDetail>) => {
    const start: Point = e.detail.start;
    const [x, y] = this._config.start;
    if (start[0] !== x || start[1] !== y || e.detail.final) this.commit({ start });
  };

  private onChartStep = (e: CustomEvent<StepDetail>) => {
    const { step, preview } = e.detail;
    if (preview) {
      this.previewStep = step;
      this.syncStep();
    } else if (step !== null) {
      this.seek(step);
    }
  };

  private onSurface = (e: Event) => {
    const id = (e.target as HTMLSelectElement).value;
    if (id === CUSTOM) {
      this.openCustom();
      return;
    }
    if (!isSurfaceId(id)) return;
    this.customOpen = false;
    this.surfaceErrors = [];
    this.pause(false);
    this.step = this.position = 0;
    this.previewStep = null;
    this.selected = 0;
    this.expanded = new Set();
    this.fieldErrors = new Map();
    this.commit({ ...defaultConfig(id), layout: this._config.layout });
  };

  /** "Custom expression…": the field opens on the current surface's own expression and window. */
  private openCustom(): void {
    const surface = this.shown ?? getSurface(this._config.surface);
    this.customOpen = true;
    this.field.open(surface.expr, surface.domain);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('[part~="expression-input"]')?.focus());
  }

  /**
   * A typed-in surface compiled. The optimizer list stays (kinds, labels, on/off, settings) but
   * each learning rate is re-picked for the new surface (see state/custom-race.ts), since the
   * right rate depends on the surface's scale. The start stays where it is if it is inside the
   * new window and f is finite there (so editing a formula keeps the race comparable), else it
   * moves to the new surface's own start. Steps, speed and layout are kept.
   */
  private onExpression(change: ExpressionChange): void {
    // The field was closed (a catalog surface picked) while this compiled: too late.
    if (!this.customOpen && this._config.expr === undefined) return;
    const { expr, domain, surface } = change;
    const c = this._config;
    const fresh = customConfig(surface, expr, domain, DEFAULT_SURFACE);
    const raced = withCustomRace(surface);
    const optimizers = c.optimizers.map((entry) => {
      const lr = newEntry(entry.kind, raced).hyper.lr;
      return lr === undefined ? entry : { ...entry, hyper: { ...entry.hyper, lr } };
    });
    const [x, y] = c.start;
    const keep = inDomain(c.start, domain) && Number.isFinite(surface.f(x, y));
    this.pause(false);
    this.step = this.position = 0;
    this.previewStep = null;
    this.fieldErrors = new Map();
    this.surfaceErrors = [];
    this.commit({
      surface: fresh.surface,
      expr,
      domain: fresh.domain,
      optimizers: optimizers.length ? optimizers : fresh.optimizers,
      start: keep ? c.start : fresh.start,
      step: 0,
    });
  }

  private onSpeed = (e: Event) => {
    const speed = Number((e.target as HTMLSelectElement).value);
    if (speed > 0) this.commit({ speed });
  };

  private onSteps = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const parsed = parseSteps(input.value);
    if (!parsed.ok) {
      input.value = String(this._config.steps);
      return;
    }
    this.pause(false);
    this.step = this.position = Math.min(this.step, parsed.value);
    this.commit({ steps: parsed.value, step: this.step });
  };

  /** State and callbacks for the optimizer list's templates. */
  private get listHost(): OptimizerListHost {
    return {
      runs: this.entryRuns,
      step: this.shownStep,
      selected: this.selected,
      expanded: this.expanded,
      fieldErrors: this.fieldErrors,
      toggle: (index, enabled) => this.setEntry(index, { ...this._config.optimizers[index], enabled }),
      select: (index) => (this.selected = index),
      toggleMore: (index) => {
        const expanded = new Set(this.expanded);
        if (!expanded.delete(index)) expanded.add(index);
        this.expanded = expanded;
      },
      remove: (index) => {
        const expanded = new Set<number>();
        for (const i of this.expanded) if (i !== index) expanded.add(i > index ? i - 1 : i);
        this.expanded = expanded;
        if (this.selected >= index && this.selected > 0) this.selected--;
        this.fieldErrors = new Map();
        this.commit({ optimizers: this._config.optimizers.filter((_, i) => i !== index) });
      },
      setNoise: (index, sd) => {
        const entry = this._config.optimizers[index];
        const { noise: _old, ...rest } = entry;
        const errors = new Map(this.fieldErrors);
        errors.delete(`${index}:noise`);
        this.fieldErrors = errors;
        this.setEntry(index, sd > 0 ? { ...rest, noise: sd } : rest);
      },
      setHyper: (index, key, value) => {
        const entry = this._config.optimizers[index];
        const hyper = { ...entry.hyper, [key]: value };
        const check = checkHyper(entry.kind, hyper);
        const errors = new Map(this.fieldErrors);
        if (check.ok) errors.delete(`${index}:${key}`);
        else errors.set(`${index}:${key}`, check.message);
        this.fieldErrors = errors;
        if (check.ok) this.setEntry(index, { ...entry, hyper });
      },
      fieldError: (index, key, message) => {
        this.fieldErrors = new Map(this.fieldErrors).set(`${index}:${key}`, message);
      },
      add: (kind) => {
        if (!isPresetId(kind)) return;
        const optimizers = [...this._config.optimizers, newEntry(kind, this.shown ?? this._config.surface)];
        this.selected = optimizers.length - 1;
        this.commit({ optimizers });
      },
    };
  }

  // ---- rendering -------------------------------------------------------------------------

  private renderErrors() {
    const all = [...this.attributeErrors, ...this.surfaceErrors, ...this.notices];
    if (!all.length) return nothing;
    return html`<div part="error" role="alert">
      ${all.length === 1 ? all[0] : html`<ul>${all.map((m) => html`<li>${m}</li>`)}</ul>`}
    </div>`;
  }

  private renderControls(surface: Surface) {
    const c = this._config;
    const speeds = SPEEDS.includes(c.speed) ? SPEEDS : [...SPEEDS, c.speed].sort((a, b) => a - b);
    const custom = this.customOpen || c.expr !== undefined;
    const layoutButton = (l: Layout) =>
      html`<button
        type="button"
        aria-pressed=${String(c.layout === l)}
        data-layout=${l}
        @click=${() => c.layout !== l && this.commit({ layout: l })}
      >
        ${l === 'overlay' ? 'Overlay' : 'Grid'}
      </button>`;
    return html`<div part="controls">
      <div class="row">
        <label class="field"
          >Surface
          <select @change=${this.onSurface} aria-label="Surface">
            ${surfaceIds.map((id) => html`<option value=${id} ?selected=${!custom && id === surface.id}>${getSurface(id).label}</option>`)}
            <option value=${CUSTOM} ?selected=${custom}>Custom expression…</option>
          </select></label
        >
        <span class="note" title=${surface.note}>${surface.note}</span>
        <span class="field" id="layout-label">Layout</span>
        <span class="segmented" role="group" aria-labelledby="layout-label">${layouts.map(layoutButton)}</span>
      </div>
      ${custom ? this.field.render() : nothing}
      <div class="row">
        <button
          type="button"
          class="primary"
          part="play"
          aria-label=${this.playing ? 'Pause' : 'Play'}
          @click=${() => (this.playing ? this.pause() : this.play())}
        >
          ${this.playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" part="step-button" aria-label="Next step" @click=${() => this.seek(this.step + 1)}>Step ›</button>
        <button type="button" part="reset" aria-label="Reset to step 0" @click=${() => this.reset()}>↺ Reset</button>
        <input
          type="range"
          part="timeline"
          aria-label="Step"
          min="0"
          max=${c.steps}
          step="1"
          @input=${(e: Event) => this.seek(Number((e.target as HTMLInputElement).value))}
        />
        <span class="readout" part="step-readout" aria-live="off"></span>
        <label class="field"
          >Speed
          <select @change=${this.onSpeed} aria-label="Speed in steps per second">
            ${speeds.map((s) => html`<option value=${s} ?selected=${s === c.speed}>${s} steps/s</option>`)}
          </select></label
        >
        <label class="field"
          >Steps
          <input
            type="number"
            min="1"
            max="20000"
            step="50"
            .value=${String(c.steps)}
            @change=${this.onSteps}
            aria-label="Steps per run"
        /></label>
      </div>
    </div>`;
  }

  private legendRow(surface: Surface) {
    const kinds = criticalKinds.filter((k) => surface.critical.some((c) => c.kind === k));
    if (!kinds.length) return nothing;
    return html`<div class="legend-row" aria-label="Critical points">
      ${kinds.map(
        (k) => html`<span
          ><svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
            <path d=${criticalSymbol(k, 50)} fill="#fff" stroke="#222" stroke-width="1.2"></path></svg
          >${criticalLabels[k]}</span
        >`,
      )}
    </div>`;
  }

  /** The panel width (and columns) that fits `count` panels of this surface in the main area. */
  private panelLayout(surface: Surface, count: number, axes: boolean): { width: number; columns: number } {
    const aspect = panelHeight(surface.domain, 1000) / 1000;
    const W = this.mainWidth;
    // Stacked (narrow) layouts scroll, so height is free: allow about 1.5 widths, which puts
    // small multiples two or three to a row instead of one.
    const H = this.narrow || !(this.mainHeight > 0) ? 1.5 * W : this.mainHeight - LEGEND_H;
    const extraW = axes ? AXES_W : 2;
    const extraH = axes ? AXES_H : 2;
    let best = { plot: 0, columns: 1 };
    for (let cols = 1; cols <= Math.max(1, count); cols++) {
      const rows = Math.ceil(count / cols);
      const byWidth = (W - GRID_GAP * (cols - 1)) / cols - extraW;
      const byHeight = ((H - GRID_GAP * (rows - 1)) / rows - extraH) / aspect;
      const plot = Math.floor(Math.min(byWidth, byHeight));
      if (plot > best.plot) best = { plot, columns: cols };
    }
    return { width: best.plot + extraW, columns: best.columns };
  }

  private renderPanels(surface: Surface, badgeStep: number) {
    const { start, layout } = this._config;
    const runs = this.panelRuns;
    if (!this.mainWidth) return nothing;
    const parts = 'surface, contours, trajectory, head, start-handle, critical-point, legend';
    if (layout === 'overlay') {
      const { width } = this.panelLayout(surface, 1, true);
      const badges = this.entryRuns.map((r) => divergedBadge(r, badgeStep)).filter((b) => b !== nothing);
      return html`<descent-surface
          part="panel"
          exportparts=${parts}
          style="width:${width}px"
          no-legend
          .surface=${surface}
          .start=${start}
          .runs=${runs}
          >${badges.length ? html`<div class="badges">${badges}</div>` : nothing}</descent-surface
        >${this.legendRow(surface)}`;
    }
    const { width, columns } = this.panelLayout(surface, runs.length, false);
    return html`<div class="grid" style="grid-template-columns: repeat(${columns}, ${width}px)">
        ${repeat(
          runs,
          (r) => r.key,
          (r) => html`<descent-surface
            part="panel"
            exportparts=${parts}
            no-axes
            no-legend
            .surface=${surface}
            .start=${start}
            .runs=${[r]}
          >
            <span class="panel-title" style="--c:${r.color}"
              ><span class="swatch" aria-hidden="true"></span>${r.label} ${divergedBadge(r, badgeStep)}</span
            >
          </descent-surface>`,
        )}
      </div>
      ${this.legendRow(surface)}`;
  }

  protected override render() {
    // While an expression attribute waits for the compiler, the catalog surface fills the
    // controls and the panels wait.
    const pending = this.shown === undefined;
    const surface = this.shown ?? getSurface(this._config.surface);
    const race = raceOf(surface);
    const step = this.shownStep;
    this.renderedBadges = this.badgeKey(step);
    const selected = this.entryRuns[this.selected];
    return html`<div class="shell ${this.narrow ? 'narrow' : ''}">
      ${this.renderErrors()} ${this.renderControls(surface)} ${optimizerList(this.listHost)}
      <div class="main" @descent-start-change=${this.onStart}>
        ${pending ? html`<p class="pending">Loading the expression compiler…</p>` : this.renderPanels(surface, step)}
      </div>
      <div class="aside">
        <p class="story">${race.story ?? surface.note}</p>
        <descent-loss-chart
          part="loss-chart"
          .runs=${this.panelRuns}
          .surface=${surface}
          @descent-step=${this.onChartStep}
        ></descent-loss-chart>
        ${rulePanel(selected && { ...selected, kind: selected.entry.kind }, () => this.requestUpdate())}
      </div>
    </div>`;
  }
}

function inDomain([x, y]: Point, d: Domain): boolean {
  return x >= d.x[0] && x <= d.x[1] && y >= d.y[0] && y <= d.y[1];
}

define('descent-playground', DescentPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'descent-playground': DescentPlayground;
  }
}
