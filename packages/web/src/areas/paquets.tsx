import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { roleMay } from '@oise/accounts';
import {
  type InboxLimits,
  UploadGate,
  bundleLogCounts,
  exportBundles,
  inboxLimits,
  neighbourAddresses,
  readBundleLog,
  sendOutbox,
  waitingBundles,
} from '@oise/sync';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { type JobProgress, type JobView, yieldToServer } from '../jobs/job-runner.js';
import { text } from '../messages/lang.js';
import { paquetsText } from '../messages/paquets.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { bundleDropper } from '../uploads/drop-bundles.js';
import { receiveBundleUpload } from '../uploads/receive-bundles.js';
import { formatBytes } from '../views/format.js';
import { frameOf } from '../views/frame-of.js';
import { JOURNAL_FILTERS, JournalPage } from '../views/journal-page.js';
import { PaquetsPage, type PaquetsView } from '../views/paquets-page.js';
import { type PaquetsResult, resultSentence } from '../views/paquets-results.js';
import { renderHtml } from '../views/render.js';
import type { AppDeps, WebEnv } from '../web-env.js';
import { remoteAddress } from './connexion.js';
import { jobHref } from './travaux.js';

/** The path of the drop form, whose body is streamed (no form body limit, its own caps). */
export const DROP_PATH = '/paquets/depot';

/** The keys of this page's long steps: one send and one preparation at a time. */
const SEND_KEY = 'paquets:envoi';
const EXPORT_KEY = 'paquets:preparer';
const DROP_KEY = 'paquets:depot:';
const isPaquetsKey = (key: string) => key === SEND_KEY || key === EXPORT_KEY || key.startsWith(DROP_KEY);
/** Lines of the log on one page. */
const JOURNAL_PAGE_SIZE = 50;

const resultHref = (id: string) => `/paquets/resultat/${id}`;

const downloadParams = validator('param', (value, c) => {
  const recipient = value.destinataire ?? '';
  const name = value.fichier ?? '';
  if (!/^[A-Z]{2}(\d{2}){0,3}$/.test(recipient) || !/^[\w.-]{1,200}$/.test(name)) {
    const t = text(c.get('lang'), paquetsText);
    return refuse(c, 404, t.bundleNotFound, t.bundleGone);
  }
  return { recipient, name };
});

const resultGone = (c: Context<WebEnv>) => {
  const t = text(c.get('lang'), paquetsText);
  return refuse(c, 404, t.resultNotFound, t.resultGone);
};

const resultParams = validator('param', (value, c) => {
  const id = value.id ?? '';
  if (!/^[\w-]{8,32}$/.test(id)) return resultGone(c);
  return { id };
});

/** The buttons' forms carry nothing but their token. */
const emptyForm = validator('form', () => ({}));

const journalQuery = validator('query', (value, c) => {
  const t = text(c.get('lang'), paquetsText);
  const word = typeof value.filtre === 'string' && value.filtre !== '' ? value.filtre : 'tous';
  const filter = JOURNAL_FILTERS[word];
  if (!filter || !Object.hasOwn(JOURNAL_FILTERS, word))
    return refuse(c, 400, t.unknownFilter, t.unknownFilterText(word));
  const pageText = typeof value.page === 'string' && value.page !== '' ? value.page : '1';
  if (!/^\d{1,6}$/.test(pageText) || Number(pageText) < 1)
    return refuse(c, 400, t.unknownPage, t.unknownPageText(pageText));
  return { filter, page: Number(pageText) };
});

/**
 * Packages: the outbox to download, packages prepared now (`oise export`), sent over HTTP
 * (`oise send`), received ones dropped into the inbox, each as a step in the background with
 * its result on this page; and the log of what was applied or refused.
 */
