import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { roleMay } from '@oise/accounts';
import { formatQuarter, formatQuarterFr, lastQuarters, parseQuarter, tryParseQuarter } from '@oise/core';
import { type EntryNode, importEntryFiles, writeCollectionForms, writeEntryWorkbook } from '@oise/entry';
import { getCalendar } from '@oise/node';
import { reportingQuarter } from '@oise/workflow';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { text } from '../messages/lang.js';
import { saisieImportText } from '../messages/saisie-import.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { fileDigest, receiveImportUpload } from '../uploads/receive-import.js';
import { frameOf } from '../views/frame-of.js';
import { type ImportJobResult, ImportPage, ImportResultPage, importSummary } from '../views/import-page.js';
import { renderHtml } from '../views/render.js';
import type { AppDeps, WebEnv } from '../web-env.js';
import { jobHref } from './travaux.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT_KEY = 'import:';

/** A quarter of a URL or a form (`2025Q1` or `2025T1`), or undefined when it is not one. */
function quarterOf(typed: unknown): string | undefined {
  const parsed = typeof typed === 'string' ? tryParseQuarter(typed) : undefined;
  return parsed ? formatQuarter(parsed) : undefined;
}

const unknownQuarter = (c: Context<WebEnv>, typed: unknown) => {
  const t = text(c.get('lang'), saisieImportText);
  return refuse(c, 400, t.unknownQuarterTitle, t.notAQuarter(String(typed)));
};

/** « Résultat introuvable » (404): no such step, or the server restarted. */
const resultGone = (c: Context<WebEnv>) => {
  const t = text(c.get('lang'), saisieImportText);
  return refuse(c, 404, t.noResultTitle, t.resultGone);
};

const quarterQuery = validator('query', (value, c) => {
  if (value.trimestre === undefined || value.trimestre === '') return { quarter: undefined };
  const quarter = quarterOf(value.trimestre);
  return quarter ? { quarter } : unknownQuarter(c, value.trimestre);
});

const quarterParam = validator('param', (value, c) => {
  const quarter = quarterOf(value.trimestre);
  return quarter ? { quarter } : unknownQuarter(c, value.trimestre);
});

const jobParam = validator('param', (value, c) => {
  const id = value.id ?? '';
  if (!/^[\w-]{8,32}$/.test(id)) return resultGone(c);
  return { id };
});

/**
 * The cercle's files (`/saisie/import`): the entry workbook and the collection forms of a
 * quarter to download (as `oise template` and `oise fiches` write them), and a filled workbook
 * or CSV to upload, checked or imported by `@oise/entry`'s `importEntryFiles` (as `oise import
 * --dry-run --partial` or `--partial`) in the background, its findings shown as a table.
 */
export function saisieImportRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const entryNode = (): EntryNode => ({ code: deps.node.identity.code, level: deps.node.identity.level });
  const page = async (
    c: Context<WebEnv>,
    quarter: string | undefined,
    error?: { status: 400 | 413; message: string },
  ) => {
    const now = deps.clock();
    const chosen = quarter ?? reportingQuarter(now);
    const choices = lastQuarters(parseQuarter(reportingQuarter(now)), 8)
      .reverse()
      .map(formatQuarter);
    return renderHtml(
      c,
      <ImportPage
        frame={await frameOf(c, deps)}
        view={{
          quarter: chosen,
          choices: choices.includes(chosen) ? choices : [chosen, ...choices],
          canImport: roleMay(c.get('viewer').role, 'entry'),
          error: error?.message,
        }}
      />,
      error?.status ?? 200,
    );
  };

  app.get('/', requirePermission('read'), quarterQuery, (c) => page(c, c.req.valid('query').quarter));

  app.post('/', requirePermission('entry'), async (c) => {
    const lang = c.get('lang');
    const t = text(lang, saisieImportText);
    const upload = await receiveImportUpload(c.req.raw, lang);
    if (upload.kind === 'refused') {
      deps.log(`import refusé : ${upload.message}`);
      return page(c, undefined, upload);
    }
    const { file } = upload;
    const mode = file.fields.mode;
    const quarterText = file.fields.trimestre ?? '';
    const quarter = quarterOf(quarterText);
    if ((mode !== 'verifier' && mode !== 'importer') || !quarter) {
      file.discard();
      return page(c, quarter, {
        status: 400,
        message: !quarter ? t.formQuarter(quarterText) : t.formMode,
      });
    }
    const dryRun = mode === 'verifier';
    const author = c.get('viewer').author;
    const key = `${IMPORT_KEY}${mode}:${await fileDigest(file.path)}`;
    let id = '';
    const { job, started } = deps.jobs.start<ImportJobResult>({
      key,
      title: dryRun ? t.checkJob(file.name) : t.importJob(file.name),
      author,
      lockNode: true,
      lang: c.get('lang'),
      work: async (report) => {
        try {
          const result = await importEntryFiles(deps.node.db, {
            node: entryNode(),
            files: [file.path],
            now: deps.clock(),
            // The page's two choices are the command's `--dry-run --partial` and `--partial`.
            partial: true,
            dryRun,
            quarter,
            ...(author ? { author } : {}),
            onProgress: report,
          });
          const outcome: ImportJobResult = { file: file.name, dryRun, quarter, result };
          return {
            result: outcome,
            message: importSummary(outcome, lang),
            resultHref: `/saisie/import/resultat/${id}`,
          };
        } finally {
          file.discard();
        }
      },
    });
    id = job.id;
    // The same file already being checked or imported: its step, not a second one.
    if (!started) file.discard();
    return c.redirect(jobHref(job), 303);
  });

  app.get('/resultat/:id', requirePermission('read'), jobParam, async (c) => {
    const { id } = c.req.valid('param');
    const outcome = deps.jobs.result<ImportJobResult>(id, (k) => k.startsWith(IMPORT_KEY));
    if (!outcome) return resultGone(c);
    return renderHtml(c, <ImportResultPage frame={await frameOf(c, deps)} outcome={outcome} />);
  });

  app.get('/classeur/:trimestre', requirePermission('read'), quarterParam, async (c) => {
    const { quarter } = c.req.valid('param');
    const { db, identity } = deps.node;
    const calendar = await getCalendar(db);
    return sendGenerated(c, `saisie-${identity.code}-${formatQuarterFr(quarter)}.xlsx`, (out) =>
      writeEntryWorkbook(db, { node: entryNode(), quarter, now: deps.clock(), calendar, out }),
    );
  });

  app.get('/fiches/:trimestre', requirePermission('read'), quarterParam, async (c) => {
    const { quarter } = c.req.valid('param');
    const { db, identity } = deps.node;
    return sendGenerated(c, `fiches-collecte-${identity.code}-${formatQuarterFr(quarter)}.xlsx`, (out) =>
      writeCollectionForms(db, { node: entryNode(), quarter, now: deps.clock(), out }),
    );
  });

  return app;
}

/** Writes a workbook into a temporary folder, then streams it; the folder goes once it is sent. */
async function sendGenerated(
  c: Context<WebEnv>,
  name: string,
  write: (out: string) => Promise<unknown>,
): Promise<Response> {
  const dir = mkdtempSync(join(tmpdir(), 'oise-classeur-'));
  const out = join(dir, name);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await write(out);
  } catch (error) {
    remove();
    throw error;
  }
  const stream = createReadStream(out);
  stream.once('close', remove);
  return c.body(Readable.toWeb(stream) as unknown as ReadableStream, 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Length': String(statSync(out).size),
    'Content-Disposition': `attachment; filename="${name}"`,
  });
}
