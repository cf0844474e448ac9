/**
 * Styles of the expression field. Like the field, they come in the lazy chunk (custom.ts) and
 * join the playground's shadow root when the field is first created.
 */
import { css } from 'lit';

export const expressionFieldStyles = css`
  .expression {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .expr-box {
    position: relative;
    flex: 1 1 320px;
    min-width: min(200px, 100%);
    height: 28px;
    border-radius: 5px;
    background: var(--descent-control-bg, #fff);
  }
  .expr-box input,
  .expr-mirror {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 28px;
    margin: 0;
    padding: 3px 8px;
    border: 1px solid var(--descent-control-border, #c9c9d0);
    border-radius: 5px;
    font: 13px/20px ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
    letter-spacing: 0;
  }
  .expr-box input {
    background: transparent;
    color: inherit;
  }
  .expr-box input[aria-invalid='true'] {
    border-color: #c62828;
  }
  .expr-mirror {
    border-color: transparent;
    color: transparent;
    white-space: pre;
    overflow: hidden;
    pointer-events: none;
  }
  .expr-mirror mark {
    color: transparent;
    background: rgba(198, 40, 40, 0.12);
    border-radius: 2px;
    text-decoration: underline wavy #c62828;
    text-decoration-skip-ink: none;
    text-underline-offset: 4px;
  }
  .ranges {
    display: inline-flex;
    gap: 12px;
    white-space: nowrap;
  }
  .bounds input {
    width: 52px;
    height: 26px;
    padding: 2px 6px;
    border: 1px solid var(--descent-control-border, #c9c9d0);
    border-radius: 5px;
    background: var(--descent-control-bg, #fff);
    font: inherit;
    color: inherit;
  }
  .bounds input[aria-invalid='true'] {
    border-color: #c62828;
    background: #fdf1f1;
  }
  /*
   * The hint sets the message row's height (it is always there, hidden under an error), so an
   * error never moves the map. An error lies over the hint and wraps as far down as it needs,
   * over what follows: a list of allowed functions is read in full. Korean breaks between words.
   */
  .expr-message {
    position: relative;
    min-height: 18px;
    font-size: 12px;
    line-height: 18px;
    white-space: normal;
    word-break: keep-all;
    overflow-wrap: anywhere;
    padding-left: 58px;
  }
  .shell.narrow .expr-message {
    padding-left: 0;
  }
  .expr-message .hint.covered {
    visibility: hidden;
  }
  [part~='expression-error'] {
    color: #8a1c1c;
  }
  [part~='expression-error']:not(:empty) {
    position: absolute;
    z-index: 3;
    top: 0;
    left: 52px;
    right: 0;
    padding: 0 6px 2px;
    border-radius: 4px;
    background: var(--descent-control-bg, #fff);
    box-shadow: 0 2px 6px rgba(0, 0, 0, 0.18);
  }
  .shell.narrow [part~='expression-error']:not(:empty) {
    left: 0;
  }
  :host([theme='dark']) [part~='expression-error'] {
    color: #ff8a80;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) [part~='expression-error'] {
      color: #ff8a80;
    }
  }
  .expr-message .hint {
    color: var(--descent-muted);
  }
`;

/**
 * Adds the field's styles to a playground's shadow root: as a constructed stylesheet beside the
 * element's own (CSP-safe), or, where a browser has no adoptedStyleSheets, as a <style> element,
 * which is what lit itself does there.
 */
export function adoptFieldStyles(root: HTMLElement | DocumentFragment): void {
  if (!(root instanceof ShadowRoot)) return;
  const sheet = expressionFieldStyles.styleSheet;
  if (sheet && Array.isArray(root.adoptedStyleSheets)) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = expressionFieldStyles.cssText;
  root.append(style);
}
