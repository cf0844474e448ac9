import type { ExportOptions } from '../../export/index';
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { styleProps } from '../shared/style-props';
import type { Point, Surface } from '../../core/types';
import { criticalKinds, criticalSymbol } from '../../render/markers';
import { dragBuffers, simplifierSettled, simplifierReady, trajectoryGeometry, type TrajectoryGeometry } from '../../render/paths';
import { panelHeight, panelScales, type PanelScales } from '../../render/scales';
import { axisTicks, formatNumber } from '../../render/ticks';
import { getSurface, insideDomain, isSurfaceId } from '../../state/config';
import { parseStart, parseStep, parseSurface } from '../../state/parse';
import { attributeError, stepAttribute } from '../shared/race-attributes';
import { loadSurface, surfacesToLoad } from '../../state/surfaces';
import { presetsReady } from '../../core/optimizers/index';
import { contourPainting, defaultPalette, surfaceContours, type ContourPalette } from '../shared/contour-cache';
import { define } from '../shared/define';
import { observeWidth } from '../shared/width';
import { contourRamp, followColorScheme, prefersDark, themeStyles } from '../shared/theme';
import { langOf, surfaceText, t, whenLoaded, isLoaded, type Lang } from '../../i18n/index';
import type { HighlightDetail, PanelRun, StartChangeDetail } from '../shared/types';
import { emitHighlight, Highlight, highlightClass, legendStyles, runLegend } from '../shared/legend';
import { headPath } from '../../render/run-markers';
import { nearestRun } from './nearest-run';
import { styles } from './descent-surface.styles';
import type { InspectMark } from '../../render/inspect';

import { inspectChunk, loadedInspectChunk } from '../shared/lazy-chunk';
import { standaloneRuns } from './standalone-runs';

/** `descent-inspect-mark`: a reader pointed at one kind of mark of the inner-state view, or left it (null). */
export interface InspectMarkDetail {
  readonly mark: InspectMark | null;
}

interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

const AXES: Margins = { top: 6, right: 10, bottom: 30, left: 42 };
const BARE: Margins = { top: 1, right: 1, bottom: 1, left: 1 };

/** Decimals that resolve about 1/2000 of a span: start points stay short in links. */
export function startDecimals(span: number): number {
  return Math.max(0, Math.ceil(-Math.log10(span / 2000)));
}

function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/**
 * One contour panel: a surface's filled contour map, its critical points, one trajectory and
 * moving head per run, axes, and the draggable start point.
 *
 * Give it runs (from `<descent-playground>`) or, standalone, an `optimizers` list: then it runs
 * them itself with the surface's default-race learning rates and follows its own start handle.
 *
 * @element descent-surface
 *
 * @attr {string} surface - Catalog surface id (or set the `surface` property to a Surface).
 * @attr {string} start - Start point "x y"; defaults to the surface's own start.
 * @attr {number} step - Step shown; paths are drawn up to it and heads sit on it. Default: the last.
 * @attr {string} optimizers - Standalone use: space-separated preset ids to run.
 * @attr {number} steps - Standalone use: steps per run (default: the surface's race).
 * @attr {boolean} no-legend - Hide the critical-point legend.
 * @attr {boolean} no-run-legend - Hide the run legend (a page or a playground shows its own).
 * @attr {string} highlight - Key of the run to highlight (the others dim); unset, the element
 *   follows its own legend and paths.
 * @attr {boolean} no-axes - Hide the axes (for small multiples).
 * @attr {boolean} inspect - Show each run's inner state at its head: the gradient step −γ∇f, the
 *   step taken, the velocity or first moment, Nesterov's θ and the adaptive rules' step size per
 *   coordinate, with a legend (loaded on first use). Runs given by `runs` need their record
 *   (`trajectory({ ..., record: 'state' })`); standalone runs record it themselves.
 * @attr {boolean} no-inspect-legend - With `inspect`, leave out the legend of its marks (a page
 *   or a playground of several maps shows one of its own).
 * @attr {'light'|'dark'|'auto'} theme - Colour theme (default light; auto follows the system).
 * @attr {string} lang - UI language, en or ko (default: the nearest lang in the page).
 *
 * @prop {PanelRun[]} runs - Trajectories to draw, each with a key, label and colour.
 * @prop {InspectMark | null} inspectMark - The kind of inner-state mark pointed at (the others
 *   fade), set by a listener of descent-inspect-mark.
 *
 * @fires {CustomEvent<HighlightDetail>} descent-highlight - A run was pointed at, focused or
 *   tapped (its path or legend entry), or left (`key: null`). Cancelable: a listener that calls
 *   preventDefault() takes over (and sets `highlight`). Bubbles, composed.
 * @fires {CustomEvent<InspectMarkDetail>} descent-inspect-mark - With `inspect`: a reader pointed
 *   at (or focused) a key of the inner-state legend, or left it (`mark: null`). Cancelable: a
 *   listener that calls preventDefault() takes over (and sets `inspectMark`). Bubbles, composed.
 * @fires {CustomEvent<StartChangeDetail>} descent-start-change - The start handle moved
 *   (every pointer move and key; `final` on release and for keys). Bubbles, composed.
 *   Cancelable: a listener that calls preventDefault() takes over (and sets `start`).
 *
 * The start handle is a slider (ARIA slider pattern) whose value is the point: arrow keys move
 * it by a hundredth of the range (Shift: a tenth), Page Up / Page Down move y by a tenth,
 * Home / End move x to the ends of its range; `aria-valuetext` reads "x 0.12, y -0.4, loss 0.031".
 *
 * @csspart surface - The SVG drawing (axes, markers, paths, handle).
 * @csspart contours - The canvas with the filled contour bands.
 * @csspart basins - The basin map over them (the `basins` property: the playground's map layout).
 * @csspart trajectory - One path per run, with `data-optimizer` set to its label.
 * @csspart head - The moving point of each run, with `data-optimizer`: a marker shape per run
 *   (circle, square, triangle, diamond, star, …; render/run-markers.ts), placed by `transform`.
 * @csspart run-legend - The run legend above the map.
 * @csspart legend-entry - One run's legend button, with `data-optimizer` and `aria-pressed`.
 * @csspart start-handle - The draggable, focusable start point.
 * @csspart critical-point - A critical point marker, with `data-kind`.
 * @csspart legend - The critical-point legend.
 * @csspart inspect - With `inspect`: the marks of the inner-state view (an SVG group whose
 *   `data-scale` is the arrows' display factor), one `g` per run with `data-key`.
 * @csspart inspect-legend - With `inspect`: what each mark shows, and the arrows' scale.
 * @csspart inspect-scale - The arrows' display factor ("arrows × 10"), when it is not 1.
 * @csspart note - Why the map is one flat colour, when it is (a constant surface, or one with no
 *   finite value in the window), or that a typed-in surface's critical points are partial (their
 *   search stopped at its budget).
 * @csspart error - Messages about bad attributes (steps, optimizers, start, surface, step), each also
 *   warned once on the console; the element draws with defaults for those values.
 *
 * @cssprop --descent-font - Font stack.
 * @cssprop --descent-muted - Colour of axis text.
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
 * @cssprop --descent-marker-fill - Fill of critical-point markers and the start handle.
 * @cssprop --descent-marker-stroke - Outline of critical-point markers and the start handle.
 *
 * @slot - Overlaid at the plot's top left (titles, badges).
 */
