import type { TerritoryFinding, TerritoryImportResult } from '@oise/catalog';
import { countFr } from '@oise/core';
import { formatCount } from './format.js';
import type { PageFrame } from './page-frame.js';
import { type Notice, NoticeBox, ReglagesLayout } from './reglages-frame.js';

export const TERRITORY_FIELD = 'territoire';
export const BOUNDARIES_FIELD = 'limites';

export interface TerritoireView {
  canAdmin: boolean;
  /** Collectivities now known, by level. */
  units: { region: number; cercle: number; commune: number };
  /** The `report.boundaries` file set, if any (used by the reports until boundaries are stored). */
  boundaries: string | null;
  /** Boundaries stored, by level (`oise territory boundaries import`). */
  stored: { region: number; cercle: number; commune: number };
  /** After an import: the line saying the features left out, then one line each. */
  outside?: string[] | undefined;
  notice?: Notice | undefined;
  imported?: TerritoryImportResult | undefined;
  /** Why a territory file was refused, line by line (nothing stored). */
  findings?: TerritoryFinding[] | undefined;
}

/** *Territoire* (national): the territory CSV of `oise territory import`, and the map's boundaries. */
export function TerritoirePage(props: { frame: PageFrame; view: TerritoireView }) {
  const { frame, view } = props;
  const upload = (path: string) => `${path}?_csrf=${encodeURIComponent(frame.csrfToken)}`;
  return (
    <ReglagesLayout frame={frame} section="territoire" canAdmin={view.canAdmin}>
      <NoticeBox notice={view.notice} />
      {view.imported ? <ImportResult result={view.imported} /> : null}
      {view.findings && view.findings.length > 0 ? <Findings findings={view.findings} /> : null}
      <section class="panel" aria-labelledby="territoire-actuel">
        <h2 id="territoire-actuel">Territoire</h2>
        <p>
          Ce nœud connaît {formatCount(view.units.region)} régions, {formatCount(view.units.cercle)} cercles
          et {formatCount(view.units.commune)} communes. Les régions et les cercles le reçoivent par les
          paquets descendants.
        </p>
        {view.canAdmin ? (
          <form
            class="stack"
            method="post"
            action={upload('/reglages/territoire/import')}
            enctype="multipart/form-data"
          >
            <div>
              <label for="territoire">Fichier du territoire (CSV)</label>
              <input
                id="territoire"
                name={TERRITORY_FIELD}
                type="file"
                accept=".csv,.txt"
                aria-describedby="territoire-aide"
              />
              <p class="hint" id="territoire-aide">
                Colonnes region_code, region_name, cercle_code, cercle_name, commune_code, commune_name (ou
                code, name, level, parent_code), comme pour « oise territory import ». Tout ou rien : au
                moindre problème, rien n'est enregistré. 16 Mio au plus.
              </p>
            </div>
            <div>
              <button type="submit">Importer le territoire</button>
            </div>
          </form>
        ) : null}
      </section>
      <section class="panel" aria-labelledby="limites">
        <h2 id="limites">Limites de la carte</h2>
        {view.stored.region + view.stored.cercle + view.stored.commune > 0 ? (
          <p>
            Limites enregistrées : {countFr(view.stored.region, 'région')},{' '}
            {countFr(view.stored.cercle, 'cercle')} et {countFr(view.stored.commune, 'commune')}. Elles
            descendent avec le territoire : chaque nœud dessine ses cartes hors ligne, et les rapports les
            utilisent.
          </p>
        ) : (
          <p>
            {view.boundaries
              ? `Aucune limite enregistrée ; les rapports utilisent le fichier réglé (report.boundaries) : ${view.boundaries}, jusqu'à l'import des limites.`
              : 'Aucune limite enregistrée : les cartes ne peuvent pas être dessinées, et les rapports nationaux sont publiés sans carte.'}
          </p>
        )}
        {view.outside && view.outside.length > 0 ? (
          <div class="outside-features">
            <p>{view.outside[0]}</p>
            <ul>
              {view.outside.slice(1).map((line) => (
                <li key={line}>{line.replace(/^- /, '')}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {view.canAdmin ? (
          <form
            class="stack"
            method="post"
            action={upload('/reglages/territoire/limites')}
            enctype="multipart/form-data"
          >
            <div>
              <label for="limites-fichier">Fichier des limites (GeoJSON)</label>
              <input
                id="limites-fichier"
                name={BOUNDARIES_FIELD}
                type="file"
                accept=".geojson,.json"
                aria-describedby="limites-aide"
              />
              <p class="hint" id="limites-aide">
                Une FeatureCollection de polygones des régions, des cercles ou des communes, avec leur code
                (region_code, cercle_code ou commune_code), comme pour « oise territory boundaries import ».
                Les entités hors du territoire sont listées, pas enregistrées. 16 Mio au plus.
              </p>
            </div>
            <div>
              <button type="submit">Importer les limites</button>
            </div>
          </form>
        ) : null}
      </section>
    </ReglagesLayout>
  );
}

function ImportResult(props: { result: TerritoryImportResult }) {
  const r = props.result;
  return (
    <section class="panel" aria-labelledby="resultat-import">
      <h2 id="resultat-import">Territoire importé</h2>
      <table>
        <caption class="hint">Ce que contenait le fichier, et ce qui a changé.</caption>
        <thead>
          <tr>
            <th scope="col">Régions</th>
            <th scope="col">Cercles</th>
            <th scope="col">Communes</th>
            <th scope="col">Ajoutées</th>
            <th scope="col">Modifiées</th>
            <th scope="col">Inchangées</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td class="number">{formatCount(r.byLevel.region)}</td>
            <td class="number">{formatCount(r.byLevel.cercle)}</td>
            <td class="number">{formatCount(r.byLevel.commune)}</td>
            <td class="number">{formatCount(r.inserted)}</td>
            <td class="number">{formatCount(r.updated)}</td>
            <td class="number">{formatCount(r.unchanged)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function Findings(props: { findings: TerritoryFinding[] }) {
  return (
    <section class="panel" aria-labelledby="problemes">
      <h2 id="problemes">Problèmes du fichier ({formatCount(props.findings.length)})</h2>
      <table>
        <caption class="hint">
          Rien n'a été enregistré : corrigez ces lignes, puis importez de nouveau le fichier.
        </caption>
        <thead>
          <tr>
            <th scope="col">Fichier</th>
            <th scope="col">Ligne</th>
            <th scope="col">Colonne</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {props.findings.map((f) => (
            <tr key={`${f.line}-${f.column}-${f.message}`}>
              <td>{f.file}</td>
              <td class="number">{formatCount(f.line)}</td>
              <td>{f.column}</td>
              <td>{f.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
