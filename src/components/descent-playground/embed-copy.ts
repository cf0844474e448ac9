/**
 * "Copy embed code", loaded on the first click (a page that never copies never fetches it).
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { addStrings, t, type Lang } from '../../i18n/index';
import { enEmbed } from '../../i18n/en-embed';

addStrings('en', enEmbed);
import { adopt } from '../shared/lazy-chunk';
import type { CopyState, CopyStatus } from './toolbar';

/**
 * "Copy embed code": copies the code to the clipboard and says so for a moment; where the
 * clipboard refuses, shows the code selected for copying by hand.
 */
/** The embed code shown for copying by hand (when the clipboard refuses it). */
const styles = css`
  .embed-code {
    display: flex;
    flex-direction: column;
    gap: 2px;
    color: var(--descent-muted);
    font-size: 12px;
  }
  .embed-code textarea {
    font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    color: inherit;
    background: var(--descent-control-bg, #fff);
    border: 1px solid var(--descent-control-border, #c9c9d0);
    border-radius: 5px;
    resize: vertical;
  }
`;

export class EmbedCopy implements CopyState {
  /** What the last copy did. */
  private statusNow: CopyStatus = '';
  /** The embed code, shown for copying by hand when the clipboard refused it. */
  private shownNow: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly code: () => Promise<string>,
  ) {
    adopt(host.renderRoot instanceof ShadowRoot ? host.renderRoot : null, styles.styleSheet);
  }

  get status(): CopyStatus {
    return this.statusNow;
  }

  get shown(): string | undefined {
    return this.shownNow;
  }

  fallback(lang: Lang): unknown {
    return this.shownNow === undefined
      ? nothing
      : html`<label class="embed-code"
          >${t(lang, 'embedCode')}<textarea part="embed-code" readonly rows="4" .value=${this.shownNow}></textarea
        ></label>`;
  }

  async copy(): Promise<void> {
    clearTimeout(this.timer);
    let code = '';
    try {
      code = await this.code();
      await navigator.clipboard.writeText(code);
      this.set('copied', undefined);
    } catch {
      this.set('copyFailed', code || undefined);
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLTextAreaElement>('[part~="embed-code"]')?.select();
    }
    this.timer = setTimeout(() => this.set('', this.shownNow), 2000);
  }

  private set(status: CopyStatus, shown: string | undefined): void {
    // Like a lit state property: render again only for a new value.
    if (status === this.statusNow && shown === this.shownNow) return;
    this.statusNow = status;
    this.shownNow = shown;
    this.host.requestUpdate();
  }
}
