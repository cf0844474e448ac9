import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Point, Surface } from '../../core/types';
import {
  DEFAULT_EXPRESSION_DOMAIN,
  defaultConfig,
  defaultRace,
  getSurface,
  loadedNormalize,
  loadNormalize,
  maxStepsFor,
  type Config,
} from '../../state/config';
import { loadSurface, surfaceFailed, surfacesToLoad, type SurfaceId } from '../../state/surfaces';
import { presetsReady } from '../../core/optimizers/index';
import type { Refusal } from '../../state/refusal';
import { clock, type ClockClient } from '../shared/clock';
import { define } from '../shared/define';
import { expressionModule, loadedExpressionModule } from '../shared/expressions';
import { prefersReducedMotion, themeStyles } from '../shared/theme';
import type { ConfigChangeDetail, PanelRun, StartChangeDetail, StepDetail } from '../shared/types';
import { isLoaded, langOf, messageText, surfaceText, t, whenLoaded, type Lang } from '../../i18n/index';
// The elements it renders, registered in the order they always were.
import '../descent-optimizer/descent-optimizer';
import '../descent-surface/descent-surface';
import '../descent-loss-chart/descent-loss-chart';
import type { DescentLossChart } from '../descent-loss-chart/descent-loss-chart';
import { afterFrame } from '../shared/after-frame';
import { deferredResizeObserver, type SizeObserver } from '../shared/resize';
import { watchVisibility } from '../shared/visibility';
import { CONFIG_ATTRIBUTES, attributeTexts, configProperties, numberAttribute, readAttributes, type ConfigProperties } from './attributes';
import { customModule, loadedCustom } from './custom-loader';
import type { ExpressionChange, ExpressionField } from './expression-field';
import { bandOf, shell, type Band, type Sheet } from './layout';
import { optimizerList, type EntryRun } from './optimizer-list';
import { OptimizerListState } from './list-state';
import { surfacePanels } from './panels';
import { legendStyles } from '../shared/legend';
import { RunHighlight } from './highlight';
import { Playback } from './playback';
import { rulePanel } from './rule-panel';
import { RunCache } from './runs';
import type { EmbedCopy } from './embed-copy';
import type { ExportMenu } from '../../export/menu';
import type { ExportOptions } from '../../export/index';
import { toolbar, type ToolbarHost } from './toolbar';
import { raceChange } from './default-race';
import { styles } from './descent-playground.styles';
import type { InspectMark } from '../../render/inspect';
import type { InspectMarkDetail } from '../descent-surface/descent-surface';
import { inspectChunk, lazyChunk, loadedInspectChunk } from '../shared/lazy-chunk';
import { dragBuffers } from '../../render/paths';

/** Training on the map (training.ts): batch sizes, lr schedules, the data panel. */
const trainingChunk = lazyChunk(() => import('./training'));
/** The map layout (map-layout.ts): basin maps computed in Workers. */
const mapChunk = lazyChunk(() => import('./map-layout'));

