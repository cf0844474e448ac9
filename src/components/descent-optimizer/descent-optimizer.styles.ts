import { css } from 'lit';

/** Shown only outside a playground (which has no slot), and then only its messages, if any. */
export const styles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  [part~='error'] {
    margin: 0 0 6px;
    padding: 6px 10px;
    border: 1px solid #e0a3a3;
    background: #fdf1f1;
    color: #8a1c1c;
    border-radius: 6px;
    font-size: 12px;
  }
`;
