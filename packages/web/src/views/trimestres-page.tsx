import { quarterLabel } from '@oise/core';
import type { ChildrenBoard } from '@oise/workflow';
import { ChildQuarterLines, ChildStateBadge } from './child-quarter.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';

/** What the children are called below a node: a region's cercles, the country's regions. */
export const CHILDREN_WORDS = {
  region: { plural: 'cercles', heading: 'Cercle', of: 'des cercles de la région' },
  national: { plural: 'régions', heading: 'Région', of: 'des régions du pays :' },
} as const;

/** The children × quarters board (region: its cercles; national: its regions). */
export function TrimestresPage(props: { frame: PageFrame; board: ChildrenBoard; choices: string[] }) {
  const { frame, board } = props;
  const words = CHILDREN_WORDS[frame.node.level === 'national' ? 'national' : 'region'];
  return (
    <Layout frame={frame} title="Trimestres">
      <h1>Trimestres</h1>
      <p>
        Les trimestres {words.of} {frame.node.name ?? frame.node.code} : ce que chacun a transmis, quand il a
        été reçu, et combien de communes ont des valeurs. Ouvrez un trimestre pour le revoir et décider.
      </p>
      <section class="panel" aria-labelledby="choix-trimestres">
        <h2 id="choix-trimestres">Trimestres affichés</h2>
        <form class="inline" method="get" action="/trimestres">
          <fieldset class="quarters">
            <legend>Trimestres</legend>
            {props.choices.map((q) => (
              <label key={q} class="check">
                <input type="checkbox" name="trimestres" value={q} checked={board.quarters.includes(q)} />{' '}
                {quarterLabel(q)}
              </label>
            ))}
          </fieldset>
          <button type="submit">Afficher</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="tableau-trimestres">
        <h2 id="tableau-trimestres">Tableau des {words.plural}</h2>
        {board.rows.length === 0 ? (
          <p class="empty">Aucun {words.heading.toLowerCase()} dans le territoire de ce nœud.</p>
        ) : (
          <div class="table-scroll">
            <table class="board">
              <caption>
                {words.plural[0]!.toUpperCase() + words.plural.slice(1)} × trimestres : état, réception,
                complétude
              </caption>
              <thead>
                <tr>
                  <th scope="col">{words.heading}</th>
                  {board.quarters.map((q) => (
                    <th scope="col" key={q}>
                      {quarterLabel(q)}
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
                            <ChildStateBadge state={cell.status.status} />
                            <span class="visually-hidden">
                              {' '}
                              — revoir le {quarterLabel(cell.period)} de {row.name}
                            </span>
                          </a>
                          <ChildQuarterLines cell={cell} />
                        </td>
                      ) : (
                        <td key={board.quarters[i]} class="empty">
                          absent du territoire
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
