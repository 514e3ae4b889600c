import type { TerritoryFinding, TerritoryImportResult } from '@oise/catalog';
import { type Lang, text } from '../messages/lang.js';
import { reglagesText } from '../messages/reglages.js';
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
  const { lang } = frame;
  const t = text(lang, reglagesText);
  return (
    <ReglagesLayout frame={frame} section="territoire" canAdmin={view.canAdmin}>
      <NoticeBox notice={view.notice} lang={lang} />
      {view.imported ? <ImportResult result={view.imported} lang={lang} /> : null}
      {view.findings && view.findings.length > 0 ? <Findings findings={view.findings} lang={lang} /> : null}
      <section class="panel" aria-labelledby="territoire-actuel">
        <h2 id="territoire-actuel">{t.territory}</h2>
        <p>{t.known(view.units.region, view.units.cercle, view.units.commune)}</p>
        {view.canAdmin ? (
          <form
            class="stack"
            method="post"
            action={upload('/reglages/territoire/import')}
            enctype="multipart/form-data"
          >
            <div>
              <label for="territoire">{t.territoryField}</label>
              <input
                id="territoire"
                name={TERRITORY_FIELD}
                type="file"
                accept=".csv,.txt"
                aria-describedby="territoire-aide"
              />
              <p class="hint" id="territoire-aide">
                {t.territoryHint}
              </p>
            </div>
            <div>
              <button type="submit">{t.importButton}</button>
            </div>
          </form>
        ) : null}
      </section>
      <section class="panel" aria-labelledby="limites">
        <h2 id="limites">{t.boundariesTitle}</h2>
        {view.stored.region + view.stored.cercle + view.stored.commune > 0 ? (
          <p>{t.boundariesStored(view.stored.region, view.stored.cercle, view.stored.commune)}</p>
        ) : (
          <p>{view.boundaries ? t.boundariesFileOnly(view.boundaries) : t.noBoundaries}</p>
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
              <label for="limites-fichier">{t.boundariesField}</label>
              <input
                id="limites-fichier"
                name={BOUNDARIES_FIELD}
                type="file"
                accept=".geojson,.json"
                aria-describedby="limites-aide"
              />
              <p class="hint" id="limites-aide">
                {t.boundariesHint}
              </p>
            </div>
            <div>
              <button type="submit">{t.boundariesButton}</button>
            </div>
          </form>
        ) : null}
      </section>
    </ReglagesLayout>
  );
}

function ImportResult(props: { result: TerritoryImportResult; lang: Lang }) {
  const r = props.result;
  const { lang } = props;
  const t = text(lang, reglagesText);
  return (
    <section class="panel" aria-labelledby="resultat-import">
      <h2 id="resultat-import">{t.imported}</h2>
      <table>
        <caption class="hint">{t.importedCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.regions}</th>
            <th scope="col">{t.cercles}</th>
            <th scope="col">{t.communes}</th>
            <th scope="col">{t.added}</th>
            <th scope="col">{t.updated}</th>
            <th scope="col">{t.unchanged}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td class="number">{formatCount(r.byLevel.region, lang)}</td>
            <td class="number">{formatCount(r.byLevel.cercle, lang)}</td>
            <td class="number">{formatCount(r.byLevel.commune, lang)}</td>
            <td class="number">{formatCount(r.inserted, lang)}</td>
            <td class="number">{formatCount(r.updated, lang)}</td>
            <td class="number">{formatCount(r.unchanged, lang)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function Findings(props: { findings: TerritoryFinding[]; lang: Lang }) {
  const t = text(props.lang, reglagesText);
  return (
    <section class="panel" aria-labelledby="problemes">
      <h2 id="problemes">{t.problems(props.findings.length)}</h2>
      <table>
        <caption class="hint">{t.problemsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.file}</th>
            <th scope="col">{t.line}</th>
            <th scope="col">{t.column}</th>
            <th scope="col">{t.message}</th>
          </tr>
        </thead>
        <tbody>
          {props.findings.map((f) => (
            <tr key={`${f.line}-${f.column}-${f.message}`}>
              <td>{f.file}</td>
              <td class="number">{formatCount(f.line, props.lang)}</td>
              <td>{f.column}</td>
              <td>{f.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
