import { roleMay } from '@oise/accounts';
import {
  BOUNDARY_FILE_MAX_BYTES,
  type TerritoryFinding,
  boundaryImportLines,
  boundaryStamp,
  importBoundaries,
  importTerritory,
  loadHierarchy,
  readBoundaryFile,
  readTerritoryFile,
} from '@oise/catalog';
import { OiseError } from '@oise/core';
import { getSetting } from '@oise/node';
import { BOUNDARIES_SETTING } from '@oise/report';
import { type Context, Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { errorMessage, text } from '../messages/lang.js';
import { reglagesText } from '../messages/reglages.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { discardStaged, receiveOneFile } from '../uploads/receive-file.js';
import { frameOf } from '../views/frame-of.js';
import {
  BOUNDARIES_FIELD,
  TERRITORY_FIELD,
  TerritoirePage,
  type TerritoireView,
} from '../views/reglages-territoire-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** The two file forms of Territoire, streamed with their own caps. */
export const TERRITORY_UPLOAD_PATHS = [
  '/reglages/territoire/import',
  '/reglages/territoire/limites',
] as const;
/** The territory of a country is a few thousand lines. */
const TERRITORY_MAX_BYTES = 16 * 1024 * 1024;

/** The territory is national reference data: below national, these pages do not exist (after the permission's check). */
function nationalOnly(deps: WebDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (deps.node.identity.level === 'national') return next();
    const t = text(c.get('lang'), reglagesText);
    return refuse(c, 404, t.notHere, t.notHereText(deps.node.identity.code));
  };
}

/** *Territoire* (national): `oise territory import` and `oise territory boundaries import`. */
export function territoireRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { node } = deps;
  const national = nationalOnly(deps);
  const page = async (
    c: Context<WebEnv>,
    extra: Partial<TerritoireView> = {},
    status: 200 | 400 | 413 = 200,
  ) => {
    const counts = (await loadHierarchy(node.db)).countByLevel();
    const view: TerritoireView = {
      canAdmin: roleMay(c.get('viewer').role, 'admin'),
      units: { region: counts.region, cercle: counts.cercle, commune: counts.commune },
      boundaries: (await getSetting(node.db, BOUNDARIES_SETTING)) || null,
      stored: (await boundaryStamp(node.db)).counts,
      ...extra,
    };
    return renderHtml(c, <TerritoirePage frame={await frameOf(c, deps)} view={view} />, status);
  };
  const refused = (c: Context<WebEnv>, text: string, status: 400 | 413, findings?: TerritoryFinding[]) =>
    page(c, { notice: { kind: 'error', text }, findings }, status);

  app.get('/', requirePermission('read'), national, (c) => page(c));

  app.post('/import', requirePermission('admin'), national, async (c) => {
    const lang = c.get('lang');
    const t = text(lang, reglagesText);
    const upload = await receiveOneFile(node.paths.root, c.req.raw, {
      field: TERRITORY_FIELD,
      maxBytes: TERRITORY_MAX_BYTES,
      what: t.territoryWhat,
      nowMs: Date.parse(deps.clock()),
      lang,
    });
    if (upload.kind === 'refused') return refused(c, upload.message, upload.status);
    try {
      const units = readTerritoryFile(upload.file.path, node.identity.code);
      const imported = await importTerritory(node.db, units, {
        owner: node.identity.code,
        now: deps.clock(),
      });
      deps.log(`territoire importé par ${c.get('viewer').login} (${imported.units} collectivités)`);
      return page(c, {
        notice: { kind: 'ok', text: t.territoryImported(upload.file.name, imported.units) },
        imported,
      });
    } catch (error) {
      if (!(error instanceof OiseError)) throw error;
      const findings = error.context.findings as TerritoryFinding[] | undefined;
      return refused(
        c,
        findings
          ? t.territoryProblems(upload.file.name, findings.length)
          : t.ofFile(upload.file.name, errorMessage(error, lang)),
        400,
        findings,
      );
    } finally {
      discardStaged(upload.file.path);
    }
  });

  app.post('/limites', requirePermission('admin'), national, async (c) => {
    const lang = c.get('lang');
    const t = text(lang, reglagesText);
    const upload = await receiveOneFile(node.paths.root, c.req.raw, {
      field: BOUNDARIES_FIELD,
      maxBytes: BOUNDARY_FILE_MAX_BYTES,
      what: t.boundariesWhat,
      nowMs: Date.parse(deps.clock()),
      lang,
    });
    if (upload.kind === 'refused') return refused(c, upload.message, upload.status);
    const { file } = upload;
    try {
      // The same check and import as `oise territory boundaries import`.
      const [result] = await importBoundaries(node.db, [readBoundaryFile(file.path, file.name)], {
        owner: node.identity.code,
        now: deps.clock(),
      });
      deps.log(`limites importées par ${c.get('viewer').login} (${file.name})`);
      const [summary, ...outside] = boundaryImportLines(result!);
      return page(c, {
        notice: { kind: 'ok', text: t.boundariesTravel(summary ?? '') },
        outside,
      });
    } catch (error) {
      if (error instanceof OiseError) return refused(c, errorMessage(error, lang), 400);
      throw error;
    } finally {
      discardStaged(file.path);
    }
  });

  return app;
}