/**
 * The whole tool: a surface picker, the optimizers racing on it (each toggled, tuned and
 * explained), contour panels overlaid or side by side, playback, a timeline and the loss chart.
 *
 * Configure it with attributes, `<descent-optimizer>` children (which win over `optimizers`), or
 * the `config` property. Bad attribute values are shown in the `error` part, warned about in the
 * console, and replaced by defaults; the rest of the widget still works.
 *
 * The configuration properties (`surface`, `expression`, `domain`, `optimizers`, `start`,
 * `steps`, `speed`, `layout`) follow the UI, as `<descent-surface>`'s `start` follows its handle:
 * after a change made in the widget (or through `config`) they say what is shown, e.g. `start`
 * is "x y" of the dragged start and `steps` a number. Attributes stay as written. Setting one of
 * these properties, or attributes, rebuilds the configuration from them; `config` carries the
 * rest (tuned hyperparameters, labels, noise).
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
 * @attr {'overlay'|'grid'|'map'} layout - All paths on one map, one synchronized panel per optimizer, or per
 *   optimizer the map of where every start leads (its basins of attraction, computed in Workers).
 * @attr {boolean} autoplay - Start playing once shown (not when the reader prefers reduced
 *   motion: then the final paths are shown, with a Play button).
 * @attr {boolean} inspect - Show each run's inner state (also the "Show inner state" toggle, and
 *   `inspect=1` in a link): at each head the gradient step −γ∇f, the step taken, the velocity or
 *   first moment, Nesterov's θ and the adaptive rules' step size per coordinate, with a legend; the
 *   selected rule lists its symbols' values at the shown step. Loaded on first use. The property
 *   follows the toggle.
 * @attr {'light'|'dark'|'auto'} theme - Colour theme (default light; auto follows the system's
 *   prefers-color-scheme).
 * @attr {string} lang - UI language, en or ko (default: the nearest lang in the page).
 *
 * @prop {Config} config - The whole configuration; setting it replaces everything.
 * @prop {Array<string|Refusal>} notices - Extra messages for the error part: text as it is, or
 *   decodeHash's `refusals` (a bad link), shown in the element's language.
 * @attr {string} embed-src - The bundle URL that "Copy embed code" writes in its script tag,
 *   absolute or relative to the page (written out absolute), e.g. "dist/bundle/descent-lab.js".
 *   Default: the URL this page loaded the single-file bundle from; without one, this version's
 *   jsDelivr URL with a comment saying it serves the package once it is published on npm.
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
 * @csspart reset - The reset button: back to step 0, the race unchanged.
 * @csspart restore-race - The "Default race" button: restores the surface's default race (runners,
 *   start, steps, speed); disabled while it is shown.
 * @csspart story - What the default race shows; once its runners, start or steps are changed, the
 *   surface's one-line note instead, as the story no longer describes the paths drawn.
 * @csspart timeline - The step slider.
 * @csspart step-readout - "step k / n".
 * @csspart loss-chart - The `<descent-loss-chart>`.
 * @csspart error - Messages about bad attributes, links or settings.
 * @csspart expression - The typed-in surface's field (shown for "Custom expression…").
 * @csspart expression-input - Its text input (aria-invalid while it does not compile).
 * @csspart expression-underline - The wavy underline under the characters at fault.
 * @csspart expression-error - Why it does not compile (a polite live region).
 * @csspart domain-input - The x and y range inputs, with `data-bound` x-min, x-max, y-min, y-max.
 * @csspart badge - A "diverged at step k" badge, with `data-optimizer`; over the map it names the
 *   run ("Adam, lr 0.1 diverged at step 12").
 * @csspart run-legend - The run legend above the map (every width): each run's marker, colour and
 *   label. Pointing at or focusing an entry, a path or a loss curve highlights that run in every
 *   view; a click or tap pins the highlight.
 * @csspart legend-entry - One run's legend button, with `data-optimizer` and `aria-pressed`.
 * @csspart rule - The selected optimizer's update rule, summary and torch note.
 * @csspart panel - Each `<descent-surface>`; its parts are exported: surface, contours,
 *   trajectory, head, start-handle, critical-point, inspect, inspect-scale.
 * @csspart announcer - The polite live region that announces convergence and divergence
 *   (visually hidden).
 * @csspart copy-embed - The "Copy embed code" button.
 * @csspart export-button - The "Export" button: opens the Export dialog (loaded on first use).
 * @csspart export-menu - The Export dialog (a modal `<dialog>`): format, size, frames, caption and
 *   loss chart, Download; then `export-progress`, `export-cancel`, `export-status`,
 *   `export-snippet` (the static figure's HTML), `export-download` and `export-close` in it.
 * @csspart inspect-toggle - The "Show inner state" toggle button (`aria-pressed`).
 * @csspart inspect-legend - With `inspect`: what each mark of the inner-state view shows, under the
 *   run legend above the map (the map leaves room for it on every width).
 * @csspart step-size-chart - With `inspect`: a `<descent-loss-chart>` of each adaptive run's step
 *   size per coordinate against step (x solid, y dashed), with the loss chart's cursor.
 * @csspart rule-values - With `inspect`: the selected run's symbols and their values at the shown
 *   step, each row linked to its mark on the map, and what to look at.
 * @csspart disclosure - The buttons that show the optimizer list and the details (narrow widths).
 *
 * @cssstate drawn - Its panels have been drawn; from then on it has `content-visibility: auto`
 *   (the browser skips it while far offscreen).
 * @cssstate onscreen - It intersects the viewport (its scroll cues run only then).
 * @slot - `<descent-optimizer>` children, one per racer (they win over `optimizers`): read as
 *   configuration, not shown. Any other light-DOM content (a fallback image or caption) shows
 *   only until the element upgrades.
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
 * @cssprop --descent-color-sgd - SGD's run colour (default #1a1a1a; dark theme #f0f0f0).
 * @cssprop --descent-color-momentum - Momentum's run colour (default #e69f00).
 * @cssprop --descent-color-nesterov - Nesterov's run colour (default #d55e00).
 * @cssprop --descent-color-adagrad - Adagrad's run colour (default #009e73).
 * @cssprop --descent-color-adadelta - Adadelta's run colour (default #56b4e9).
 * @cssprop --descent-color-rmsprop - RMSprop's run colour (default #0072b2; dark theme #99ddff).
 * @cssprop --descent-color-adam - Adam's run colour (default #cc79a7).
 * @cssprop --descent-color-amsgrad - AMSGrad's run colour (default #332288; dark theme #bbbbbb).
 * @cssprop --descent-color-adamw - AdamW's run colour (default #882255; dark theme #eedd88).
 * @cssprop --descent-color-adamax - Adamax's run colour (default #aa3377; dark theme #44bb99).
 * @cssprop --descent-color-nadam - NAdam's run colour (default #ee6677).
 * @cssprop --descent-color-radam - RAdam's run colour (default #cc3311).
 * @cssprop --descent-marker-fill - Fill of critical-point markers, heads' rings, the start handle.
 * @cssprop --descent-marker-stroke - Outline of critical-point markers and the start handle.
 * @cssprop --descent-aspect-ratio - Width / height (default 16 / 9 at 980px and wider, 7 / 6
 *   from 640px, 9 / 16 below): the element's height follows its width, whatever it shows, so a
 *   fallback image with the same aspect ratio reserves exactly its height.
 */
export class DescentPlayground extends LitElement implements ClockClient {
  static override styles = [styles, legendStyles, themeStyles];

  static override properties = {
    surface: {},
    expression: {},
    domain: {},
    optimizers: {},
    start: {},
    steps: { converter: numberAttribute },
    speed: { converter: numberAttribute },
    layout: {},
    autoplay: { type: Boolean },
    inspect: { type: Boolean },
    inspectMark: { state: true },
    theme: { reflect: true },
    langAttribute: { attribute: 'lang' },
    notices: { attribute: false },
    embedSrc: { attribute: 'embed-src' },
    config: { attribute: false, noAccessor: true },
    attributeErrors: { state: true },
    configErrors: { state: true },
    customOpen: { state: true },
    mainWidth: { state: true },
    mainHeight: { state: true },
    band: { state: true },
    sheet: { state: true },
  };

