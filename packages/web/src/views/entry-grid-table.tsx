import { quarterLabel } from '@oise/core';
import { type EntryGrid, type GridColumn, gridCellKey } from '@oise/entry';
import { type Lang, text } from '../messages/lang.js';
import { saisieText } from '../messages/saisie.js';
import { type CellOutcome, sentence } from './cell-state.js';
import { formatNumber } from './format.js';

/** « Nombre d'élèves inscrits… (filles) — Baraoueli »: what a screen reader (and a test) calls a cell. */
export function cellName(column: GridColumn, commune: string): string {
  const category = column.categoryLabel ? ` (${column.categoryLabel})` : '';
  return `${column.label}${category} — ${commune}`;
}

/** `c-ML040101-EDU_ENSEIGNANTS-F`, the total as `-T`. */
export function cellId(commune: string, column: GridColumn): string {
  return `c-${commune}-${column.indicator}-${column.category || 'T'}`;
}

/** The form field of a cell: `c|ML040101|EDU_ENSEIGNANTS|F` (the total with an empty category). */
export function cellField(commune: string, column: GridColumn): string {
  return `c|${commune}|${column.indicator}|${column.category}`;
}

/** « nombre entier · de 0 à 30 », « FCFA · au moins 0 », « oui ou non ». */
function columnHint(column: GridColumn, lang: Lang): string {
  const t = text(lang, saisieText);
  if (column.valueType === 'boolean') return t.yesNo;
  if (column.valueType === 'text') return t.textValue;
  const { min, max } = column;
  const n = (value: number) => formatNumber(value, 2, lang);
  const bounds =
    min !== null && max !== null
      ? t.between(n(min), n(max))
      : min !== null
        ? t.atLeast(n(min))
        : max !== null
          ? t.atMost(n(max))
          : '';
  // The unit is the catalog's word (data, French); only « nombre » of whole numbers is the page's.
  const unit = column.valueType === 'integer' && column.unit === 'nombre' ? t.wholeNumber : column.unit;
  return bounds ? `${unit} · ${bounds}` : unit;
}

const INPUT_MODE: Record<GridColumn['valueType'], 'numeric' | 'decimal' | 'text'> = {
  integer: 'numeric',
  number: 'decimal',
  percentage: 'decimal',
  boolean: 'text',
  text: 'text',
};

/** The indicators of a domain, each with its columns (one, or F, M and total). */
function groups(columns: GridColumn[]): GridColumn[][] {
  const out: GridColumn[][] = [];
  for (const c of columns) {
    const last = out.at(-1);
    if (last && last[0]!.indicator === c.indicator) last.push(c);
    else out.push([c]);
  }
  return out;
}

/**
 * The communes × indicators grid, like a sheet of the entry workbook: one row per commune, one
 * column per indicator (F, M and total where counted by sex), each cell an input named after
 * its indicator and commune, last quarter's figure beside it in grey, the unit and bounds in the
 * header (and read with the cell). Cells are read-only when the quarter is closed or the viewer
 * may not enter.
 */
export function EntryGridTable(props: {
  grid: EntryGrid;
  outcomes: Map<string, CellOutcome>;
  readOnly: boolean;
  lang: Lang;
}) {
  const { grid, outcomes, lang } = props;
  const t = text(lang, saisieText);
  const indicators = groups(grid.columns);
  const bySex = indicators.some((g) => g.length > 1);
  const previous = quarterLabel(grid.previousQuarter, lang);
  const labelOf = (code: string) => grid.columns.find((c) => c.indicator === code)?.label ?? code;
  return (
    <table class="entry-grid">
      <caption class="visually-hidden">
        {t.caption(grid.domains.find((d) => d.domain === grid.domain)?.label ?? grid.domain, previous)}
      </caption>
      <thead>
        <tr>
          <th scope="col" rowspan={bySex ? 2 : 1} class="commune">
            {t.commune}
          </th>
          {indicators.map((g) => {
            const first = g[0]!;
            return (
              <th
                key={first.indicator}
                scope={g.length > 1 ? 'colgroup' : 'col'}
                colspan={g.length}
                rowspan={bySex && g.length === 1 ? 2 : 1}
                class="indicator"
              >
                {first.label}
                <span class="hint" id={`u-${first.indicator}`}>
                  {columnHint(first, lang)}
                  {first.partOf ? t.partOf(labelOf(first.partOf)) : ''}
                </span>
              </th>
            );
          })}
        </tr>
        {bySex ? (
          <tr>
            {indicators
              .filter((g) => g.length > 1)
              .flatMap((g) =>
                g.map((c) => (
                  <th key={`${c.indicator}-${c.category}`} scope="col" class="category">
                    {c.categoryLabel ? sentence(c.categoryLabel) : t.total}
                  </th>
                )),
              )}
          </tr>
        ) : null}
      </thead>
      <tbody>
        {grid.communes.map((commune, r) => (
          <tr key={commune.code}>
            <th scope="row" class="commune">
              {commune.name}
            </th>
            {grid.columns.map((column, c) => {
              const key = gridCellKey(commune.code, column.indicator, column.category);
              const stored = grid.cells.get(key);
              const outcome = outcomes.get(key);
              const id = cellId(commune.code, column);
              const described = [`u-${column.indicator}`, `p-${id}`, `m-${id}`];
              if (grid.readOnly) described.push('saisie-verrou');
              return (
                <td key={id} class={`cell cell-${outcome?.state ?? 'idle'}`}>
                  <label class="visually-hidden" for={id}>
                    {cellName(column, commune.name)}
                  </label>
                  <span class="cell-line">
                    <input
                      id={id}
                      name={cellField(commune.code, column)}
                      type="text"
                      inputmode={INPUT_MODE[column.valueType]}
                      autocomplete="off"
                      size={7}
                      value={outcome?.shown ?? stored?.text ?? ''}
                      readonly={props.readOnly}
                      aria-invalid={outcome?.state === 'refused' ? 'true' : undefined}
                      aria-describedby={described.join(' ')}
                      data-r={String(r)}
                      data-c={String(c)}
                      data-unit={commune.code}
                      data-indicator={column.indicator}
                      data-category={column.category}
                    />
                    <span class="previous" id={`p-${id}`}>
                      <span class="visually-hidden">{t.previousOf(previous)}</span>
                      {stored?.previous ?? '—'}
                    </span>
                  </span>
                  <span class="cell-message" id={`m-${id}`}>
                    {outcome?.text ?? ''}
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
