import type { Child } from 'hono/jsx';
import { type Lang, text } from '../messages/lang.js';
import { trimestresText } from '../messages/trimestres.js';
import { formatQuarter } from './format.js';

/** What a review line needs to be shown: its indicator and the outlier rule's verdict. */
export interface FigureLine {
  indicator: string;
  category: string;
  label: string;
  categoryLabel: string | undefined;
  unit: string;
  outlier: { message: string } | undefined;
  domain?: string;
}

/**
 * A review's lines as a table: the indicator, the place columns (cercle, commune…), one column per
 * quarter (the one in review first), and the outlier rule's verdict in words.
 */
export function FigureLinesTable<L extends FigureLine>(props: {
  caption: string;
  lines: L[];
  quarters: string[];
  /** The place columns after the indicator: their heading and each line's text. */
  places: { heading: string; of: (line: L) => string }[];
  /** The cell of a line's figure in the quarter at index `i` (its `<td>`). */
  figure: (line: L, i: number) => Child;
  keyOf: (line: L) => string;
  lang: Lang;
  withDomain?: boolean;
}) {
  const { quarters, places, lang } = props;
  const t = text(lang, trimestresText);
  return (
    <div class="table-scroll">
      <table class="review">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.withDomain ? <th scope="col">{t.domain}</th> : null}
            <th scope="col">{t.indicator}</th>
            {places.map((p) => (
              <th scope="col" key={p.heading}>
                {p.heading}
              </th>
            ))}
            {quarters.map((q, i) => (
              <th scope="col" key={q} class="number">
                {formatQuarter(q, lang)}
                {i === 0 ? <span class="hint">{t.inReview}</span> : null}
              </th>
            ))}
            <th scope="col">{t.check}</th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((line) => (
            <tr key={props.keyOf(line)} class={line.outlier ? 'outlier' : undefined}>
              {props.withDomain ? <td>{line.domain}</td> : null}
              <th scope="row">
                {line.label}
                {line.categoryLabel ? ` (${line.categoryLabel})` : ''}
                {line.unit && line.unit !== 'nombre' ? <span class="hint">{t.inUnit(line.unit)}</span> : null}
              </th>
              {places.map((p) => (
                <td key={p.heading}>{p.of(line)}</td>
              ))}
              {quarters.map((_q, i) => props.figure(line, i))}
              <td>
                {line.outlier ? (
                  <>
                    <span class="state state-late">{t.unusual}</span>
                    <span class="hint block">{line.outlier.message}</span>
                  </>
                ) : (
                  <span class="hint">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The menu of a review's domains, one shown at a time (`aria-current` on it). */
export function DomainMenu(props: {
  label: string;
  domains: { domain: string; label: string }[];
  current: string;
  href: (domain: string) => string;
}) {
  return (
    <nav class="domains" aria-label={props.label}>
      <ul>
        {props.domains.map((d) => (
          <li key={d.domain}>
            <a href={props.href(d.domain)} aria-current={d.domain === props.current ? 'page' : undefined}>
              {d.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