  declare surface: string | null;
  declare expression: string | null;
  declare domain: string | null;
  declare optimizers: string | null;
  declare start: string | null;
  declare steps: number | null;
  declare speed: number | null;
  declare layout: string | null;
  declare autoplay: boolean;
  declare inspect: boolean;
  /** The kind of inner-state mark a reader points at (a legend key or a symbol of the rule). */
  declare protected inspectMark: InspectMark | null;
  declare theme: string | null;
  declare langAttribute: string | null;
  declare notices: readonly (string | Refusal)[];
  declare embedSrc: string | null | undefined;
  declare protected attributeErrors: readonly string[];
  /**
   * Why parts of a `config` set by script could not be used (normalizeConfig's refusals, shown in
   * the element's language when it renders) or its typed-in surface (cleared by another surface).
   */
  declare protected configErrors: readonly (string | Refusal)[];
  /** The expression field is open ("Custom expression…" chosen, nothing committed yet). */
  declare protected customOpen: boolean;
  declare protected mainWidth: number;
  declare protected mainHeight: number;
  declare protected band: Band;
  /** Narrow layouts: which sheet is open over the map. */
  declare protected sheet: Sheet;

  #_config: Config = defaultConfig();
  /** A `config` set by script whose catalog surface is still loading (applied once it is here). */
  #pendingConfig: Config | undefined;
  /** A catalog surface picked in the toolbar and still loading. */
  #picking: SurfaceId | undefined;
  #configFromProperty = false;
  /** What reflectConfig last set the configuration properties to (so that is not re-read). */
  #reflected: Partial<ConfigProperties> = {};
  #attributesDirty = true;
  #entryRuns: EntryRun[] = [];
  #panelRuns: PanelRun[] = [];
  /**
   * The runs the loss chart shows. While the start handle is dragged the chart follows one frame
   * behind the map: its update runs in a task after the frame that shows the moved paths, so
   * the paths under the pointer are painted first (and several moves within a frame cost the
   * chart one update).
   */
  #chartRuns: readonly PanelRun[] = [];
  #dragging = false;
  #chartCatchUp = false;
  readonly #runCache = new RunCache();
  #runsFor: Config | undefined;
  /** The language the runs' labels are in (a race's descriptive labels are translated). */
  #runsLang: Lang | undefined;
  /** The language the attribute messages are in (undefined: English while its strings load). */
  #errorsLang: Lang | undefined;
  #resizeObserver: SizeObserver | undefined;
  #childObserver: MutationObserver | undefined;
  #autoplayed = false;
  /**
   * Whether the races and maps may be computed and drawn: once the element has been on screen, or
   * its turn came while the page was idle (clock.firstSight). Until then the panels are empty, so
   * a page of many widgets draws the ones in view first.
   */
  #seen = false;
  /**
   * True once the panels are drawn: after the frame that follows the last update rendering them
   * (each update starts the count again), whose layout their resize observers have reported (they
   * need their sizes to draw); until then, the count. From then on the element is in the custom
   * state `drawn` and has content-visibility: auto (its styles), so while it is far offscreen the
   * browser skips its style, layout and paint: without it each frame of a widget on screen
   * repainted and re-layerized the other widgets within 4000 px of the viewport (the root layer's
   * cull rect), several times the paint of the ones in view. On the host rather than the shell
   * inside, the skipped widget adds nothing to the page's layers (measured: the 20-widget page's
   * Layerize + Commit 1.8× the visible widget's with the shell skipped, 1.2× with the host). Not before: resize observers inside skipped content do not report, and a
   * widget drawn while offscreen (when the page is idle) needs them. (Later changes to a skipped
   * widget that need them, such as a new size, are drawn when it comes near the viewport.)
   */
  #drawn: number | true = 0;
  readonly #internals = this.attachInternals();
  #stopSighting: (() => void) | undefined;
  #stopWatching: (() => void) | undefined;
  /** Whether the element is on screen (true until the page's observer says). */
  #onscreen = true;

