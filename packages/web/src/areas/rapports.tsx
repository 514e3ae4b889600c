import { basename } from 'node:path';
import { roleMay } from '@oise/accounts';
import { consolidationLag } from '@oise/consolidate';
import {
  OiseError,
  formatQuarter,
  lastQuarters,
  parseQuarter,
  quarterLabel,
  tryParseQuarter,
} from '@oise/core';
import { listReportFiles, openReportFile, publishReports } from '@oise/report';
import { buildSite, nodeSiteDir } from '@oise/site';
import { exportBundles } from '@oise/sync';
import { consolidatePublishedQuarter, reportingQuarter } from '@oise/workflow';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { yieldToServer } from '../jobs/job-runner.js';
import { describeError, text } from '../messages/lang.js';
import { rapportsText } from '../messages/rapports.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { frameOf } from '../views/frame-of.js';
import { type PublicationOutcome, PublicationPage } from '../views/publication-page.js';
import { RapportsPage } from '../views/rapports-page.js';
import { renderHtml } from '../views/render.js';
import type { AppDeps, WebEnv } from '../web-env.js';
import { jobHref } from './travaux.js';

/** The key of a quarter's publication: one at a time per quarter, whoever clicks. */
const publishKey = (quarter: string) => `publish:${quarter}`;
const isPublishKey = (key: string) => key.startsWith('publish:');

/** « Rapport introuvable » (404): the key names no listed file. */
const noFile = (c: Context<WebEnv>) => {
  const t = text(c.get('lang'), rapportsText);
  return refuse(c, 404, t.noFileTitle, t.noFile);
};
/** « Publication inconnue » (404): no such step, not over, or the server restarted. */
const noResult = (c: Context<WebEnv>) => {
  const t = text(c.get('lang'), rapportsText);
  return refuse(c, 404, t.noResultTitle, t.noResult);
};

const publishForm = validator('form', (value, c) => {
  const typed = value.trimestre;
  const parsed = typeof typed === 'string' ? tryParseQuarter(typed) : undefined;
  if (!parsed) {
    const t = text(c.get('lang'), rapportsText);
    return refuse(c, 400, t.unknownQuarterTitle, t.notAQuarter(typeof typed === 'string' ? typed : ''));
  }
  return { quarter: formatQuarter(parsed) };
});

const fileParam = validator('param', (value, c) => {
  const id = value.id ?? '';
  if (id.length === 0 || id.length > 300) return noFile(c);
  return { id };
});

const jobParam = validator('param', (value, c) => {
  const id = value.id ?? '';
  if (!/^[\w-]{8,32}$/.test(id)) return noResult(c);
  return { id };
});

/**
 * Reports: the documents received from national and the reports published or written here, to
 * download by their listed key; « Publier les rapports » (admin) as a background step, once per
 * quarter at a time, and its result.
 */
export function rapportsRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { node } = deps;

  app.get('/', requirePermission('read'), async (c) => {
    const now = deps.clock();
    const choices = lastQuarters(parseQuarter(reportingQuarter(now)), 8)
      .reverse()
      .map(formatQuarter);
    const lag =
      node.identity.level === 'cercle' ? undefined : await consolidationLag(node.db, node.identity.code);
    return renderHtml(
      c,
      <RapportsPage
        frame={await frameOf(c, deps)}
        view={{
          files: await listReportFiles(node),
          choices,
          quarter: reportingQuarter(now),
          canPublish: roleMay(c.get('viewer').role, 'admin'),
          running: choices.flatMap((q) => deps.jobs.runningFor(publishKey(q)) ?? []),
          changedSinceConsolidation: lag ? lag.changedRows + lag.referenceRows : 0,
        }}
      />,
    );
  });

  app.get('/telecharger/:id', requirePermission('read'), fileParam, async (c) => {
    const opened = await openReportFile(node, c.req.valid('param').id);
    if (!opened) return noFile(c);
    const { entry, content } = opened;
    const ascii = entry.fileName.replace(/[^\w.-]/g, '_');
    return c.body(new Uint8Array(content), 200, {
      'Content-Type': entry.mediaType,
      'Content-Length': String(content.byteLength),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(entry.fileName)}`,
    });
  });

  app.post('/publier', requirePermission('admin'), publishForm, (c) => {
    const { quarter } = c.req.valid('form');
    const author = c.get('viewer').author;
    const national = node.identity.level === 'national';
    const lang = c.get('lang');
    const t = text(lang, rapportsText);
    let id = '';
    const { job } = deps.jobs.start<PublicationOutcome>({
      key: publishKey(quarter),
      title: t.publishJob(national, quarterLabel(quarter, lang)),
      author,
      lockNode: true,
      lang: c.get('lang'),
      work: async (report) => {
        const now = deps.clock();
        const published = await publishReports(node, {
          quarter,
          now,
          onProgress: async (progress) => {
            report(progress);
            await yieldToServer();
          },
        });
        const total = published.reports.length;
        let consolidated: string[] = [];
        let bundles: PublicationOutcome['bundles'] = [];
        let site: PublicationOutcome['site'];
        if (national) {
          // What the national pass does after publishing: the forwarded regional quarters are
          // consolidated, and the DOWN packages carry the documents to the regions.
          report({ done: total, total, step: t.bundlesStep });
          consolidated = await consolidatePublishedQuarter(node, quarter, {
            now,
            ...(author ? { author } : {}),
          });
          bundles = (await exportBundles(node, { now })).written.map((b) => ({
            recipient: b.recipient,
            name: basename(b.file),
            rowCount: b.rowCount,
          }));
          // As `oise run` does after publishing: the public site is written again. The reports
          // stay published when it fails; the result page says why the site was not rewritten.
          report({ done: total, total, step: t.siteStep });
          try {
            const built = await buildSite(node, {
              outDir: await nodeSiteDir(node),
              now,
              onProgress: async () => {
                await yieldToServer();
              },
            });
            site = { outDir: built.outDir, pages: built.pages, warnings: built.warnings };
          } catch (error) {
            if (!(error instanceof OiseError)) throw error;
            site = { problem: describeError(error, lang) };
          }
        }
        const ids = new Map(
          (await listReportFiles(node))
            .filter((e) => e.origin !== 'received' && (e.period === quarter || e.period === undefined))
            .map((e) => [e.fileName, e.id]),
        );
        const result: PublicationOutcome = {
          quarter,
          reports: published.reports.map((r) => ({
            title: r.title,
            unitName: r.unitName,
            unitCode: r.unitCode,
            completeness: r.completeness,
          })),
          files: published.files.map((f) => ({
            fileName: f.fileName,
            title: f.title,
            size: f.size,
            id: ids.get(f.fileName),
          })),
          documents: published.documents,
          consolidated,
          bundles,
          site,
        };
        return {
          result,
          message: t.publishDone(total, published.files.length, bundles.length),
          resultHref: `/rapports/publication/${id}`,
        };
      },
    });
    // The step starts on the next turn of the event loop: its id is known by then.
    id = job.id;
    return c.redirect(jobHref(job), 303);
  });

  app.get('/publication/:id', requirePermission('read'), jobParam, async (c) => {
    const outcome = deps.jobs.result<PublicationOutcome>(c.req.valid('param').id, isPublishKey);
    if (!outcome) return noResult(c);
    return renderHtml(c, <PublicationPage frame={await frameOf(c, deps)} outcome={outcome} />);
  });

  return app;
}
