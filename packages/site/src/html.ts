/** A piece of HTML already escaped: interpolated as it is by `html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What `html` interpolates: text (escaped), numbers, HTML, lists of them; nothing for null, undefined, false. */
export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The one escaping of the site: text in an element or an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Trusted markup (an SVG path built here, a page already rendered). */
export const raw = (text: string): Html => new Html(text);

/** A template whose interpolations are escaped unless they are `Html`. */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += partText(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

function partText(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(partText).join('');
  return escapeHtml(String(part));
}

/**
 * A table in a wrapper that scrolls sideways on a phone instead of the page, reachable by the
 * keyboard (focusable, named by the table's caption).
 */
export function scrollingTable(caption: string, content: Html): Html {
  return html`<div class="tableau-defilant" tabindex="0" role="group" aria-label="${caption}"><table>
<caption>${caption}</caption>
${content}
</table></div>`;
}