  /**
   * A custom state of the element, for its styles: `drawn` (may be skipped while far offscreen)
   * and `onscreen` (the scroll cues run only then: each is a scroll-driven animation that the
   * browser would update on every frame of the page). Older browsers without custom states keep
   * the widget rendered and show no scroll cue.
   */
  #setState(state: 'drawn' | 'onscreen', on: boolean): void {
    try {
      if (on) this.#internals.states.add(state);
      else this.#internals.states.delete(state);
    } catch {
      /* no custom states */
    }
  }
  /** The configuration's surface; undefined while the expression module it needs is loading. */
  #shown: Surface | undefined;
  /** Waiting for the expression module (undefined: not waiting). */
  #awaitingModule: Promise<unknown> | undefined;
  #moduleFailed = false;
  /** The expression field, created once its module (custom.ts, a lazy chunk) is here. */
  #fieldController: ExpressionField | undefined;
  readonly #playback = new Playback(this, {
    timing: () => this.#_config,
    runs: () => this.#entryRuns,
    lang: () => this.#uiLang,
    commitStep: (step) => this.#commit({ step }),
    synced: (k) => {
      trainingChunk.loaded()?.sync(this.renderRoot, this.#shown ?? getSurface(this.#_config.surface), this.#entryRuns[this.#list.selected], k, this.#uiLang);
      const chunk = this.#_config.inspect ? loadedInspectChunk() : undefined;
      // (During a drag the chunk moves the values itself, after the map's frame.)
      if (chunk && !this.#dragging && !chunk.updateValues(this.renderRoot, this.#entryRuns[this.#list.selected]?.trajectory, k, this.#uiLang)) this.requestUpdate();
    },
  });
  readonly #highlight = new RunHighlight(this, () => this.renderRoot?.querySelector('.main > .strip') ?? null);
  /** "Copy embed code", from its first click on (embed-copy.ts is loaded then). */
  #copy: EmbedCopy | undefined;

  /** The Export menu, from the first click of "Export" on (src/export/menu.ts is loaded then). */
  #exportMenu: ExportMenu | undefined;

  #copyEmbed(): void {
    import('./embed-copy').then(
      ({ EmbedCopy }) => (this.#copy ??= new EmbedCopy(this, () => this.embedCode())).copy(),
      () => undefined, // not loaded (offline): the next click tries again
    );
  }
  readonly #list = new OptimizerListState(this, {
    config: () => this.#_config,
    surface: () => this.#shown ?? this.#_config.surface,
    commit: (patch) => this.#commit(patch),
  });

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
    this.inspect = false;
    this.inspectMark = null;
    this.theme = null;
    this.langAttribute = null;
    this.notices = [];
    this.embedSrc = undefined;
    this.attributeErrors = [];
    this.configErrors = [];
    this.customOpen = false;
    this.mainWidth = 0;
    this.mainHeight = 0;
    this.band = 'wide';
    this.sheet = 'none';
  }

  /** The whole configuration. Setting it replaces what attributes and children said. */
  get config(): Config {
    return { ...this.#_config, step: this.#playback.playing ? 0 : this.#playback.step };
  }

  set config(value: Config) {
    // A catalog surface not loaded yet (single-file bundle): apply once it is here (the next
    // update waits for it, so `await el.updateComplete` sees the new configuration).
    // Likewise its checker, in the single-file bundle (a small chunk fetched on first use), and
    // the optimizer catalog for presets beyond the default races' (presetsReady starts loading it).
    if (surfacesToLoad([value?.surface]).length || !loadedNormalize || presetsReady(JSON.stringify(value?.optimizers))) {
      this.#pendingConfig = value;
      this.requestUpdate();
      return;
    }
    this.#pendingConfig = undefined;
    this.#applyConfig(value);
  }

  #applyConfig(value: Config): void {
    if (!loadedNormalize) return;
    const old = this.#_config;
    const errors: string[] = [];
    const refusals: Refusal[] = [];
    this.#_config = loadedNormalize(value, errors, refusals);
    this.#report(errors);
    this.configErrors = refusals;
    if (this.#_config.expr === undefined) this.customOpen = false;
    this.#configFromProperty = true;
    this.#reflectConfig();
    this.pause(false);
    this.#playback.place(this.#_config.step || this.#restingStep);
    this.#playback.dropPreview();
    this.requestUpdate('config', old);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resizeObserver ??= deferredResizeObserver(() => this.#measure(), this);
    this.#resizeObserver.observe(this);
    const main = this.renderRoot?.querySelector?.('.main');
    if (main) this.#resizeObserver.observe(main);
    this.#childObserver ??= new MutationObserver((records) => {
      const isOptimizer = (n: Node) => n.nodeName.toLowerCase() === 'descent-optimizer';
      const touches = records.some((r) =>
        r.type === 'attributes' ? isOptimizer(r.target) : [...r.addedNodes, ...r.removedNodes].some(isOptimizer),
      );
      if (touches) {
        this.#attributesDirty = true;
        this.#configFromProperty = false;
        this.requestUpdate();
      }
    });
    this.#childObserver.observe(this, { childList: true, subtree: true, attributes: true });
    this.#stopWatching ??= watchVisibility(this, (visible) => {
      this.#onscreen = visible;
      this.#setState('onscreen', visible);
    });
    if (!this.#seen) {
      this.#stopSighting = clock.firstSight(this, () => {
        this.#stopSighting = undefined;
        this.#seen = true;
        this.requestUpdate();
      });
    }
  }

  override disconnectedCallback(): void {
    // Playback pauses itself (its hostDisconnected).
    super.disconnectedCallback();
    this.#stopSighting?.();
    this.#stopSighting = undefined;
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    this.#onscreen = true;
    this.#resizeObserver?.disconnect();
    this.#observed = new WeakSet();
    this.#childObserver?.disconnect();
  }

  /**
   * Waits, before an update, for the catalog surfaces it may show: the `surface` attribute's and
   * a pending `config`'s. Only the single-file bundle ever waits: there each surface but the
   * default is a small chunk fetched on first use (elsewhere the whole catalog is loaded).
   */
  protected override async scheduleUpdate(): Promise<void> {
    const wanted = surfacesToLoad([this.surface?.trim(), this.#pendingConfig?.surface]);
    if (wanted.length) await Promise.allSettled(wanted.map((id) => loadSurface(id)));
    if (this.#pendingConfig) await loadNormalize().catch((e) => console.warn('descent-playground: config not applied:', e));
    // The optimizer catalog, for presets beyond the default races' named by an attribute, a
    // child (<descent-optimizer kind>) or a pending config.
    await presetsReady(this.outerHTML, JSON.stringify(this.#pendingConfig?.optimizers));
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.#pendingConfig) {
      const value = this.#pendingConfig;
      this.#pendingConfig = undefined;
      this.#applyConfig(value);
      if (surfaceFailed(value.surface)) this.notices = [...this.notices, t(this.#uiLang, 'surfaceUnavailable', { id: value.surface })];
    }
    const own = this as unknown as ConfigProperties;
    if (this.hasUpdated && CONFIG_ATTRIBUTES.some((a) => changed.has(a) && own[a] !== this.#reflected[a])) {
      this.#attributesDirty = true;
      this.#configFromProperty = false;
    }
    if (this.#attributesDirty) {
      // An expression attribute needs the compiled surface for its defaults: wait for the module,
      // and for the surface to be compiled in short tasks, so a long one does not block the page.
      const compiling = this.#configFromProperty ? undefined : loadedCustom()?.precompileAttributes(this.expression, this.domain);
      const waiting =
        !this.#configFromProperty &&
        this.expression !== null &&
        !this.#moduleFailed &&
        (!(loadedExpressionModule() && loadedCustom()) || compiling !== undefined);
      if (waiting) {
        this.#awaitModule(compiling);
      } else {
        this.#attributesDirty = false;
        if (!this.#configFromProperty) this.#applyAttributes();
      }
    }
    // `inspect` set by attribute or script (the UI's toggle sets it through the configuration).
    if (changed.has('inspect') && this.inspect !== (this.#_config.inspect === true)) this.#_config = { ...this.#_config, inspect: this.inspect };
    // Messages about attributes follow the language (its strings arrive after the first read).
    if (this.attributeErrors.length && !this.#configFromProperty && this.#errorsLang !== this.#uiLang && isLoaded(this.#uiLang)) {
      this.attributeErrors = this.#readAttributes().errors;
    }
    this.#shown = this.#attributesDirty && !this.#configFromProperty ? undefined : this.#resolveSurface();
    if (this.#_config.expr !== undefined) this.#field?.show(this.#_config.expr, this.#_config.domain ?? DEFAULT_EXPRESSION_DOMAIN);
    if (this.#seen && this.#shown && (this.#runsFor !== this.#_config || this.#runsLang !== this.#uiLang)) this.#computeRuns(this.#shown);
    this.#list.clamp(this.#_config.optimizers.length);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#observeAreas();
    // Here rather than in the controller's hostUpdated, which runs before firstUpdated (and
    // before hasUpdated is set, which the step events wait for).
    this.#playback.sync();
    // An update while offscreen (an attribute set by script) may create parts that measure
    // themselves, which they cannot while the browser skips the widget: render it again until
    // its parts have drawn, then let it be skipped.
    if (this.#drawn === true && !this.#onscreen) {
      this.#drawn = 0;
      this.#setState('drawn', false);
    }
    if (this.#drawn !== true && this.#seen && this.#shown && this.mainWidth) {
      const count = ++this.#drawn;
      // Two frames: the first lays out what this update rendered, and its resize observers
      // report; in the second their parts draw at those sizes.
      afterFrame(() =>
        afterFrame(() => {
          if (count !== this.#drawn) return;
          this.#drawn = true;
          this.#setState('drawn', true);
        }),
      );
    }
    if (this.autoplay && !this.#autoplayed && this.#seen) {
      this.#autoplayed = true;
      // Reduced motion: no autoplay; the final paths are shown, with a Play button.
      if (!prefersReducedMotion()) this.play();
    }
  }

  /**
   * The main area and the narrow layout's rest, observed anew when a band change re-creates them.
   * The observer's first report comes once they are laid out, and the panels render then:
   * measuring during the update would schedule the next one from inside this one.
   */
  #observed = new WeakSet<Element>();
  #observeAreas(): void {
    for (const area of this.renderRoot.querySelectorAll('.main, .rest')) {
      if (!this.#observed.has(area)) this.#resizeObserver?.observe(area);
      this.#observed.add(area);
    }
  }

  /** Whether the width band has been measured (until then no sheet's content is fetched). */
  #measured = false;

  #measure(): void {
    if (!this.#measured) {
      this.#measured = true;
      this.requestUpdate();
    }
    const band = bandOf(this.getBoundingClientRect().width);
    if (band !== this.band) {
      this.band = band;
      this.sheet = 'none';
    }
    const main = this.renderRoot.querySelector('.main');
    if (!main) return;
    const w = Math.floor(main.clientWidth);
    // Narrow: the main area is as tall as the map it draws; the height it may take is its own
    // plus what is left over below the controls (layout.ts, .rest).
    const rest = this.renderRoot.querySelector('.rest');
    const h = Math.floor(main.clientHeight + (rest?.clientHeight ?? 0));
    if (w !== this.mainWidth) this.mainWidth = w;
    if (h !== this.mainHeight) this.mainHeight = h;
  }

  // ---- configuration ---------------------------------------------------------------------

  /** The expression field, if its module is here (created on first use). */
  get #field(): ExpressionField | undefined {
    const custom = loadedCustom();
    if (custom && !this.#fieldController) {
      this.#fieldController = new custom.ExpressionField(this, (change) => this.#onExpression(change), () => this.#uiLang);
      custom.adoptFieldStyles(this.renderRoot);
    }
    return this.#fieldController;
  }

  /**
   * Loads what a typed-in surface needs (the expression module, custom.ts, and the surface
   * compiled in short tasks when `compiled` is given), then updates again.
   */
  #awaitModule(compiled?: Promise<void>): void {
    this.#awaitingModule ??= Promise.all([expressionModule(), customModule(), compiled]).then(
      () => {
        this.#awaitingModule = undefined;
        this.requestUpdate();
      },
      () => {
        this.#awaitingModule = undefined;
        this.#moduleFailed = true;
        this.requestUpdate();
      },
    );
  }

  /**
   * The configuration's surface, or undefined while the expression module loads. An expression
   * set by script that does not compile is reported, and the configuration falls back to its
   * catalog surface.
   */
  #resolveSurface(): Surface | undefined {
    const c = this.#_config;
    if (c.expr === undefined) return getSurface(c.surface);
    const custom = loadedCustom();
    const resolved = custom
      ? custom.configSurface(c, this.#moduleFailed, () => this.#uiLang)
      : this.#moduleFailed
        ? { problem: t(this.#uiLang, 'configNeedsCompiler', { value: c.expr }) }
        : { pending: true as const };
    if ('surface' in resolved) return resolved.surface;
    if ('pending' in resolved) {
      this.#awaitModule('until' in resolved ? resolved.until : undefined);
      return undefined;
    }
    this.#report([resolved.problem]);
    this.configErrors = [...this.configErrors, resolved.problem];
    this.#_config = { ...defaultConfig(c.surface), layout: c.layout };
    this.customOpen = false;
    return getSurface(this.#_config.surface);
  }

  #report(errors: readonly string[]): void {
    for (const e of errors) console.warn(`descent-playground: ${e}`);
  }

  /** Builds the configuration from attributes and `<descent-optimizer>` children. */
  #applyAttributes(): void {
    const { config, errors } = this.#readAttributes();
    this.#_config = this.inspect ? { ...config, inspect: true } : config;
    this.#playback.place(this.#restingStep);
    this.configErrors = [];
    this.customOpen = config.expr !== undefined;
    this.attributeErrors = errors;
    this.#report(errors);
  }

  /** What the attributes and children say, with a message per value that could not be used. */
  #readAttributes(): { config: Config; errors: string[] } {
    const lang = this.#uiLang;
    const read = readAttributes(attributeTexts(this), [...this.querySelectorAll(':scope > descent-optimizer')], lang, loadedCustom());
    const requested = this.surface?.trim() ?? '';
    const errors = surfaceFailed(requested) ? [...read.errors, t(lang, 'surfaceUnavailable', { id: requested })] : read.errors;
    this.#errorsLang = isLoaded(lang) ? lang : undefined;
    return { config: read.config, errors };
  }

  /** Applies a change made by interaction and tells listeners. */
  #commit(patch: Partial<Config>): void {
    const next = { ...this.#_config, ...patch };
    // Never more than MAX_TOTAL_STEPS in all: a run added to a long race shortens every run.
    const steps = Math.min(next.steps, maxStepsFor(next.optimizers.length));
    if (this.#playback.step > steps) this.#playback.place(steps);
    this.#_config = { ...next, steps, step: Math.min(next.step, steps) };
    this.#reflectConfig();
    this.requestUpdate();
    this.dispatchEvent(
      new CustomEvent<ConfigChangeDetail>('descent-config-change', {
        detail: { config: this.config },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Sets the configuration properties to what is shown (see configProperties). */
  #reflectConfig(): void {
    this.#reflected = configProperties(this.#_config);
    Object.assign(this, this.#reflected);
    this.inspect = this.#_config.inspect === true;
  }

  /** A reader pointed at a kind of inner-state mark (a map's legend key): every view shows it. */
  #onInspectMarkEvent = (e: CustomEvent<InspectMarkDetail>) => {
    e.preventDefault();
    this.#onInspectMark(e.detail.mark);
  };

  #onInspectMark = (mark: InspectMark | null) => {
    this.inspectMark = mark;
  };

  /**
   * With `inspect`, the aside's parts of the view (its chunk renders them, once here): each
   * adaptive run's step size per coordinate under the loss chart, and the selected run's values.
   */
  #inspectParts(lang: Lang, step: number) {
    return this.#_config.inspect
      ? inspectChunk(() => this.requestUpdate())?.playgroundParts({
          root: this.shadowRoot,
          lang,
          step,
          theme: this.theme,
          highlight: this.#highlight.current,
          runs: this.#runsForChart(),
          selected: this.#entryRuns[this.#list.selected]?.trajectory,
          mark: this.inspectMark,
          dragging: this.#dragging,
          onMark: this.#onInspectMark,
          onStep: this.#onChartStep,
          onHighlight: this.#highlight.onEvent,
        })
      : undefined;
  }

  /** A rule that was loading has arrived: run again. */
  #rulesLoaded = () => {
    this.#runsFor = undefined;
    this.requestUpdate();
  };

  #computeRuns(surface: Surface): void {
    ({ entryRuns: this.#entryRuns, panelRuns: this.#panelRuns } = this.#runCache.compute(
      this.#_config,
      surface,
      this.#uiLang,
      this.#rulesLoaded,
      // While the start is dragged, the runs' arrays are reused (see DragBuffers).
      this.#dragging ? dragBuffers(this) : undefined,
    ));
    this.#runsFor = this.#_config;
    this.#runsLang = this.#uiLang;
    this.#playback.runsChanged();
  }

  // ---- playback --------------------------------------------------------------------------

  /** The UI language (loading its strings if needed, then rendering again). */
  get #uiLang(): Lang {
    const lang = langOf(this);
    if (!isLoaded(lang)) {
      void whenLoaded(lang).then(() => {
        this.#runsLang = undefined; // run labels are translated too
        this.requestUpdate();
      });
    }
    return lang;
  }

  /** The step shown at rest: 0, or the end (the final paths) when the reader prefers reduced motion. */
  get #restingStep(): number {
    return prefersReducedMotion() ? this.#_config.steps : 0;
  }

  /**
   * Called by the animation clock on each frame while playing and on screen.
   * @internal
   */
  tick(_now: number, dt: number): void {
    // Kept on the element (public, in the manifest); the playback controller is the clock's client.
    this.#playback.tick(_now, dt);
  }

  /** Starts the race (from the beginning when it has ended). */
  play(): void {
    this.#playback.play();
  }

  /** Stops at the current step; `notify` fires descent-config-change with it. */
  pause(notify = true): void {
    this.#playback.pause(notify);
  }

  /** Shows step `k`, paused. */
  seek(k: number): void {
    this.#playback.seek(k);
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
  async embedCode(src: string | null | undefined = this.embedSrc): Promise<string> {
    return (await import('../../state/embed')).playgroundSnippet(this, src, loadedExpressionModule()?.compileSurface);
  }

  /**
   * The view as a file: `png` (at `scale` 1, 2 or 3), `svg` (standalone, vector), `gif` or `video`
   * (WebM; the race from step `from` to the shown one, `fps` frames a second over `duration`
   * seconds, the last frame held), or every run's numbers as `csv` or `json` (steps `from` to
   * `to`, with each run's options, to compute them again with descent-lab/core). Made from the
   * state, never from the screen: the same state gives the same bytes. Loads on first use. A bad
   * option rejects with an error naming it.
   */
  exportFigure(options: ExportOptions): Promise<Blob> {
    return import('../../export/index').then((m) => m.exportFigure(this, options, this.#entryRuns, this.#shown));
  }

  // ---- event handlers --------------------------------------------------------------------

  #onStart = (e: CustomEvent<StartChangeDetail>) => {
    // The panels' start is ours: set with the new runs, one render per move.
    e.preventDefault();
    const start: Point = e.detail.start;
    const [x, y] = this.#_config.start;
    this.#dragging = !e.detail.final && e.detail.source === 'pointer';
    if (start[0] !== x || start[1] !== y || e.detail.final) this.#commit({ start });
  };

  /** The loss chart's runs for this render: the current ones, or during a drag after the frame. */
  #runsForChart(): readonly PanelRun[] {
    if (!this.#dragging || !this.hasUpdated) return (this.#chartRuns = this.#panelRuns);
    if (!this.#chartCatchUp) {
      this.#chartCatchUp = true;
      afterFrame(() => {
        this.#chartCatchUp = false;
        if (this.#chartRuns === this.#panelRuns) return;
        this.#chartRuns = this.#panelRuns;
        const chart = this.renderRoot.querySelector<DescentLossChart>('descent-loss-chart[part~="loss-chart"]');
        if (chart) chart.runs = this.#chartRuns;
      });
    }
    return this.#chartRuns;
  }

  #onChartStep = (e: CustomEvent<StepDetail>) => {
    // The playground reports the step itself (Playback.sync), once, whatever moved it.
    e.stopPropagation();
    const { step, preview } = e.detail;
    if (preview) {
      this.#playback.preview(step);
    } else if (step !== null) {
      this.seek(step);
    }
  };

  /** A catalog surface picked: its default race, keeping the layout. */
  #pickSurface(id: SurfaceId): void {
    if (surfacesToLoad([id]).length) {
      // Shown once its chunk is here, unless another surface was picked meanwhile.
      this.#picking = id;
      void loadSurface(id).then(
        () => this.#picking === id && this.#pickSurface(id),
        () => {
          if (this.#picking !== id) return;
          this.#picking = undefined;
          this.notices = [...this.notices, t(this.#uiLang, 'surfaceUnavailable', { id })];
        },
      );
      return;
    }
    this.#picking = undefined;
    this.customOpen = false;
    this.configErrors = [];
    this.pause(false);
    this.#playback.place(0);
    this.#playback.dropPreview();
    this.#list.reset();
    this.#commit({ ...defaultConfig(id), layout: this.#_config.layout });
    this.#playback.place(this.#restingStep);
  }

  /** "Default race": the surface's own runners, start, steps and speed, at step 0 (layout kept). */
  restoreRace(): void {
    this.pause(false);
    this.#playback.place(0);
    this.#playback.dropPreview();
    this.#list.reset();
    this.#commit({ ...defaultRace(this.#shown ?? getSurface(this.#_config.surface)), step: 0 });
    this.#playback.place(this.#restingStep);
  }

  /** "Custom expression…": the field opens on the current surface's own expression and window. */
  #openCustom(): void {
    this.#picking = undefined;
    const surface = this.#shown ?? getSurface(this.#_config.surface);
    this.customOpen = true;
    const field = this.#field;
    if (!field) {
      // The field's module first (a small chunk); "Loading…" shows meanwhile.
      void customModule().then(
        () => this.customOpen && this.#_config.expr === undefined && this.#openCustom(),
        () => {
          this.customOpen = false;
          this.notices = [...this.notices, t(this.#uiLang, 'customUnavailable')];
        },
      );
      this.requestUpdate();
      return;
    }
    field.open(surface.expr, surface.domain);
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('[part~="expression-input"]')?.focus());
  }

  /** A typed-in surface compiled: the race moves to it (see followExpression). */
  #onExpression(change: ExpressionChange): void {
    // The field was closed (a catalog surface picked) while this compiled: too late.
    if (!this.customOpen && this.#_config.expr === undefined) return;
    const custom = loadedCustom();
    if (!custom) return;
    const patch = custom.followExpression(this.#_config, change);
    this.pause(false);
    this.#playback.place(0);
    this.#playback.dropPreview();
    this.#list.clearErrors();
    this.configErrors = [];
    this.#commit(patch);
    this.#playback.place(this.#restingStep);
  }

  /** State and callbacks for the toolbar's templates. */
  get #toolbarHost(): ToolbarHost {
    return {
      lang: this.#uiLang,
      config: this.#_config,
      surface: this.#shown ?? getSurface(this.#_config.surface),
      custom: this.customOpen || this.#_config.expr !== undefined,
      playing: this.#playback.playing,
      copy: this.#copy,
      copyEmbed: () => this.#copyEmbed(),
      exportMenu: this.#exportMenu?.render(),
      toggleExport: () =>
        void import('../../export/menu').then(
          ({ ExportMenu }) => (this.#exportMenu ??= new ExportMenu(this)).toggle(),
          () => undefined, // not loaded (offline): the next click tries again
        ),
      renderField: () => this.#field?.render() ?? html`<p class="pending">${t(this.#uiLang, 'loadingCompiler')}</p>`,
      pickSurface: (id) => this.#pickSurface(id),
      openCustom: () => this.#openCustom(),
      setLayout: (layout) => this.#commit({ layout }),
      setInspect: (on) => this.#commit({ inspect: on }),
      play: () => this.play(),
      pause: () => this.pause(),
      stepForward: () => this.seek(this.#playback.step + 1),
      reset: () => this.reset(),
      raceChanged: raceChange(this.#_config, this.#shown ?? getSurface(this.#_config.surface)) > 0,
      restoreRace: () => this.restoreRace(),
      seek: (step) => this.seek(step),
      setSpeed: (speed) => this.#commit({ speed }),
      setSteps: (steps) => {
        this.pause(false);
        this.#playback.place(Math.min(this.#playback.step, steps));
        this.#commit({ steps, step: this.#playback.step });
      },
    };
  }

  // ---- rendering -------------------------------------------------------------------------

  #renderErrors() {
    const lang = this.#uiLang;
    const all = [...this.attributeErrors, ...this.configErrors, ...this.notices].map((m) => messageText(m, lang));
    if (!all.length) return nothing;
    return html`<div part="error" role="alert">
      ${all.length === 1 ? all[0] : html`<ul>${all.map((m) => html`<li>${m}</li>`)}</ul>`}
    </div>`;
  }

  protected override render() {
    // While an expression attribute waits for the compiler, the catalog surface fills the
    // controls and the panels wait.
    const pending = this.#shown === undefined;
    const surface = this.#shown ?? getSurface(this.#_config.surface);
    const step = this.#playback.shownStep;
    const lang = this.#uiLang;
    const text = surfaceText(surface, lang);
    // The story describes the default race's paths: not shown once they are changed.
    const told = text.story && raceChange(this.#_config, surface) < 2;
    this.#playback.rendering(step);
    const selected = this.#entryRuns[this.#list.selected];
    const { start, layout } = this.#_config;
    const panels = () =>
      surfacePanels({
        lang,
        theme: this.theme,
        surface,
        start,
        layout,
        entryRuns: this.#entryRuns,
        panelRuns: this.#panelRuns,
        step,
        main: { width: this.mainWidth, height: this.mainHeight },
        highlight: this.#highlight.current,
        legend: this.#highlight.legend(this.#panelRuns, lang),
        legendHeight: this.#highlight.legendHeight,
        inspect: this.#_config.inspect === true,
        inspectMark: this.inspectMark,
        inspectLegend: () => inspectChunk(() => this.requestUpdate())?.legend(this.#panelRuns, lang, this.#onInspectMark),
        map: layout === 'map' ? mapChunk(() => this.requestUpdate())?.parts(this, this.#_config, surface, this.#entryRuns, lang) : undefined,
      });
    const main = html`<div class="main" @descent-start-change=${this.#onStart} @descent-highlight=${this.#highlight.onEvent} @descent-inspect-mark=${this.#onInspectMarkEvent}>
      ${!this.#seen ? nothing : pending ? html`<p class="pending">${t(lang, 'loadingCompiler')}</p>` : panels()}
    </div>`;
    // Batches, schedules and the data panel (training.ts): loaded for a data surface or a run that has them.
    const training = surface.data || this.#_config.optimizers.some((e) => e.batch || e.schedule) ? trainingChunk(() => this.requestUpdate()) : undefined;
    const list = html`<div class="side" id="sheet-optimizers">
      ${optimizerList(this.#list.view(this.#entryRuns, step, lang, training && ((host, r) => training.row(host, r, surface))))}
    </div>`;
    const parts = this.#inspectParts(lang, step);
    const aside = html`<div class="aside" id="sheet-details">
      <p class="story" part="story">${told ? text.story : text.note}</p>
      ${training?.dataPanel(this.shadowRoot, surface, selected, step, lang) ?? nothing}
      <descent-loss-chart
        part="loss-chart"
        lang=${lang}
        theme=${this.theme ?? nothing}
        .runs=${this.#runsForChart()}
        .surface=${surface}
        .highlight=${this.#highlight.current}
        @descent-step=${this.#onChartStep}
        @descent-highlight=${this.#highlight.onEvent}
      ></descent-loss-chart>
      ${parts?.chart ?? nothing}
      ${rulePanel(
        selected && { ...selected, kind: selected.entry.kind },
        () => this.requestUpdate(),
        lang,
        // (the rules' chunk is fetched once the panel is on screen: not in a closed sheet, and
        // not before the width, which says whether it is in one, is known)
        this.#measured && (this.band !== 'narrow' || this.sheet === 'details'),
        training ? [parts?.values, training.lrLine(selected, step, lang)] : parts?.values,
        this.shadowRoot,
      )}
    </div>`;
    const announcer = html`<div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>`;
    return shell(
      { band: this.band, sheet: this.sheet, lang, setSheet: (sheet) => (this.sheet = sheet) },
      { errors: this.#renderErrors(), controls: toolbar(this.#toolbarHost), list, main, aside, announcer },
    );
  }
}

define('descent-playground', DescentPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'descent-playground': DescentPlayground;
  }
}