export class DescentSurface extends LitElement {
  static override styles = [styles, legendStyles, themeStyles];

  static override properties = {
    surface: { converter: { fromAttribute: (v: string | null) => v ?? undefined } },
    runs: { attribute: false },
    start: {
      converter: {
        fromAttribute: (v: string | null) => {
          const r = v === null ? undefined : parseStart(v);
          return r?.ok ? r.value : undefined;
        },
      },
    },
    step: { converter: stepAttribute(Infinity), noAccessor: true },
    optimizers: {},
    steps: { type: Number },
    noLegend: { type: Boolean, attribute: 'no-legend' },
    noAxes: { type: Boolean, attribute: 'no-axes' },
    noRunLegend: { type: Boolean, attribute: 'no-run-legend' },
    inspect: { type: Boolean },
    noInspectLegend: { type: Boolean, attribute: 'no-inspect-legend' },
    inspectMark: { attribute: false },
    highlight: {},
    basins: { attribute: false },
    theme: { reflect: true },
    langAttribute: { attribute: 'lang' },
    width: { state: true },
    dragging: { state: true },
  };

  declare surface: Surface | string | undefined;
  declare runs: readonly PanelRun[] | undefined;
  declare start: Point | undefined;
  declare optimizers: string | undefined;
  declare steps: number | undefined;
  declare noLegend: boolean;
  declare noAxes: boolean;
  declare noRunLegend: boolean;
  declare inspect: boolean;
  declare noInspectLegend: boolean;
  declare inspectMark: InspectMark | null;
  declare highlight: string | undefined;
  /**
   * A basin map to show under the paths (one pixel per cell, row 0 at the top), drawn over the
   * contour bands; `<descent-playground layout="map">` gives its panels theirs.
   */
  declare basins: HTMLCanvasElement | undefined;
  declare theme: string | null;
  declare langAttribute: string | null;
  declare protected width: number;
  declare protected dragging: boolean;

