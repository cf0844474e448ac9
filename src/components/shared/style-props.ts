/**
 * `styleProps({ 'grid-template-columns': …, '--c': … })`: a lit directive for a `style` attribute
 * binding that sets each property through CSSOM (`element.style.setProperty`), on the first
 * render too.
 *
 * Why not lit's styleMap: on its first render styleMap writes the `style` attribute as text,
 * and a page whose Content-Security-Policy has no 'unsafe-inline' in style-src refuses style
 * attributes (setAttribute('style', …) included), while it allows CSSOM property writes. So
 * sizes and colours set this way reach the element under a strict policy.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

/** Property names in CSS form (kebab-case or custom properties); undefined removes one. */
export type StyleProps = Readonly<Record<string, string | undefined>>;

class StylePropsDirective extends Directive {
  private readonly applied = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== 'style' || (info.strings?.length ?? 0) > 2) {
      throw new Error('styleProps must be the whole value of a style attribute');
    }
  }

  render(_props: StyleProps): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [StyleProps]): typeof noChange {
    const style = (part.element as HTMLElement | SVGElement).style;
    for (const name of this.applied) {
      if (props[name] === undefined) {
        style.removeProperty(name);
        this.applied.delete(name);
      }
    }
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
      this.applied.add(name);
    }
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
