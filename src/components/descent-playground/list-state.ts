/**
 * The optimizer list's own state (which row is selected, which rows show all their settings,
 * which fields hold a value that was refused) and the edits the list makes to the
 * configuration. The host keeps the configuration; this turns the list's callbacks into patches.
 */
import type { ReactiveControllerHost } from 'lit';
import { isPresetId, loadOptimizers } from '../../core/optimizers/index';
import type { Surface } from '../../core/types';
import { MAX_RUNS, newEntry, type Config, type OptimizerEntry } from '../../state/config';
import { checkHyper, hyperFailure } from '../../state/parse';
import { messageText, t, type Lang } from '../../i18n/index';
import { loadSettings, type EntryRun, type OptimizerListHost } from './optimizer-list';

/** What the list's edits need from the element. */
export interface ListEditor {
  config(): Config;
  /** The surface new entries pick their learning rate for. */
  surface(): string | Surface;
  commit(patch: Partial<Config>): void;
}

export class OptimizerListState {
  #selectedNow = 0;
  #expanded: ReadonlySet<number> = new Set();
  /** Refused values' messages, keyed `${index}:${field}`. */
  #fieldErrors: ReadonlyMap<string, string> = new Map();

  readonly #host: ReactiveControllerHost & { readonly shadowRoot: ShadowRoot | null };
  readonly #editor: ListEditor;

  constructor(
    host: ReactiveControllerHost & { readonly shadowRoot: ShadowRoot | null },
    editor: ListEditor,
  ) {
    this.#host = host;
    this.#editor = editor;
  }

  get selected(): number {
    return this.#selectedNow;
  }

  /** A different race: the first row selected, every row folded, no refused values. */
  reset(): void {
    this.#set({ selected: 0, expanded: new Set(), fieldErrors: new Map() });
  }

  /** Refused values no longer apply (the settings they were typed for were replaced). */
  clearErrors(): void {
    this.#set({ fieldErrors: new Map() });
  }

  /** Keeps the selection on an existing row when the list got shorter. */
  clamp(count: number): void {
    if (this.#selectedNow >= count) this.#set({ selected: 0 });
  }

  /** State and callbacks for the optimizer list's templates. */
  view(runs: readonly EntryRun[], step: number, lang: Lang, extras?: OptimizerListHost['extras']): OptimizerListHost {
    const config = () => this.#editor.config();
    const setEntry = (index: number, entry: OptimizerEntry) =>
      this.#editor.commit({ optimizers: config().optimizers.map((e, i) => (i === index ? entry : e)) });
    return {
      lang,
      runs,
      step,
      steps: config().steps,
      extras,
      root: this.#host.shadowRoot,
      ...(config().optimizers.length >= MAX_RUNS ? { addFull: t(lang, 'addFull', { max: MAX_RUNS }) } : {}),
      selected: this.#selectedNow,
      expanded: this.#expanded,
      fieldErrors: this.#fieldErrors,
      toggle: (index, enabled) => setEntry(index, { ...config().optimizers[index], enabled }),
      select: (index) => this.#set({ selected: index }),
      toggleMore: (index) => {
        const expanded = new Set(this.#expanded);
        if (!expanded.delete(index)) {
          expanded.add(index);
          loadSettings().then(
            () => this.#host.requestUpdate(),
            () => {
              /* offline: the row shows them as loading; opening it again retries */
            },
          );
        }
        this.#set({ expanded });
      },
      remove: (index) => {
        const expanded = new Set<number>();
        for (const i of this.#expanded) if (i !== index) expanded.add(i > index ? i - 1 : i);
        const selected = this.#selectedNow >= index && this.#selectedNow > 0 ? this.#selectedNow - 1 : this.#selectedNow;
        this.#set({ expanded, selected, fieldErrors: new Map() });
        this.#editor.commit({ optimizers: config().optimizers.filter((_, i) => i !== index) });
      },
      setRunOption: (index, key, value) => {
        const { [key]: _old, ...rest } = config().optimizers[index];
        const errors = new Map(this.#fieldErrors);
        errors.delete(`${index}:${key}`);
        this.#set({ fieldErrors: errors });
        setEntry(index, value ? { ...rest, [key]: value } : rest);
      },
      setHyper: (index, key, value) => {
        const entry = config().optimizers[index];
        const hyper = { ...entry.hyper, [key]: value };
        const check = checkHyper(entry.kind, hyper);
        const errors = new Map(this.#fieldErrors);
        if (check.ok) errors.delete(`${index}:${key}`);
        else errors.set(`${index}:${key}`, messageText(hyperFailure(entry.kind, key, value, check.message), lang));
        this.#set({ fieldErrors: errors });
        if (check.ok) setEntry(index, { ...entry, hyper });
      },
      fieldError: (index, key, message) => {
        this.#set({ fieldErrors: new Map(this.#fieldErrors).set(`${index}:${key}`, message) });
      },
      more: () => void loadOptimizers().then(() => this.#host.requestUpdate(), () => undefined),
      add: (kind) => {
        if (!isPresetId(kind) || config().optimizers.length >= MAX_RUNS) return;
        const optimizers = [...config().optimizers, newEntry(kind, this.#editor.surface())];
        this.#set({ selected: optimizers.length - 1 });
        this.#editor.commit({ optimizers });
      },
    };
  }

  #set(change: {
    selected?: number;
    expanded?: ReadonlySet<number>;
    fieldErrors?: ReadonlyMap<string, string>;
  }): void {
    // Like a lit state property: render again only for a new value.
    let changed = false;
    if (change.selected !== undefined && change.selected !== this.#selectedNow) {
      this.#selectedNow = change.selected;
      changed = true;
    }
    if (change.expanded && change.expanded !== this.#expanded) {
      this.#expanded = change.expanded;
      changed = true;
    }
    if (change.fieldErrors && change.fieldErrors !== this.#fieldErrors) {
      this.#fieldErrors = change.fieldErrors;
      changed = true;
    }
    if (changed) this.#host.requestUpdate();
  }
}
