/**
 * The playground's Export menu (loaded on the first click of "Export"): a format, its options, a
 * Download button; a long export (GIF, video) shows its progress and can be cancelled; after an
 * image, the "static figure" snippet for hosts that take no scripts (the image linking to the
 * live view). A modal dialog: over the page at any width (the widget's own height stays as it
 * is), focus kept inside while it is open, Escape closes it and focus returns to "Export".
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { adopt } from '../components/shared/lazy-chunk';
import { escapeHtml } from '../state/embed';
import { encodeHash } from '../state/hash';
import type { Config } from '../state/config';
import { langOf, messageText, surfaceText, t, type Lang } from '../i18n/index';
import { canExportVideo, exportFileName, exportFormats, type ExportFormat, type ExportOptions } from './index';
import type { Surface } from '../core/types';

const styles = css`
  dialog.export-menu[open] {
    display: flex;
    flex-direction: column;
    gap: 10px;
    box-sizing: border-box;
    width: min(560px, calc(100vw - 24px));
    max-height: calc(100vh - 24px);
    overflow: auto;
    padding: 14px 16px;
    border: 1px solid var(--descent-line, #e2e2e8);
    border-radius: 10px;
    background: var(--descent-bg, #fff);
    color: var(--descent-text, #222);
    font-size: 13px;
    white-space: normal;
    box-shadow: 0 10px 40px rgba(0, 0, 0, 0.25);
  }
  dialog.export-menu::backdrop {
    background: rgba(0, 0, 0, 0.25);
  }
  .export-menu h3 {
    margin: 0;
    font-size: 15px;
  }
  .export-menu fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 14px;
    border: 0;
    margin: 0;
    padding: 0;
  }
  .export-menu legend {
    padding: 0;
    margin-bottom: 2px;
    color: var(--descent-muted, #555);
  }
  .export-menu .options {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 14px;
    align-items: center;
  }
  .export-menu input[type='number'] {
    width: 5em;
  }
  .export-menu .actions {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
  }
  .export-menu progress {
    width: 10em;
  }
  .export-menu .snippet {
    display: flex;
    flex-direction: column;
    gap: 3px;
    color: var(--descent-muted, #555);
    font-size: 12px;
  }
  .export-menu textarea {
    box-sizing: border-box;
    width: 100%;
    font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    color: inherit;
    background: var(--descent-control-bg, #fff);
    border: 1px solid var(--descent-control-border, #c9c9d0);
    border-radius: 5px;
    resize: vertical;
  }
  .export-menu .snippet,
  .export-menu .hint,
  .export-menu [part~='export-status'] {
    white-space: normal;
  }
  .export-menu .hint {
    color: var(--descent-muted, #555);
    font-size: 12px;
  }
`;

const NAMES: Record<ExportFormat, 'exportPng' | 'exportSvg' | 'exportGif' | 'exportVideo' | 'exportCsv' | 'exportJson'> = {
  png: 'exportPng',
  svg: 'exportSvg',
  gif: 'exportGif',
  video: 'exportVideo',
  csv: 'exportCsv',
  json: 'exportJson',
};

type Host = ReactiveControllerHost &
  HTMLElement & {
    readonly renderRoot: HTMLElement | DocumentFragment;
    readonly config: Config;
    exportFigure(options: ExportOptions): Promise<Blob>;
    embedCode(): Promise<string>;
  };

const kb = (bytes: number) => (bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`);

export class ExportMenu {
  open = false;
  format: ExportFormat = 'png';
  scale = 2;
  fps = 12;
  duration = 6;
  caption = true;
  lossChart = true;
  /** Whether this browser makes videos (the Video choice is hidden where it does not). */
  readonly video = canExportVideo();
  #busy: AbortController | undefined;
  #progress = 0;
  #status = '';
  /** The last image's file name, for the static-figure snippet. */
  #image: string | undefined;
  /** The live figure's embed code (the script tag and the element), shown beside the static one. */
  #embed: string | undefined;

  constructor(private readonly host: Host) {
    adopt(host.renderRoot instanceof ShadowRoot ? host.renderRoot : null, styles.styleSheet);
  }

  /** Opens the menu (a modal dialog: over the page at any width, Escape closes it) or closes it. */
  toggle(): void {
    this.open = !this.open;
    if (!this.open) this.#busy?.abort();
    else
      void this.host.embedCode().then(
        (code) => {
          this.#embed = code;
          this.host.requestUpdate();
        },
        () => undefined,
      );
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog[part~="export-menu"]');
      if (!dialog) return;
      if (this.open && !dialog.open) {
        dialog.showModal();
        dialog.querySelector<HTMLInputElement>('input:checked')?.focus();
      } else if (!this.open && dialog.open) dialog.close();
    });
  }

  #set(patch: Partial<Pick<ExportMenu, 'format' | 'scale' | 'fps' | 'duration' | 'caption' | 'lossChart'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  async #run(): Promise<void> {
    if (this.#busy) return;
    const lang = langOf(this.host);
    const format = this.format;
    const busy = (this.#busy = new AbortController());
    this.#progress = 0;
    this.#status = t(lang, 'exportWorking', { format: t(lang, NAMES[format]), percent: 0 });
    this.host.requestUpdate();
    try {
      const blob = await this.host.exportFigure({
        format,
        scale: this.scale,
        fps: this.fps,
        duration: this.duration,
        caption: this.caption,
        lossChart: this.lossChart,
        signal: busy.signal,
        onProgress: (f) => {
          this.#progress = f;
          this.#status = t(lang, 'exportWorking', { format: t(lang, NAMES[format]), percent: Math.floor(100 * f) });
          this.host.requestUpdate();
        },
      });
      const name = exportFileName(this.host, format, this.host.config.step);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.#image = format === 'png' || format === 'gif' || format === 'svg' ? name : this.#image;
      this.#status = t(lang, 'exportSaved', { name, size: kb(blob.size) });
    } catch (error) {
      this.#status = busy.signal.aborted ? t(lang, 'exportCancelled') : t(lang, 'exportFailed', { reason: messageText(error instanceof Error ? error.message : String(error), lang) });
    } finally {
      this.#busy = undefined;
      this.host.requestUpdate();
    }
  }

  /** The static figure: the exported image, linking to this page with the view in its hash. */
  snippet(surface: Surface | undefined, labels: readonly string[], lang: Lang): string | undefined {
    if (!this.#image || !surface) return undefined;
    const link = `${location.href.split('#')[0]}#${encodeHash(this.host.config)}`;
    const alt = t(lang, 'exportStaticAlt', { surface: surfaceText(surface, lang).label, runs: labels.join(', ') });
    return `<a href="${escapeHtml(link)}"><img src="${escapeHtml(this.#image)}" alt="${escapeHtml(alt)}" style="max-width:100%"></a>`;
  }

  /** The dialog (closed until toggle() shows it). */
  render() {
    const lang = langOf(this.host);
    const panels = [...(this.host.renderRoot.querySelectorAll<HTMLElement & { resolvedSurface: Surface; runs?: readonly { label: string }[] }>('descent-surface[part~="panel"]') ?? [])];
    const surface = panels[0]?.resolvedSurface;
    const labels = panels.flatMap((p) => p.runs?.map((r) => r.label) ?? []);
    const f = this.format;
    const formats = exportFormats.filter((x) => x !== 'video' || this.video);
    const number = (label: string, value: number, min: number, max: number, step: number, set: (v: number) => void) =>
      html`<label
        >${label}
        <input
          type="number"
          min=${min}
          max=${max}
          step=${step}
          .value=${String(value)}
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            const v = Number(input.value);
            if (v >= min && v <= max) set(v);
            else input.value = String(value);
          }}
      /></label>`;
    const animated = f === 'gif' || f === 'video';
    const picture = f === 'png' || f === 'svg' || animated;
    const snippet = this.snippet(surface, labels, lang);
    return html`<dialog
      class="export-menu"
      part="export-menu"
      aria-labelledby="export-heading"
      @close=${() => {
        // Escape, or close() below.
        if (this.open) this.toggle();
      }}
    >
      <h3 id="export-heading">${t(lang, 'exportHeading')}</h3>
      <fieldset>
        <legend>${t(lang, 'exportFormatLabel')}</legend>
        ${formats.map(
          (x) => html`<label
            ><input type="radio" name="export-format" value=${x} .checked=${x === f} @change=${() => this.#set({ format: x })} />${t(lang, NAMES[x])}</label
          >`,
        )}
      </fieldset>
      <div class="options">
        ${f === 'png'
          ? html`<label
              >${t(lang, 'exportScaleLabel')}
              <select @change=${(e: Event) => this.#set({ scale: Number((e.target as HTMLSelectElement).value) })}>
                ${[1, 2, 3].map((s) => html`<option value=${s} ?selected=${s === this.scale}>${s}×</option>`)}
              </select></label
            >`
          : nothing}
        ${animated
          ? html`${number(t(lang, 'exportFpsLabel'), this.fps, 1, 60, 1, (fps) => this.#set({ fps }))}${number(
              t(lang, 'exportDurationLabel'),
              this.duration,
              1,
              60,
              1,
              (duration) => this.#set({ duration }),
            )}`
          : nothing}
        ${picture
          ? html`<label><input type="checkbox" .checked=${this.caption} @change=${(e: Event) => this.#set({ caption: (e.target as HTMLInputElement).checked })} />${t(lang, 'exportCaptionToggle')}</label>
              <label><input type="checkbox" .checked=${this.lossChart} @change=${(e: Event) => this.#set({ lossChart: (e.target as HTMLInputElement).checked })} />${t(lang, 'exportLossToggle')}</label>`
          : nothing}
      </div>
      <div class="actions">
        <button type="button" class="primary" part="export-download" ?disabled=${!!this.#busy} @click=${() => void this.#run()}>${t(lang, 'exportDownload')}</button>
        ${this.#busy
          ? html`<progress part="export-progress" max="1" .value=${this.#progress}></progress>
              <button type="button" part="export-cancel" @click=${() => this.#busy?.abort()}>${t(lang, 'exportCancel')}</button>`
          : nothing}
        <button type="button" part="export-close" @click=${() => this.toggle()}>${t(lang, 'exportClose')}</button>
        <span part="export-status" role="status">${this.#status}</span>
      </div>
      ${this.#embed
        ? html`<label class="snippet"
            >${t(lang, 'exportLive')}<textarea part="export-embed" readonly rows="3" .value=${this.#embed}></textarea
          ></label>`
        : nothing}
      ${snippet
        ? html`<label class="snippet"
            >${t(lang, 'exportStatic')}<textarea part="export-snippet" readonly rows="3" .value=${snippet}></textarea
            ><span class="hint">${t(lang, 'exportStaticHint')}</span></label
          >`
        : nothing}
    </dialog>`;
  }
}