export function paquetsRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const drop = bundleDropper(deps);
  // The HTTP inbox's limits (settings serve.*) for the drop too: slots per address, requests a minute.
  let gate: { gate: UploadGate; limits: InboxLimits } | undefined;
  const dropGate = async () => {
    if (!gate) {
      const limits = await inboxLimits(deps.node);
      gate = { gate: new UploadGate(limits), limits };
    }
    return gate;
  };
  const running = (key: string) => {
    const job = deps.jobs.runningFor(key);
    return job ? { job, href: jobHref(job) } : undefined;
  };
  const page = async (
    c: Context<WebEnv>,
    extra: Partial<PaquetsView> = {},
    status: 200 | 400 | 413 | 429 | 503 = 200,
  ) =>
    renderHtml(
      c,
      <PaquetsPage
        frame={await frameOf(c, deps)}
        view={{
          waiting: waitingBundles(deps.node.paths).map((b) => ({
            ...b,
            size: formatBytes(statSync(b.path).size, c.get('lang')),
          })),
          canHandle: roleMay(c.get('viewer').role, 'packages'),
          addresses: await neighbourAddresses(deps.node),
          inboxAddress: deps.inboxAddress?.(),
          nodeDir: deps.node.paths.root,
          running: { send: running(SEND_KEY), export: running(EXPORT_KEY) },
          ...extra,
        }}
      />,
      status,
    );
  /** Starts a step of this page, its result shown by `GET /paquets/resultat/:id`; 303 to its progress. */
  const startStep = (
    c: Context<WebEnv>,
    spec: {
      key: string;
      title: string;
      lockNode: boolean;
      work: (report: (p: JobProgress) => void) => Promise<PaquetsResult>;
    },
  ): { job: JobView; started: boolean } => {
    // The step runs on the next turn of the event loop, once its id is known.
    let id = '';
    const lang = c.get('lang');
    const started = deps.jobs.start({
      key: spec.key,
      title: spec.title,
      author: c.get('viewer').author,
      lockNode: spec.lockNode,
      lang,
      work: async (report) => {
        const result = await spec.work(report);
        return { result, message: resultSentence(result, lang), resultHref: resultHref(id) };
      },
    });
    id = started.job.id;
    return started;
  };

  app.get('/', requirePermission('read'), (c) => page(c));

  app.get('/resultat/:id', requirePermission('read'), resultParams, (c) => {
    const result = deps.jobs.result<PaquetsResult>(c.req.valid('param').id, isPaquetsKey);
    if (!result) return resultGone(c);
    return page(c, { result });
  });

  app.get('/journal', requirePermission('read'), journalQuery, async (c) => {
    const { filter, page: number } = c.req.valid('query');
    return renderHtml(
      c,
      <JournalPage
        frame={await frameOf(c, deps)}
        view={{
          filter,
          log: await readBundleLog(deps.node.db, { filter, page: number, pageSize: JOURNAL_PAGE_SIZE }),
          counts: await bundleLogCounts(deps.node.db),
        }}
      />,
    );
  });

  app.get('/telecharger/:destinataire/:fichier', requirePermission('packages'), downloadParams, (c) => {
    const { recipient, name } = c.req.valid('param');
    const bundle = waitingBundles(deps.node.paths, recipient).find((b) => b.name === name);
    if (!bundle) {
      const t = text(c.get('lang'), paquetsText);
      return refuse(c, 404, t.bundleNotFound, t.bundleGone);
    }
    const body = Readable.toWeb(createReadStream(bundle.path)) as unknown as ReadableStream;
    return c.body(body, 200, {
      'Content-Type': 'application/gzip',
      'Content-Length': String(statSync(bundle.path).size),
      'Content-Disposition': `attachment; filename="${bundle.name}"`,
    });
  });

  app.post('/depot', requirePermission('packages'), async (c) => {
    const lang = c.get('lang');
    const t = text(lang, paquetsText);
    const address = remoteAddress(c);
    const { gate, limits } = await dropGate();
    const busy = gate.request(address);
    const slot = busy ?? gate.enter(address);
    if ('status' in slot) {
      c.header('Retry-After', String(slot.retryAfter));
      return page(c, { dropError: t.dropRefusedNow(slot.reason) }, slot.status);
    }
    let upload: Awaited<ReturnType<typeof receiveBundleUpload>>;
    try {
      upload = await receiveBundleUpload(deps.node, c.req.raw, limits, lang);
    } finally {
      slot.release();
    }
    if (upload.kind === 'refused') {
      deps.log(`dépôt refusé : ${upload.message}`);
      return page(c, { dropError: upload.message }, upload.status);
    }
    // The same files dropped again while their ingest runs are that same step, not a second one.
    const fingerprint = createHash('sha256')
      .update(upload.files.map((f) => `${f.name}\u0000${f.size}`).join('\u0000'))
      .digest('hex')
      .slice(0, 16);
    const { job, started } = startStep(c, {
      key: `${DROP_KEY}${fingerprint}`,
      title: t.dropJob,
      // The dropper takes the node's lock itself, and leaves the files for the next pass when a long one runs.
      lockNode: false,
      work: async (report) => ({
        kind: 'drop',
        verdicts: await drop(
          upload.files,
          ({ done, total, file }) => report({ done, total, step: t.stepFile(done, total, file) }),
          () => report({ done: 0, total: upload.files.length, step: t.dropWaits }),
          { address },
          lang,
          // Fresh on arrival: the applied packages are consolidated at once, a step after the files.
          async (progress) => {
            report({ ...progress, step: t.stepConsolidation(progress.step) });
            await yieldToServer();
          },
        ),
      }),
    });
    if (!started) for (const f of upload.files) f.staged.discard();
    return c.redirect(jobHref(job), 303);
  });

  app.post('/preparer', requirePermission('packages'), emptyForm, (c) => {
    const t = text(c.get('lang'), paquetsText);
    const { job } = startStep(c, {
      key: EXPORT_KEY,
      title: t.prepareJob,
      lockNode: true,
      work: async (report) => ({
        kind: 'export',
        result: await exportBundles(deps.node, {
          now: deps.clock(),
          onProgress: ({ done, total, recipient }) =>
            report({ done, total, step: t.stepNeighbour(done, total, recipient) }),
        }),
      }),
    });
    return c.redirect(jobHref(job), 303);
  });

  app.post('/envoi', requirePermission('packages'), emptyForm, (c) => {
    const t = text(c.get('lang'), paquetsText);
    const { job } = startStep(c, {
      key: SEND_KEY,
      title: t.sendJob,
      lockNode: true,
      work: async (report) => ({
        kind: 'send',
        result: await sendOutbox(deps.node, {
          now: deps.clock(),
          onProgress: ({ done, total, result }) =>
            report({ done, total, step: t.stepBundle(done, total, basename(result.file), result.recipient) }),
        }),
      }),
    });
    return c.redirect(jobHref(job), 303);
  });

  return app;
}
