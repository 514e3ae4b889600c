import type { ChildrenBoard } from '@oise/workflow';
import { text } from '../messages/lang.js';
import { trimestresText } from '../messages/trimestres.js';
import { ChildQuarterLines, ChildStateBadge } from './child-quarter.js';
import { formatQuarter } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';

/** The children × quarters board (region: its cercles; national: its regions). */
export function TrimestresPage(props: { frame: PageFrame; board: ChildrenBoard; choices: string[] }) {
  const { frame, board } = props;
  const { lang } = frame;
  const t = text(lang, trimestresText);
  const national = frame.node.level === 'national';
  return (
    <Layout frame={frame} title={t.title}>
      <h1>{t.title}</h1>
      <p>{t.boardIntro(national, frame.node.name ?? frame.node.code)}</p>
      <section class="panel" aria-labelledby="choix-trimestres">
        <h2 id="choix-trimestres">{t.shownQuarters}</h2>
        <form class="inline" method="get" action="/trimestres">
          <fieldset class="quarters">
            <legend>{t.quarters}</legend>
            {props.choices.map((q) => (
              <label key={q} class="check">
                <input type="checkbox" name="trimestres" value={q} checked={board.quarters.includes(q)} />{' '}
                {formatQuarter(q, lang)}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t.show}</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="tableau-trimestres">
        <h2 id="tableau-trimestres">{t.boardTitle(national)}</h2>
        {board.rows.length === 0 ? (
          <p class="empty">{t.noChild(national)}</p>
        ) : (
          <div class="table-scroll">
            <table class="board">
              <caption>{t.boardCaption(national)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.childHeading(national)}</th>
                  {board.quarters.map((q) => (
                    <th scope="col" key={q}>
                      {formatQuarter(q, lang)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {board.rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      {row.name} <span class="code">({row.code})</span>
                    </th>
                    {row.cells.map((cell, i) =>
                      cell ? (
                        <td key={cell.period}>
                          <a class="cell-link" href={`/trimestres/${cell.unit}/${cell.period}`}>
                            <ChildStateBadge state={cell.status.status} lang={lang} />
                            <span class="visually-hidden">
                              {t.reviewLink(formatQuarter(cell.period, lang), row.name)}
                            </span>
                          </a>
                          <ChildQuarterLines cell={cell} lang={lang} />
                        </td>
                      ) : (
                        <td key={board.quarters[i]} class="empty">
                          {t.absent}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