  /** The element's own highlight (from its legend and paths), when no listener takes over. */
  #ownHighlight = new Highlight();
  #geometry = new Map<string, TrajectoryGeometry>();
  #geometryFor: { runs?: readonly PanelRun[]; scales?: PanelScales; simplified?: boolean } = {};
  #ownRuns: readonly PanelRun[] | undefined;
  #ownRunsFor = '';
  #stopObservingWidth: (() => void) | undefined;
  #painted = '';
  #stopFollowingScheme: (() => void) | undefined;
  #dragRect: DOMRect | undefined;
  #_step = Infinity;
  /** Elements the step moves, collected after each render: the step never re-renders. */
  #stepTargets: {
    readonly run: PanelRun;
    readonly geometry: TrajectoryGeometry;
    /** The revealed copies (casing and solid path) and the faint whole path. */
    readonly paths: readonly SVGPathElement[];
    readonly ghost: SVGPathElement | undefined;
    readonly head: SVGPathElement | null;
  }[] = [];

  /** Step shown: paths are drawn up to it and heads sit on it (Infinity: the last). */
  get step(): number {
    return this.#_step;
  }

  set step(value: number) {
    const old = this.#_step;
    this.#_step = Number.isNaN(value) ? Infinity : value;
    // The same step again (the playground sets it on every update, a drag on every move):
    // nothing to move.
    if (this.#_step === old && this.hasUpdated) return;
    // Between renders only attributes change; a pending render applies the step itself.
    if (this.hasUpdated && !this.isUpdatePending) this.#applyStep();
    else this.requestUpdate('step', old);
  }

  constructor() {
    super();
    this.noLegend = false;
    this.noAxes = false;
    this.noRunLegend = false;
    this.inspect = false;
    this.noInspectLegend = false;
    this.inspectMark = null;
    this.theme = null;
    this.langAttribute = null;
    this.width = 0;
    this.dragging = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopObservingWidth = observeWidth(this, (w) => {
      if (w !== this.width) this.width = w;
    });
    this.#stopFollowingScheme = followColorScheme(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopObservingWidth?.();
    this.#stopFollowingScheme?.();
  }

  /** The UI language (loading its strings if needed, then rendering again). */
  get #uiLang(): Lang {
    const lang = langOf(this);
    if (!isLoaded(lang)) void whenLoaded(lang).then(() => this.requestUpdate());
    return lang;
  }

  /**
   * The Surface drawn (the default catalog surface when `surface` is missing or unknown).
   * @internal
   */
  get resolvedSurface(): Surface {
    const s = this.surface;
    if (s && typeof s === 'object') return s;
    return getSurface(typeof s === 'string' && isSurfaceId(s) ? s : '');
  }

  /**
   * The start point drawn: `start` (moved onto the map if it lies outside, so its handle can
   * always be seen and dragged), else the surface's own.
   * @internal
   */
  get resolvedStart(): Point {
    const { start } = this;
    if (!start) return this.resolvedSurface.start;
    const { domain } = this.resolvedSurface;
    if (insideDomain(domain, start[0], start[1])) return start;
    const onto = (v: number, [a, b]: readonly [number, number]) => Math.min(b, Math.max(a, v));
    return [onto(start[0], domain.x), onto(start[1], domain.y)];
  }

  get #margins(): Margins {
    return this.noAxes ? BARE : AXES;
  }

  /**
   * Scales of the plot area, or undefined before the element has a width.
   * @internal
   */
  get scales(): PanelScales | undefined {
    const m = this.#margins;
    const pw = this.width - m.left - m.right;
    if (!(pw > 20)) return undefined;
    const domain = this.resolvedSurface.domain;
    return panelScales(domain, pw, panelHeight(domain, pw));
  }

  /** A rule that was loading has arrived: run again. */
  #rulesLoaded = () => {
    this.#ownRunsFor = '';
    this.requestUpdate();
  };

  /** The runs drawn: the `runs` property, or in standalone use the element's own. */
  get #drawnRuns(): readonly PanelRun[] {
    if (this.runs) return this.runs;
    if (!this.optimizers) return [];
    const surface = this.resolvedSurface;
    const start = this.resolvedStart;
    const stepsText = this.steps === undefined ? null : (this.getAttribute('steps') ?? String(this.steps));
    const key = `${surface.id}|${start.join(',')}|${stepsText}|${this.optimizers}|${this.#uiLang}|${isLoaded(this.#uiLang)}|${this.inspect}`;
    if (key !== this.#ownRunsFor || !this.#ownRuns) {
      const { runs, errors } = standaloneRuns(surface, start, stepsText, this.optimizers, this.#uiLang, this.inspect, this.#rulesLoaded);
      this.#ownRuns = runs;
      this.#ownRunsFor = key;
      this.#runErrors = errors;
    }
    return this.#ownRuns;
  }

  /** Messages about the standalone runs' attributes (steps, optimizers). */
  #runErrors: string[] = [];
  #warned = new Set<string>();

  /** Every message about a bad attribute: shown in the `error` part and warned once each. */
  #attributeErrors(lang: Lang): string[] {
    const errors = [
      attributeError('surface', this.surface, parseSurface, lang),
      // A start set by dragging (or script) replaces the attribute's.
      attributeError('start', this.start ? null : this.getAttribute('start'), parseStart, lang),
      attributeError('step', this.getAttribute('step'), parseStep, lang),
      ...(this.runs ? [] : this.#runErrors),
    ].filter((m) => m !== undefined);
    for (const message of errors) {
      if (this.#warned.has(message)) continue;
      this.#warned.add(message);
      console.warn(`<descent-surface>: ${message}`);
    }
    return errors;
  }

  /** Waits for a catalog surface named by id that is not loaded yet (single-file bundle only). */
  protected override async scheduleUpdate(): Promise<void> {
    const s = this.surface;
    const wanted = surfacesToLoad([typeof s === 'string' ? s : undefined]);
    if (wanted.length) await Promise.allSettled(wanted.map((id) => loadSurface(id)));
    // Likewise the optimizer catalog for an `optimizers` list that names one of its presets.
    await presetsReady(this.optimizers);
    super.scheduleUpdate();
  }

  protected override willUpdate(): void {
    const runs = this.#drawnRuns;
    const scales = this.scales;
    if (!scales) return;
    const simplified = simplifierSettled();
    if (runs === this.#geometryFor.runs && simplified === this.#geometryFor.simplified && scales.width === this.#geometryFor.scales?.width && this.#geometryFor.scales.y.domain()[0] === scales.y.domain()[0] && this.#geometryFor.scales.x.domain()[0] === scales.x.domain()[0]) return;
    // Paths drawn before the simplifier is here keep every iterate: drawn again once it is.
    if (!simplified) void simplifierReady.then(() => this.requestUpdate());
    const next = new Map<string, TrajectoryGeometry>();
    // While the start is dragged, the pixel arrays are reused from move to move (see
    // DragBuffers); the drop draws them again in new ones.
    const drag = this.dragging ? dragBuffers(this) : undefined;
    for (const run of runs) {
      next.set(
        run.key,
        trajectoryGeometry(run.trajectory.x, run.trajectory.y, scales.x, scales.y, {
          width: scales.width,
          height: scales.height,
          take: drag?.take,
        }),
      );
    }
    this.#geometry = next;
    this.#geometryFor = { runs, scales, simplified };
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#collectStepTargets();
    this.#applyStep();
    this.#paintContours();
    // The basin map as it stands, when it is new (its canvas comes and goes with it; the bands that
    // arrive while it is computed are drawn into the canvas by whoever computes it).
    const basins = this.basins && this.renderRoot.querySelector<HTMLCanvasElement>('canvas[part~="basins"]');
    if (basins && this.basins && changed.has('basins')) {
      basins.width = this.basins.width;
      basins.height = this.basins.height;
      basins.getContext('2d')?.drawImage(this.basins, 0, 0);
    }
    if (changed.has('inspectMark') || changed.has('inspect')) loadedInspectChunk()?.highlightMark(this.renderRoot, this.inspectMark);
  }

  /** The inner-state layer when `inspect` is on and it has loaded (loading it, and its look, the first time). */
  get #inspecting(): typeof import('./inspect-layer') | undefined {
    if (!this.inspect) return undefined;
    const layer = inspectChunk(() => this.requestUpdate());
    layer?.adopt(this.shadowRoot, layer.styles.styleSheet);
    return layer;
  }


  #collectStepTargets(): void {
    // One query for every run's paths and heads (a query per run cost more on each drag move).
    const paths = new Map<string, SVGPathElement[]>();
    const heads = new Map<string, SVGPathElement>();
    const ghosts = new Map<string, SVGPathElement>();
    for (const el of this.renderRoot.querySelectorAll<SVGPathElement>('path[data-key]')) {
      const key = el.dataset.key as string;
      if (el.getAttribute('part') === 'head') heads.set(key, el);
      else if (el.classList.contains('ghost')) ghosts.set(key, el);
      else {
        const list = paths.get(key);
        if (list) list.push(el);
        else paths.set(key, [el]);
      }
    }
    this.#stepTargets = this.#drawnRuns.flatMap((run) => {
      const geometry = this.#geometry.get(run.key);
      if (!geometry) return [];
      return [{ run, geometry, paths: paths.get(run.key) ?? [], ghost: ghosts.get(run.key), head: heads.get(run.key) ?? null }];
    });
  }

  /** The geometry whose `d` each casing and faint path holds. */
  #drawnPaths = new WeakMap<SVGPathElement, TrajectoryGeometry>();

  #drawPath(path: SVGPathElement, g: TrajectoryGeometry): void {
    if (this.#drawnPaths.get(path) === g) return;
    this.#drawnPaths.set(path, g);
    path.setAttribute('d', g.d);
  }

  /** Reveals each path up to the step (a dash as long as the path so far) and moves its head. */
  #applyStep(): void {
    const step = this.#_step;
    for (const { run, geometry: g, paths, ghost, head } of this.#stepTargets) {
      const k = Math.max(0, Math.min(step, g.last));
      const dash = k >= g.last ? 'none' : `${g.lengthAt(k).toFixed(1)} 100000`;
      // A copy that shows nothing is not displayed: at step 0 the revealed copies (a dash of
      // length 0), at the last step the faint whole path (covered by the solid one). Undisplayed,
      // a path costs no style, layout or paint when a drag gives it a new `d`.
      // The casing and the faint path get their `d` only while displayed (the solid path, the
      // `trajectory` part, always has it).
      const none = k === 0 && g.last > 0;
      for (const path of paths) {
        path.style.strokeDasharray = dash;
        path.style.display = none ? 'none' : '';
        if (!none) this.#drawPath(path, g);
      }
      if (ghost) {
        const hidden = k >= g.last && g.last > 0;
        ghost.style.display = hidden ? 'none' : '';
        if (!hidden) this.#drawPath(ghost, g);
      }
      if (!head || g.last < 0) continue;
      const diverged = run.trajectory.divergedAt !== undefined && step >= run.trajectory.divergedAt;
      head.setAttribute('transform', `translate(${g.px[k].toFixed(1)},${g.py[k].toFixed(1)})`);
      head.classList.toggle('diverged', diverged);
      head.style.stroke = diverged ? run.color : '';
    }
    const scales = this.scales;
    const layer = this.inspect ? loadedInspectChunk() : undefined;
    if (layer && scales) layer.apply(this.renderRoot, this.#drawnRuns, step, scales, this.#uiLang);
  }

  #paintContours(): void {
    const scales = this.scales;
    const canvas = this.renderRoot.querySelector('canvas');
    if (!scales || !canvas) return;
    const surface = this.resolvedSurface;
    const ratio = Math.min(2, Math.max(1, Math.round(window.devicePixelRatio || 1)));
    const palette = this.#currentPalette();
    const key = `${surface.id}|${scales.width}x${scales.height}@${ratio}|${palette.key}`;
    if (key === this.#painted && canvas.dataset.surface === surface.id) return;
    // A corrugated surface's painter comes in a chunk: paint again once it is here.
    const painting = contourPainting(surface, scales.width, scales.height, ratio, palette, () => {
      this.#painted = '';
      this.requestUpdate();
    });
    canvas.width = painting.width;
    canvas.height = painting.height;
    canvas.getContext('2d')?.drawImage(painting, 0, 0);
    canvas.dataset.surface = surface.id;
    canvas.dataset.levels = String(surfaceContours(surface).levels.thresholds.length);
    canvas.dataset.spacing = surfaceContours(surface).levels.log ? 'log' : 'linear';
    canvas.dataset.palette = palette.key ? 'custom' : 'default';
    this.#painted = key;
  }

  #paletteFor: string | undefined;
  #cachedPalette: ContourPalette | undefined;

  /**
   * The palette, read from the computed style only when the theme or the colour scheme has
   * changed: getComputedStyle on every update forced a style recalculation on every drag move
   * (the largest cost in a drag profile). Custom properties are read at the first paint and on
   * each theme change.
   */
  #currentPalette(): ContourPalette {
    const dark = prefersDark();
    const key = `${this.closest('[theme]')?.getAttribute('theme') ?? ''}|${this.theme ?? ''}|${dark}`;
    if (key !== this.#paletteFor || !this.#cachedPalette) {
      this.#cachedPalette = this.#palette();
      this.#paletteFor = key;
    }
    return this.#cachedPalette;
  }

  /** The contour colours from the custom properties (theme or page), else the light default. */
  #palette(): ContourPalette {
    const style = getComputedStyle(this);
    const colors = style.getPropertyValue('--descent-contour-colors').trim();
    const line = style.getPropertyValue('--descent-contour-line').trim() || defaultPalette.line;
    const band = colors ? contourRamp(this) : undefined;
    if (!band) return line === defaultPalette.line ? defaultPalette : { ...defaultPalette, key: `|${line}`, line };
    return { key: `${colors}|${line}`, band, line };
  }

  // ---- highlight -------------------------------------------------------------------------

  /** The highlighted run's key: `highlight` when set, else the element's own. */
  get #shownHighlight(): string | null {
    return this.highlight ?? this.#ownHighlight.current;
  }

  /** Reports a highlight; applies it here unless a listener (a playground) took it. */
  #onHighlight = (detail: HighlightDetail) => {
    if (emitHighlight(this, detail) && this.#ownHighlight.apply(detail)) this.requestUpdate();
  };

  /** The run whose path the mouse is on (reported when it changes). */
  #pointedRun: string | null = null;

  #pointAt(key: string | null): void {
    if (key === this.#pointedRun) return;
    this.#pointedRun = key;
    this.#onHighlight({ key });
  }

  /** Mouse over the map: the run whose path is under it, if any, is highlighted. */
  #onPlotHover = (e: PointerEvent) => {
    if (e.pointerType === 'touch' || this.dragging) return;
    const rect = (e.currentTarget as Element).getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    // With the inner state shown, a mark under the mouse is pointed at, as its legend key would be.
    if (this.inspect) loadedInspectChunk()?.hover(this, x, y);
    if (this.#drawnRuns.length > 1) this.#pointAt(nearestRun(this.#geometry, x, y));
  };

  #onPlotLeave = () => {
    this.#pointAt(null);
    loadedInspectChunk()?.hover(this, NaN, NaN);
  };

  // ---- start handle ----------------------------------------------------------------------

  /**
   * Reports a new start; moves the handle there unless a listener took over (preventDefault: a
   * playground sets `start` itself, with the new runs, so the panel renders once per move).
   */
  #emitStart(start: Point, source: StartChangeDetail['source'], final: boolean): void {
    const taken = !this.dispatchEvent(
      new CustomEvent<StartChangeDetail>('descent-start-change', {
        detail: { start, source, final },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    if (!taken) this.start = start;
  }

  #pointFromEvent(e: PointerEvent): Point | undefined {
    const scales = this.scales;
    const rect = this.#dragRect;
    if (!scales || !rect) return undefined;
    const m = this.#margins;
    return this.#snap(scales.x.invert(e.clientX - rect.left - m.left), scales.y.invert(e.clientY - rect.top - m.top));
  }

  /** (x, y) clamped to the window and rounded to the start's decimals. */
  #snap(x: number, y: number): Point {
    const { domain } = this.resolvedSurface;
    const clamp = (v: number, [a, b]: readonly [number, number]) => roundTo(Math.min(b, Math.max(a, v)), startDecimals(b - a));
    return [clamp(x, domain.x), clamp(y, domain.y)];
  }

  #beginDrag(e: PointerEvent, target: Element): void {
    if (e.button !== 0) return;
    e.preventDefault();
    this.#dragRect = this.renderRoot.querySelector('svg.plot')?.getBoundingClientRect();
    target.setPointerCapture(e.pointerId);
    this.dragging = true;
    (this.renderRoot.querySelector('[part~="start-handle"]') as SVGGElement | null)?.focus({ preventScroll: true });
  }

  /**
   * Chromium ignores `touch-action` on SVG shapes, so a finger on the handle would start a page
   * pan and cancel the drag after a few moves; refusing the touch's default action here keeps
   * the drag (and only there: touches elsewhere on the map still scroll the page).
   */
  #onHandleTouch = { handleEvent: (e: TouchEvent) => e.preventDefault(), passive: false };

  #onHandleDown = (e: PointerEvent) => {
    this.#beginDrag(e, e.currentTarget as Element);
  };

  /** A press on the map (mouse or pen) moves the start there and keeps dragging it. */
  /** Where a touch on the plot began: a tap (a touch that barely moved) sets the start there. */
  #touchAt: [number, number] | undefined;

  #onPlotDown = (e: PointerEvent) => {
    // A touch does not drag the start (the page must scroll under a finger), but a tap sets it.
    if (e.pointerType === 'touch') {
      this.#touchAt = [e.clientX, e.clientY];
      this.#dragRect = this.renderRoot.querySelector('svg.plot')?.getBoundingClientRect();
      return;
    }
    this.#beginDrag(e, e.currentTarget as Element);
    const p = this.#pointFromEvent(e);
    if (p) this.#emitStart(p, 'pointer', false);
  };

  #onDragMove = (e: PointerEvent) => {
    if (!this.dragging) return;
    const p = this.#pointFromEvent(e);
    if (!p) return;
    const [x0, y0] = this.resolvedStart;
    if (p[0] !== x0 || p[1] !== y0) this.#emitStart(p, 'pointer', false);
  };

  #onPlotMove = (e: PointerEvent) => {
    if (this.dragging) this.#onDragMove(e);
    else this.#onPlotHover(e);
  };

  #onDragEnd = (e: PointerEvent) => {
    const at = this.#touchAt;
    this.#touchAt = undefined;
    const p = at && e.type === 'pointerup' && Math.hypot(e.clientX - at[0], e.clientY - at[1]) < 10 && this.#pointFromEvent(e);
    if (p) this.#emitStart(p, 'pointer', true);
    if (!this.dragging) return;
    this.dragging = false;
    this.#geometryFor = {};
    (e.currentTarget as Element).releasePointerCapture?.(e.pointerId);
    this.#emitStart(this.resolvedStart, 'pointer', true);
  };

  #onHandleKey = (e: KeyboardEvent) => {
    const { domain } = this.resolvedSurface;
    const [x, y] = this.resolvedStart;
    const w = domain.x[1] - domain.x[0];
    const h = domain.y[1] - domain.y[0];
    const f = e.shiftKey ? 10 : 100;
    // Arrows: a hundredth of the window (a tenth with Shift); Page Up/Down: a tenth; Home/End: the edges.
    const next = (
      {
        ArrowLeft: [x - w / f, y],
        ArrowRight: [x + w / f, y],
        ArrowUp: [x, y + h / f],
        ArrowDown: [x, y - h / f],
        PageUp: [x, y + h / 10],
        PageDown: [x, y - h / 10],
        Home: [domain.x[0], y],
        End: [domain.x[1], y],
      } as Record<string, Point>
    )[e.key];
    if (!Array.isArray(next)) return;
    e.preventDefault();
    this.#emitStart(this.#snap(next[0], next[1]), 'keyboard', true);
  };

  // ---- rendering -------------------------------------------------------------------------

  #renderAxes(s: PanelScales) {
    if (this.noAxes) return nothing;
    const xt = axisTicks(s.x, Math.max(2, Math.round(s.width / 90)));
    const yt = axisTicks(s.y, Math.max(2, Math.round(s.height / 70)));
    return svg`<g class="axes" aria-hidden="true">
      ${xt.map(
        (t) => svg`<g class="tick" transform="translate(${t.offset},${s.height})">
          <line y2="4"></line><text y="14" text-anchor="middle">${t.label}</text></g>`,
      )}
      ${yt.map(
        (t) => svg`<g class="tick" transform="translate(0,${t.offset})">
          <line x2="-4"></line><text x="-6" dy="0.32em" text-anchor="end">${t.label}</text></g>`,
      )}
      <text class="axis-label" x=${s.width / 2} y=${s.height + 27} text-anchor="middle">x</text>
      <text class="axis-label" x="-36" y=${s.height / 2} dy="0.32em" text-anchor="middle">y</text>
    </g>`;
  }

  #renderLegend(surface: Surface, lang: Lang) {
    if (this.noLegend) return nothing;
    const kinds = criticalKinds.filter((k) => surface.critical.some((c) => c.kind === k));
    if (!kinds.length) return nothing;
    return html`<div class="legend" part="legend" role="group" aria-label=${t(lang, 'criticalPoints')}>
      ${kinds.map(
        (k) => html`<span
          ><svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
            <path part="critical-point-key" class="marker" d=${criticalSymbol(k, 'key')}></path></svg
          >${t(lang, k)}</span
        >`,
      )}
    </div>`;
  }

  /**
   * The map as a file: `png` (`scale` 1, 2 or 3), `svg` (standalone, vector), `gif` or `video`
   * (WebM) of its runs from step `from` to the shown one, or their numbers as `csv` or `json`; see
   * `<descent-playground>`'s exportFigure. Loads on first use.
   */
  exportFigure(options: ExportOptions): Promise<Blob> {
    return import('../../export/index').then((m) => m.exportFigure(this, options, this.#drawnRuns));
  }

  protected override render() {
    const surface = this.resolvedSurface;
    const s = this.scales;
    const lang = this.#uiLang;
    const errors = this.#attributeErrors(lang);
    const errorPart = errors.length
      ? html`<div part="error" role="alert">${errors.length === 1 ? errors[0] : html`<ul>${errors.map((m) => html`<li>${m}</li>`)}</ul>`}</div>`
      : nothing;
    if (!s) return html`${errorPart}<div class="frame empty"></div>`;
    const m = this.#margins;
    const runs = this.#drawnRuns;
    const [sx0, sy0] = this.resolvedStart;
    const hx = s.x(sx0);
    const hy = s.y(sy0);
    const loss = surface.f(sx0, sy0);
    const valueText = t(lang, 'startValue', { x: formatNumber(sx0), y: formatNumber(sy0), loss: formatNumber(loss) });
    const fullW = this.width;
    const fullH = s.height + m.top + m.bottom;
    const highlighted = this.#shownHighlight;
    const inspect = this.#inspecting;
    // Paths and heads are clipped to the plot area by an inner svg (its viewport clips; see
    // svg.plot-area in the styles), not by clip-path="url(#…)": with such a reference Chromium
    // kept every removed grid panel alive (issue #10). The inner-state marks are drawn over the
    // heads, so that a mark a few pixels from its head (SAM's ascent point at ρ 0.05) stays in sight.
    // Sizes go through styleProps (CSSOM), never a style attribute: a page whose CSP has no
    // 'unsafe-inline' in style-src refuses style attributes.
    const px = (v: number) => `${v}px`;
    const legend =
      this.noRunLegend || !runs.length
        ? nothing
        : runLegend(runs, { current: highlighted, pinned: this.highlight === undefined ? this.#ownHighlight.pinned : null }, lang, this.#onHighlight);
    return html`${errorPart}${legend}<div class="frame" style=${styleProps({ width: px(fullW), height: px(fullH) })}>
        <canvas
          part="contours"
          style=${styleProps({ left: px(m.left), top: px(m.top), width: px(s.width), height: px(s.height) })}
          aria-hidden="true"
        ></canvas>
        ${this.basins
          ? html`<canvas
              part="basins"
              style=${styleProps({ left: px(m.left), top: px(m.top), width: px(s.width), height: px(s.height) })}
              aria-hidden="true"
            ></canvas>`
          : nothing}
        <svg
          class="plot"
          part="surface"
          width=${fullW}
          height=${fullH}
          role="group"
          aria-label=${t(lang, 'mapLabel', { surface: surfaceText(surface, lang).label, n: runs.length })}
        >
          <g transform="translate(${m.left},${m.top})">
            ${this.#renderAxes(s)}
            <rect
              class="plot-border"
              width=${s.width}
              height=${s.height}
              @pointerdown=${this.#onPlotDown}
              @pointermove=${this.#onPlotMove}
              @pointerleave=${this.#onPlotLeave}
              @pointerup=${this.#onDragEnd}
              @pointercancel=${this.#onDragEnd}
            ></rect>
            <svg class="plot-area inert" width=${s.width} height=${s.height}>
              <g class="critical">
                ${surface.critical.map(
                  (c) => svg`<path part="critical-point" data-kind=${c.kind}
                    transform="translate(${s.x(c.x)},${s.y(c.y)})" d=${criticalSymbol(c.kind)}>
                    <title>${t(lang, c.kind)} (${formatNumber(c.x)}, ${formatNumber(c.y)}), f = ${formatNumber(c.f)}</title></path>`,
                )}
              </g>
              ${runs.map((r) => {
                const g = this.#geometry.get(r.key);
                if (!g) return nothing;
                // The whole path, faint and thin, shows where each run is headed before and
                // while it plays (and follows a drag at step 0); the solid path is revealed
                // up to the current step. A white casing keeps overlaid solid paths apart; a
                // panel with one path does not need it.
                const stroke = styleProps({ stroke: r.color });
                const hl = highlightClass(r.key, highlighted);
                return svg`<path class="ghost ${hl}" data-key=${r.key} style=${stroke}></path>
                  ${runs.length > 1 ? svg`<path class="halo ${hl}" data-key=${r.key}></path>` : nothing}
                  <path part="trajectory" class=${hl} data-key=${r.key} data-optimizer=${r.label} style=${stroke} d=${g.d}></path>`;
              })}
              ${runs.map((r) => {
                const g = this.#geometry.get(r.key);
                if (!g || g.last < 0) return nothing;
                return svg`<path part="head" class=${highlightClass(r.key, highlighted)} data-key=${r.key} data-optimizer=${r.label}
                  data-shape=${r.index ?? 0} d=${headPath(r.index ?? 0)} style=${styleProps({ fill: r.color })}></path>`;
              })}
              ${inspect ? inspect.layer(runs, (key) => highlightClass(key, highlighted), s.width) : nothing}
            </svg>
            <g
              part="start-handle"
              class=${this.dragging ? 'dragging' : ''}
              transform="translate(${hx},${hy})"
              tabindex="0"
              role="slider"
              aria-roledescription=${t(lang, 'startRole')}
              aria-label=${t(lang, 'startPoint')}
              aria-valuemin=${surface.domain.x[0]}
              aria-valuemax=${surface.domain.x[1]}
              aria-valuenow=${sx0}
              aria-valuetext=${valueText}
              @pointerdown=${this.#onHandleDown}
              @pointermove=${this.#onDragMove}
              @pointerup=${this.#onDragEnd}
              @pointercancel=${this.#onDragEnd}
              @touchstart=${this.#onHandleTouch}
              @keydown=${this.#onHandleKey}
            >
              <title>${t(lang, 'startTitle', { value: valueText })}</title>
              <circle class="handle-hit" r="16"></circle>
              <circle class="handle-focus" r="11"></circle>
              <circle class="handle-ring" r="7"></circle>
              <circle class="handle-dot" r="2.5"></circle>
            </g>
          </g>
        </svg>
        <div class="title-slot" style=${styleProps({ left: px(m.left + 4), top: px(m.top + 4) })}><slot></slot></div>
      </div>
      ${inspect && !this.noInspectLegend ? inspect.legend(runs, lang, (mark) => inspect.emitMark(this, mark)) : nothing}${this.#renderLegend(surface, lang)}${this.#renderFlatNote(surface, lang)}`;
  }

  /**
   * Says why the map has no contour lines: the surface is constant over the window (or varies
   * less than doubles can space levels in), or it has no finite value there. Or, for a typed-in
   * surface whose critical-point search stopped at its budget, that its markers are partial.
   */
  #renderFlatNote(surface: Surface, lang: Lang) {
    const { levels } = surfaceContours(surface);
    const n = levels.thresholds.length;
    const text =
      n > 1
        ? surface.criticalSearchStopped && t(lang, 'criticalPartial')
        : n
          ? t(lang, 'flatSurface', { value: formatNumber(levels.base) })
          : t(lang, 'undefinedSurface');
    return text ? html`<p class="flat-note" part="note">${text}</p>` : nothing;
  }
}

define('descent-surface', DescentSurface);

declare global {
  interface HTMLElementTagNameMap {
    'descent-surface': DescentSurface;
  }
}
