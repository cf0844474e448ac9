import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleProps } from '../shared/style-props';
import { isPresetId, presetIds, resolveHyper, type HyperValue } from '../../core/optimizers/index';
import { trajectory } from '../../core/trajectory';
import type { Domain, Point, Surface, Trajectory } from '../../core/types';
import { assignColors } from '../../render/colors';
import { criticalKinds, criticalSymbol } from '../../render/markers';
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
  raceEntries,
  raceOf,
  runLabels,
  sameEntries,
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
import { followColorScheme, prefersReducedMotion, runColor, themeStyles } from '../shared/theme';
import type {
  ConfigChangeDetail,
  ConvergeDetail,
  DivergeDetail,
  PanelRun,
  RunEventDetail,
  StartChangeDetail,
  StepDetail,
} from '../shared/types';
import { isLoaded, langOf, t, whenLoaded, type Lang } from '../../i18n/index';
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

/**
 * Width bands (the element's own width): three columns from 980px; from 640px the map and the
 * details side by side, the optimizer list behind a disclosure button; below, the map first and
 * both lists behind disclosure buttons. The styles' container queries use the same bands.
 */
const MEDIUM_BELOW = 980;
const NARROW_BELOW = 640;

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
 * @attr {boolean} autoplay - Start playing once shown (not when the reader prefers reduced
 *   motion: then the final paths are shown, with a Play button).
 * @attr {'light'|'dark'|'auto'} theme - Colour theme (default light; auto follows the system's
 *   prefers-color-scheme).
 * @attr {string} lang - UI language, en or ko (default: the nearest lang in the page).
 *
 * @prop {Config} config - The whole configuration; setting it replaces everything.
 * @prop {string[]} notices - Extra messages for the error part (e.g. from a bad link).
 * @prop {string} embedSrc - The bundle URL that "Copy embed code" writes in its script tag
 *   (default: this version's on jsDelivr, `https://cdn.jsdelivr.net/npm/descent-lab@<version>/dist/bundle/descent-lab.js`).
 *
 * @fires {CustomEvent<ConfigChangeDetail>} descent-config-change - The configuration changed by
 *   interaction (not on every animation frame; the step is included when paused).
 * @fires {CustomEvent<StartChangeDetail>} descent-start-change - From the panels' start handle.
 * @fires {CustomEvent<StepDetail>} descent-step - The step shown changed: playback, the step
 *   button, the timeline, reset, or the loss chart (`preview` while hovering it).
 * @fires {CustomEvent<ConvergeDetail>} descent-converge - The shown step reached the step at which
 *   a run converged (gradient norm below 1e-8), going forward. Also announced in a polite live region.
 * @fires {CustomEvent<DivergeDetail>} descent-diverge - The shown step reached the step at which a
 *   run diverged, going forward. Also announced, and shown as a badge.
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
 * @csspart announcer - The polite live region that announces convergence and divergence
 *   (visually hidden).
 * @csspart copy-embed - The "Copy embed code" button.
 * @csspart disclosure - The buttons that show the optimizer list and the details (narrow widths).
 *
 * @cssprop --descent-height - Height of the tool in the wide layout (default 640px).
 * @cssprop --descent-font - Font stack.
 * @cssprop --descent-text - Text colour.
 * @cssprop --descent-muted - Secondary text (labels, axes).
 * @cssprop --descent-bg - Background (transparent in the light theme).
 * @cssprop --descent-line - Rules between parts.
 * @cssprop --descent-panel - Background of the selected optimizer row.
 * @cssprop --descent-control-bg - Background of buttons, inputs and menus.
 * @cssprop --descent-control-border - Border of buttons, inputs and menus.
 * @cssprop --descent-accent - Colour of primary buttons.
 * @cssprop --descent-accent-text - Text on primary buttons.
 * @cssprop --descent-focus - Focus ring colour.
 * @cssprop --descent-contour-colors - Contour colour map, low to high: two or more CSS colours,
 *   comma separated (default a lightened viridis; the dark theme's is a darkened one).
 * @cssprop --descent-contour-line - Colour of the contour level lines.
 * @cssprop --descent-color-sgd - A preset's run colour; likewise --descent-color-momentum,
 *   -nesterov, -adagrad, -adadelta, -rmsprop, -adam, -amsgrad, -adamw, -adamax, -nadam, -radam.
 * @cssprop --descent-marker-fill - Fill of critical-point markers, heads' rings, the start handle.
 * @cssprop --descent-marker-stroke - Outline of critical-point markers and the start handle.
 * @cssprop --descent-aspect-ratio - Width / height (default 16 / 9 at 980px and wider, 7 / 6
 *   from 640px, 9 / 16 below): the element's height follows its width, whatever it shows, so a
 *   fallback image with the same aspect ratio reserves exactly its height.
 */
export class DescentPlayground extends LitElement implements ClockClient {
  static override styles = [styles, expressionFieldStyles, themeStyles];

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
    theme: { type: String, reflect: true },
    langAttribute: { type: String, attribute: 'lang' },
    notices: { attribute: false },
    embedSrc: { attribute: false },
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
    band: { state: true },
    sheet: { state: true },
    copyStatus: { state: true },
    embedShown: { state: true },
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
  declare theme: string | null;
  declare langAttribute: string | null;
  declare notices: readonly string[];
  declare embedSrc: string | undefined;
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
  declare protected band: 'wide' | 'medium' | 'narrow';
  /** Narrow layouts: which sheet is open over the map. */
  declare protected sheet: 'none' | 'optimizers' | 'details';
  /** What the last "Copy embed code" did. */
  declare protected copyStatus: 'copied' | 'copyFailed' | '';
  /** The embed code, shown for copying by hand when the clipboard refused it. */
  declare protected embedShown: string | undefined;

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
  private readonly field = new ExpressionField(this, (change) => this.onExpression(change), () => this.uiLang);
  /** The step last reported by descent-step (and the last for which run events fired). */
  private reportedStep: { step: number | null; preview: boolean } = { step: 0, preview: false };
  private eventStep = 0;
  /** Announcements made for the current runs, so a replay does not repeat them. */
  private announced = new WeakMap<Trajectory, Set<'converge' | 'diverge'>>();

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
    this.theme = null;
    this.langAttribute = null;
    this.notices = [];
    this.embedSrc = undefined;
    this.playing = false;
    this.selected = 0;
    this.expanded = new Set();
    this.attributeErrors = [];
    this.surfaceErrors = [];
    this.customOpen = false;
    this.fieldErrors = new Map();
    this.mainWidth = 0;
    this.mainHeight = 0;
    this.band = 'wide';
    this.sheet = 'none';
    this.copyStatus = '';
    this.embedShown = undefined;
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
    this.step = this.position = this._config.step || this.restingStep;
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
      // Reduced motion: no autoplay; the final paths are shown, with a Play button.
      if (!prefersReducedMotion()) this.play();
    }
  }

  private measure(): void {
    const width = this.getBoundingClientRect().width;
    const band = !(width > 0) || width >= MEDIUM_BELOW ? 'wide' : width >= NARROW_BELOW ? 'medium' : 'narrow';
    if (band !== this.band) {
      this.band = band;
      this.sheet = 'none';
    }
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
        problem = t(this.uiLang, 'configExpression', { value: c.expr, message: (error as Error).message });
      }
    } else if (!this.moduleFailed) {
      this.awaitModule();
      return undefined;
    } else {
      problem = t(this.uiLang, 'configNeedsCompiler', { value: c.expr });
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
    const lang = this.uiLang;
    const read = <T>(name: string, text: string | null, parse: (t: string) => Parsed<T>): T | undefined => {
      if (text === null) return undefined;
      const r = parse(text);
      if (r.ok) return r.value;
      errors.push(t(lang, 'attribute', { name, value: text, message: r.message }));
      return undefined;
    };
    let base = defaultConfig(read('surface', this.surface, parseSurface));
    let raceSurface: string | Surface = base.surface;
    if (this.expression !== null) {
      const expr = read('expression', this.expression, parseExpression);
      const domain = read('domain', this.domain, parseDomain) ?? DEFAULT_EXPRESSION_DOMAIN;
      const module = loadedExpressionModule();
      if (expr !== undefined && !module) {
        errors.push(t(lang, 'attributeNeedsCompiler', { value: this.expression }));
      } else if (expr !== undefined && module) {
        try {
          const compiled = module.compileSurface(expr, { domain });
          base = customConfig(compiled, expr, domain, base.surface);
          raceSurface = withCustomRace(compiled);
        } catch (error) {
          errors.push(t(lang, 'attributeExpression', { value: this.expression, message: (error as Error).message }));
        }
      }
    } else if (this.domain !== null) {
      errors.push(t(lang, 'domainNeedsExpression', { value: this.domain }));
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
        const key = unknown.length > 1 ? 'unknownOptimizers' : 'unknownOptimizer';
        errors.push(t(lang, key, { value: this.optimizers, names, ids: presetIds.join(', ') }));
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
    this.step = this.position = this.restingStep;
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
      const base = { entry, index, label: labels[index], color: runColor(entry.kind, colors[index]) };
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
    // New runs: events start over from the step shown now. (Announcements are remembered per
    // trajectory, so an unchanged run replayed is not announced again.)
    this.eventStep = this.step;
  }

  // ---- playback --------------------------------------------------------------------------

  /** Step shown: a hover preview if any, else the playback step. */
  private get shownStep(): number {
    return this.previewStep ?? this.step;
  }

  /** Moves every view to the shown step without re-rendering (re-renders only for new badges). */
  private syncStep(): void {
    const k = this.shownStep;
    const lang = this.uiLang;
    const root = this.renderRoot;
    for (const panel of root.querySelectorAll<DescentSurface>('descent-surface')) panel.step = k;
    const chart = root.querySelector<DescentLossChart>('descent-loss-chart');
    if (chart) chart.step = k;
    const timeline = root.querySelector<HTMLInputElement>('[part~="timeline"]');
    if (timeline) {
      timeline.value = String(k);
      timeline.setAttribute('aria-valuetext', t(lang, 'timelineValue', { k, n: this._config.steps }));
    }
    const readout = root.querySelector<HTMLElement>('[part~="step-readout"]');
    if (readout) {
      readout.textContent = t(lang, 'readout', { k, n: this._config.steps });
      readout.dataset.step = String(k);
    }
    if (this.badgeKey(k) !== this.renderedBadges) this.requestUpdate();
    this.reportStep();
  }

  /**
   * Fires descent-step when the shown step changed, and descent-converge / descent-diverge (with
   * an announcement) for each run whose convergence or divergence step the playback step just
   * passed going forward. Previews (hovering the chart) fire descent-step only.
   */
  private reportStep(): void {
    if (!this.hasUpdated) return;
    const preview = this.previewStep !== null;
    const step = this.shownStep;
    const last = this.reportedStep;
    if (last.step !== step || last.preview !== preview) {
      this.reportedStep = { step, preview };
      this.dispatchEvent(
        new CustomEvent<StepDetail>('descent-step', {
          detail: { step, preview, steps: this._config.steps, playing: this.playing },
          bubbles: true,
          composed: true,
        }),
      );
    }
    const from = this.eventStep;
    const to = this.step;
    this.eventStep = to;
    if (to <= from) return;
    const messages: string[] = [];
    const lang = this.uiLang;
    for (const run of this.entryRuns) {
      const tr = run.trajectory;
      if (!tr) continue;
      for (const [type, at] of [
        ['converge', tr.convergedAt],
        ['diverge', tr.divergedAt],
      ] as const) {
        if (at === undefined || at <= from || at > to) continue;
        // Where the run was: at a divergence, the last finite point.
        const i = Number.isFinite(tr.x[at]) && Number.isFinite(tr.y[at]) ? at : Math.max(0, at - 1);
        const detail: RunEventDetail = {
          index: run.index,
          kind: run.entry.kind,
          label: run.label,
          step: at,
          x: tr.x[i],
          y: tr.y[i],
          loss: tr.loss[i],
        };
        const init = { detail, bubbles: true, composed: true };
        this.dispatchEvent(
          type === 'converge'
            ? new CustomEvent<ConvergeDetail>('descent-converge', init)
            : new CustomEvent<DivergeDetail>('descent-diverge', init),
        );
        let said = this.announced.get(tr);
        if (!said) this.announced.set(tr, (said = new Set()));
        if (said.has(type)) continue;
        said.add(type);
        messages.push(t(lang, type === 'converge' ? 'announceConverged' : 'announceDiverged', { name: run.label, k: at }));
      }
    }
    if (messages.length) this.announce(messages.join('. '));
  }

  /** Says `message` in the polite live region. */
  private announce(message: string): void {
    const region = this.renderRoot.querySelector('[part~="announcer"]');
    if (region) region.textContent = message;
  }

  /** The UI language (loading its strings if needed, then rendering again). */
  private get uiLang(): Lang {
    const lang = langOf(this);
    if (!isLoaded(lang)) void whenLoaded(lang).then(() => this.requestUpdate());
    return lang;
  }

  /** The step shown at rest: 0, or the end (the final paths) when the reader prefers reduced motion. */
  private get restingStep(): number {
    return prefersReducedMotion() ? this._config.steps : 0;
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

  /**
   * The HTML that reproduces this view on another page: a script tag loading the bundle from
   * `src` (default `embedSrc`) and this element with attributes and `<descent-optimizer>` children.
   * (The writer, state/embed.ts, is loaded on first use.)
   */
  async embedCode(src: string | undefined = this.embedSrc): Promise<string> {
    const { embedSnippet } = await import('../../state/embed');
    const module = loadedExpressionModule();
    return embedSnippet(this.config, {
      ...(src ? { src } : {}),
      ...(module ? { compile: module.compileSurface } : {}),
      attributes: { theme: this.theme, lang: this.langAttribute },
    });
  }

  // ---- event handlers --------------------------------------------------------------------

  private copyTimer: ReturnType<typeof setTimeout> | undefined;

  /** Copies the embed code; where the clipboard refuses, shows it selected for copying by hand. */
  private onCopyEmbed = async () => {
    clearTimeout(this.copyTimer);
    let code = '';
    try {
      code = await this.embedCode();
      await navigator.clipboard.writeText(code);
      this.copyStatus = 'copied';
      this.embedShown = undefined;
    } catch {
      this.copyStatus = 'copyFailed';
      this.embedShown = code || undefined;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLTextAreaElement>('[part~="embed-code"]')?.select();
    }
    this.copyTimer = setTimeout(() => (this.copyStatus = ''), 2000);
  };

  private onStart = (e: CustomEvent<StartChangeDetail>) => {
    const start: Point = e.detail.start;
    const [x, y] = this._config.start;
    if (start[0] !== x || start[1] !== y || e.detail.final) this.commit({ start });
  };

  private onChartStep = (e: CustomEvent<StepDetail>) => {
    // The playground reports the step itself (reportStep), once, whatever moved it.
    e.stopPropagation();
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
    this.step = this.position = this.restingStep;
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
    this.step = this.position = this.restingStep;
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
      lang: this.uiLang,
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

  private renderControls(surface: Surface, lang: Lang) {
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
        ${t(lang, l)}
      </button>`;
    return html`<div part="controls">
      <div class="row">
        <label class="field"
          >${t(lang, 'surface')}
          <select @change=${this.onSurface} aria-label=${t(lang, 'surface')}>
            ${surfaceIds.map((id) => html`<option value=${id} ?selected=${!custom && id === surface.id}>${getSurface(id).label}</option>`)}
            <option value=${CUSTOM} ?selected=${custom}>${t(lang, 'customExpression')}</option>
          </select></label
        >
        <span class="note" title=${surface.note}>${surface.note}</span>
        <span class="field" id="layout-label">${t(lang, 'layout')}</span>
        <span class="segmented" role="group" aria-labelledby="layout-label">${layouts.map(layoutButton)}</span>
        <button type="button" part="copy-embed" @click=${this.onCopyEmbed} aria-describedby="copy-status">
          ${t(lang, 'copyEmbed')}
        </button>
        <span id="copy-status" class="copy-status" role="status">${this.copyStatus ? t(lang, this.copyStatus) : ''}</span>
      </div>
      ${this.embedShown === undefined
        ? nothing
        : html`<label class="embed-code"
            >${t(lang, 'embedCode')}<textarea part="embed-code" readonly rows="4" .value=${this.embedShown}></textarea
          ></label>`}
      ${custom ? this.field.render() : nothing}
      <div class="row">
        <button
          type="button"
          class="primary"
          part="play"
          aria-label=${t(lang, this.playing ? 'pause' : 'play')}
          @click=${() => (this.playing ? this.pause() : this.play())}
        >
          ${this.playing ? '❚❚' : '▶'} ${t(lang, this.playing ? 'pause' : 'play')}
        </button>
        <button type="button" part="step-button" aria-label=${t(lang, 'nextStep')} @click=${() => this.seek(this.step + 1)}>
          ${t(lang, 'stepButton')} ›
        </button>
        <button type="button" part="reset" aria-label=${t(lang, 'resetLabel')} @click=${() => this.reset()}>↺ ${t(lang, 'reset')}</button>
        <input
          type="range"
          part="timeline"
          aria-label=${t(lang, 'timeline')}
          min="0"
          max=${c.steps}
          step="1"
          @input=${(e: Event) => this.seek(Number((e.target as HTMLInputElement).value))}
        />
        <span class="readout" part="step-readout" aria-live="off"></span>
        <label class="field"
          >${t(lang, 'speed')}
          <select @change=${this.onSpeed} aria-label=${t(lang, 'speedLabel')}>
            ${speeds.map((v) => html`<option value=${v} ?selected=${v === c.speed}>${t(lang, 'speedOption', { n: v })}</option>`)}
          </select></label
        >
        <label class="field"
          >${t(lang, 'steps')}
          <input
            type="number"
            min="1"
            max="20000"
            step="50"
            .value=${String(c.steps)}
            @change=${this.onSteps}
            aria-label=${t(lang, 'stepsLabel')}
        /></label>
      </div>
    </div>`;
  }

  private legendRow(surface: Surface, lang: Lang) {
    const kinds = criticalKinds.filter((k) => surface.critical.some((c) => c.kind === k));
    if (!kinds.length) return nothing;
    return html`<div class="legend-row" role="group" aria-label=${t(lang, 'criticalPoints')}>
      ${kinds.map(
        (k) => html`<span
          ><svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
            <path class="marker" d=${criticalSymbol(k, 50)}></path></svg
          >${t(lang, k)}</span
        >`,
      )}
    </div>`;
  }

  /** The panel width (and columns) that fits `count` panels of this surface in the main area. */
  private panelLayout(surface: Surface, count: number, axes: boolean): { width: number; columns: number } {
    const aspect = panelHeight(surface.domain, 1000) / 1000;
    const W = this.mainWidth;
    // The element's height follows its width (an aspect ratio), so the main area has a height
    // in every layout; before it is measured, allow about 1.5 widths.
    const H = this.mainHeight > 0 ? this.mainHeight - LEGEND_H : 1.5 * W;
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

  private renderPanels(surface: Surface, badgeStep: number, lang: Lang) {
    const { start, layout } = this._config;
    const runs = this.panelRuns;
    if (!this.mainWidth) return nothing;
    const parts = 'surface, contours, trajectory, head, start-handle, critical-point, legend';
    const theme = this.theme ?? nothing;
    // Sizes and colours through styleProps (CSSOM): a strict CSP refuses style attributes.
    if (layout === 'overlay') {
      const { width } = this.panelLayout(surface, 1, true);
      const badges = this.entryRuns.map((r) => divergedBadge(r, badgeStep, lang)).filter((b) => b !== nothing);
      return html`<descent-surface
          part="panel"
          exportparts=${parts}
          style=${styleProps({ width: `${width}px` })}
          no-legend
          lang=${lang}
          theme=${theme}
          .surface=${surface}
          .start=${start}
          .runs=${runs}
          >${badges.length ? html`<div class="badges">${badges}</div>` : nothing}</descent-surface
        >${this.legendRow(surface, lang)}`;
    }
    const { width, columns } = this.panelLayout(surface, runs.length, false);
    return html`<div class="grid" style=${styleProps({ 'grid-template-columns': `repeat(${columns}, ${width}px)` })}>
        ${repeat(
          runs,
          (r) => r.key,
          (r) => html`<descent-surface
            part="panel"
            exportparts=${parts}
            no-axes
            no-legend
            lang=${lang}
            theme=${theme}
            .surface=${surface}
            .start=${start}
            .runs=${[r]}
          >
            <span class="panel-title" style=${styleProps({ '--c': r.color })}
              ><span class="swatch" aria-hidden="true"></span>${r.label} ${divergedBadge(r, badgeStep, lang)}</span
            >
          </descent-surface>`,
        )}
      </div>
      ${this.legendRow(surface, lang)}`;
  }

  /** A narrow layout's disclosure button for one of the sheets over the map. */
  private disclosure(sheet: 'optimizers' | 'details', label: string) {
    const open = this.sheet === sheet;
    return html`<button
      type="button"
      part="disclosure"
      data-sheet=${sheet}
      aria-expanded=${String(open)}
      aria-controls=${`sheet-${sheet}`}
      @click=${() => (this.sheet = open ? 'none' : sheet)}
    >
      <span aria-hidden="true">${open ? '▾' : '▸'}</span> ${label}
    </button>`;
  }

  protected override render() {
    // While an expression attribute waits for the compiler, the catalog surface fills the
    // controls and the panels wait.
    const pending = this.shown === undefined;
    const surface = this.shown ?? getSurface(this._config.surface);
    const race = raceOf(surface);
    const step = this.shownStep;
    const lang = this.uiLang;
    this.renderedBadges = this.badgeKey(step);
    const selected = this.entryRuns[this.selected];
    const band = this.band;
    const main = html`<div class="main" @descent-start-change=${this.onStart}>
      ${pending ? html`<p class="pending">${t(lang, 'loadingCompiler')}</p>` : this.renderPanels(surface, step, lang)}
    </div>`;
    const list = html`<div class="side" id="sheet-optimizers">${optimizerList(this.listHost)}</div>`;
    const aside = html`<div class="aside" id="sheet-details">
      <p class="story">${race.story && sameEntries(this._config.optimizers, raceEntries(race)) ? race.story : surface.note}</p>
      <descent-loss-chart
        part="loss-chart"
        lang=${lang}
        theme=${this.theme ?? nothing}
        .runs=${this.panelRuns}
        .surface=${surface}
        @descent-step=${this.onChartStep}
      ></descent-loss-chart>
      ${rulePanel(selected && { ...selected, kind: selected.entry.kind }, () => this.requestUpdate(), lang)}
    </div>`;
    const announcer = html`<div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>`;
    if (band === 'wide') {
      return html`<div class="shell">
        ${this.renderErrors()} ${this.renderControls(surface, lang)} ${list} ${main} ${aside} ${announcer}
      </div>`;
    }
    // Medium: the map and the details side by side; the optimizer list is a sheet over the map,
    // behind a disclosure button (the height never changes).
    if (band === 'medium') {
      return html`<div class="shell medium">
        ${this.renderErrors()} ${this.renderControls(surface, lang)} ${main} ${aside}
        <div class="disclosures">${this.disclosure('optimizers', t(lang, 'showOptimizers'))}</div>
        ${this.sheet === 'optimizers' ? html`<div class="sheet">${list}</div>` : nothing} ${announcer}
      </div>`;
    }
    // Narrow: the map first, then the controls; the optimizer list and the details (loss chart,
    // rule) are sheets over the map behind disclosure buttons.
    return html`<div class="shell narrow">
      ${this.renderErrors()} ${main} ${this.renderControls(surface, lang)}
      <div class="disclosures">
        ${this.disclosure('optimizers', t(lang, 'showOptimizers'))} ${this.disclosure('details', t(lang, 'showDetails'))}
      </div>
      ${this.sheet === 'optimizers' ? html`<div class="sheet">${list}</div>` : nothing}
      ${this.sheet === 'details' ? html`<div class="sheet">${aside}</div>` : nothing} ${announcer}
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
