import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { NODE_LEVEL_LABELS, OiseError, UsageError } from '@oise/core';
import { type Node, folderNotEmpty, folderState, isPageLanguage, withNode } from '@oise/node';
import { DEFAULT_SCHEDULE, TIMEZONE, passOutcomeLabel, startReconciler } from '@oise/pipelines';
import { INBOX_PATH, startHttpInbox } from '@oise/sync';
import { type WebServer, startFirstStartServer, startWebServer } from '@oise/web';
import { consolidateOnArrival } from '@oise/workflow';
import { nodeDir, optionalString, portOption } from '../args.js';
import { type CommandContext, defineCommand } from '../command.js';
import { openBrowser } from '../open-browser.js';

export default defineCommand({
  path: ['ui'],
  summary: {
    fr: 'ouvre les pages du nœud dans le navigateur (et fait ce que fait oise run)',
    en: "serves the node's pages to the browser (and does what oise run does)",
  },
  usage: `Usage : oise ui --dir DOSSIER [--port 8800] [--host 127.0.0.1] [--open] [--cert CERT.pem --key CLE.pem]
               [--inbox-port P [--inbox-host H]] [--schedule "30 6 * * *"] [--boundaries LIMITES.geojson]
               [--lang en]

Sert les pages du nœud (accueil, paquets…) ; la première ligne affichée est leur adresse.
--open l'ouvre dans le navigateur. Sur ce poste (127.0.0.1, par défaut) personne ne se
connecte ; sur une autre adresse (--host 0.0.0.0 pour le réseau), chaque personne se connecte
avec un compte (oise user add) : donnez alors --cert et --key pour servir en HTTPS.
Tant qu'elles sont ouvertes, le nœud fait ce que fait « oise run » : un passage au démarrage,
puis chaque matin (fuseau ${TIMEZONE}). --inbox-port ouvre aussi la boîte de réception HTTP
(comme « oise serve ») dans le même processus. --lang en (ou OISE_LANG=en) sert les pages
en anglais, au lieu du réglage web.langue du nœud (français par défaut). Ctrl+C (ou SIGTERM) arrête proprement.
Sur un dossier absent ou vide, la page « Premier démarrage d'OISE » (sur ce poste seulement) crée
le nœud comme oise init, puis les pages du nouveau nœud s'ouvrent ; un dossier qui contient autre
chose qu'un nœud est refusé.`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    open: { type: 'boolean' },
    cert: { type: 'string' },
    key: { type: 'string' },
    'inbox-port': { type: 'string' },
    'inbox-host': { type: 'string' },
    schedule: { type: 'string' },
    boundaries: { type: 'string' },
  },
  async run(ctx) {
    const dir = nodeDir(ctx);
    const port = portOption(ctx, 'port') ?? 8800;
    const host = optionalString(ctx, 'host') ?? '127.0.0.1';
    const tls = tlsOption(ctx);
    const inboxPort = portOption(ctx, 'inbox-port', { inbox: true });
    const inboxHost = optionalString(ctx, 'inbox-host') ?? '127.0.0.1';
    if (optionalString(ctx, 'inbox-host') && inboxPort === undefined) {
      throw new UsageError(
        ctx.t('--inbox-host va avec --inbox-port.', '--inbox-host goes with --inbox-port.'),
      );
    }
    // --lang (or OISE_LANG) given: the pages' language for this process, over the node's web.langue.
    const langAsked = optionalString(ctx, 'lang') ?? process.env.OISE_LANG;
    const lang = isPageLanguage(langAsked) ? langAsked : undefined;
    // OISE_NOW pins the pages' and the passes' date (tests, replays); otherwise the clock.
    const pinned = process.env.OISE_NOW;
    const clock = () => pinned ?? new Date().toISOString();
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    process.once('SIGINT', () => stop());
    process.once('SIGTERM', () => stop());

    const log = (line: string) => ctx.out(line);
    // Known once the inbox listens, after the pages (whose address is the first line).
    let inboxAddress: string | undefined;
    const serverOptions = {
      host,
      port,
      tls,
      clock,
      clockMs: () => performance.now(),
      log,
      inboxAddress: () => inboxAddress,
      ...(lang ? { lang } : {}),
    };
    const open = (url: string) =>
      openBrowser(url, (message) =>
        ctx.err(
          ctx.t(
            `Navigateur non ouvert (${message}) : ouvrez ${url}`,
            `Browser not opened (${message}): open ${url}`,
          ),
        ),
      );
    const session: UiSession = {
      ctx,
      dir,
      stopped,
      inboxPort,
      inboxHost,
      clock,
      setInboxAddress: (address) => {
        inboxAddress = address;
      },
    };
    const state = folderState(dir);
    if (state.kind === 'other') throw folderNotEmpty(dir, state);
    if (state.kind === 'node')
      return withNode(dir, async (node) => {
        const web = await listening(host, port, () => startWebServer(node, serverOptions));
        if (ctx.values.open) open(web.url);
        return serveNode(session, node, web);
      });

    // A folder without a node (the portable folder's first double-click): the first-start page.
    const first = await listening(host, port, () => startFirstStartServer(dir, serverOptions));
    if (ctx.json) ctx.printJson({ node: null, url: first.url, mode: 'premier-demarrage' });
    ctx.out(
      ctx.t(
        `Premier démarrage d'OISE dans ${dir} : ${first.url} (Ctrl+C pour arrêter).`,
        `First start of OISE in ${dir}: ${first.url} (Ctrl+C to stop).`,
      ),
    );
    ctx.out(
      ctx.t(
        "Ouvrez cette adresse sur ce poste et créez-y le nœud (ce qu'oise init demande).",
        'Open this address on this PC and create the node there (what oise init asks).',
      ),
    );
    if (ctx.values.open) open(first.url);
    const node = await Promise.race([first.created, stopped.then(() => undefined)]);
    if (!node) {
      await first.close();
      ctx.out(ctx.t('Pages arrêtées.', 'Pages stopped.'));
      return 0;
    }
    try {
      ctx.out(
        ctx.t(
          `Nœud ${NODE_LEVEL_LABELS[node.identity.level]} ${node.identity.code} créé dans ${dir}.`,
          `Created ${node.identity.level} node ${node.identity.code} in ${dir}.`,
        ),
      );
      return await serveNode(session, node, first);
    } finally {
      await node.close();
    }
  },
});

/** What serving a node needs besides the node and its pages. */
interface UiSession {
  ctx: CommandContext;
  dir: string;
  stopped: Promise<void>;
  inboxPort: number | undefined;
  inboxHost: string;
  clock: () => string;
  setInboxAddress: (address: string) => void;
}

/**
 * A node's pages are listening: say where, open the HTTP inbox when asked, run the reconciler
 * (what `oise run` does) until Ctrl+C, then stop everything in order.
 */
async function serveNode(session: UiSession, node: Node, web: WebServer): Promise<number> {
  const { ctx, dir, inboxPort, inboxHost, clock } = session;
  const log = (line: string) => ctx.out(line);
  if (ctx.json) ctx.printJson({ node: node.identity.code, url: web.url, mode: web.mode });
  ctx.out(
    ctx.t(
      `Pages de ${node.identity.code} : ${web.url} (Ctrl+C pour arrêter).`,
      `Pages of ${node.identity.code}: ${web.url} (Ctrl+C to stop).`,
    ),
  );
  if (web.insecure)
    ctx.out(
      ctx.t(
        `ATTENTION : les pages sont servies en HTTP simple sur ${web.host}, au-delà de ce poste : identifiants, mots de passe et chiffres passent en clair sur le réseau. Donnez --cert et --key pour servir en HTTPS.`,
        `WARNING: the pages are served over plain HTTP on ${web.host}, beyond this PC: logins, passwords and figures cross the network in clear. Give --cert and --key to serve HTTPS.`,
      ),
    );
  if (web.mode === 'accounts')
    ctx.out(
      ctx.t(
        'Connexion obligatoire : chaque personne se connecte avec son compte (oise user list).',
        'Sign-in required: each person signs in with an account (oise user list).',
      ),
    );
  const inbox =
    inboxPort === undefined
      ? undefined
      : await listening(inboxHost, inboxPort, () =>
          startHttpInbox(node, {
            host: inboxHost,
            port: inboxPort,
            clock,
            log,
            // Fresh on arrival: the dashboard shows an applied package's figures at once.
            afterApplied: consolidateOnArrival(node),
          }),
        );
  if (inbox) {
    session.setInboxAddress(`${inbox.url}${INBOX_PATH}`);
    ctx.out(
      ctx.t(
        `Boîte de réception HTTP de ${node.identity.code} à l'écoute sur ${inbox.url}${INBOX_PATH}.`,
        `HTTP inbox of ${node.identity.code} listening on ${inbox.url}${INBOX_PATH}.`,
      ),
    );
  }
  const reconciler = await startReconciler(dir, {
    schedule: optionalString(ctx, 'schedule') ?? DEFAULT_SCHEDULE,
    now: clock,
    clock: () => performance.now(),
    boundaries: optionalString(ctx, 'boundaries'),
    log,
    onPass: (reason, result) =>
      ctx.out(
        ctx.t(
          `Passage (${reason === 'start-up' ? 'démarrage' : 'planifié'}) : ${passOutcomeLabel(result.outcome)}.`,
          `Pass (${reason}): ${result.outcome}.`,
        ),
      ),
    onError: (_reason, error) =>
      ctx.err(`${ctx.t('Passage interrompu', 'Pass interrupted')} : ${(error as Error).message}`),
  });
  const next = reconciler.nextRuns(1)[0];
  ctx.out(
    ctx.t(`Prochain passage : ${next?.toISOString() ?? '—'}.`, `Next pass: ${next?.toISOString() ?? '—'}.`),
  );
  await session.stopped;
  await reconciler.stop();
  await inbox?.close();
  await web.close();
  ctx.out(ctx.t('Pages arrêtées.', 'Pages stopped.'));
  return 0;
}

function tlsOption(ctx: CommandContext): { cert: Buffer; key: Buffer } | undefined {
  const cert = optionalString(ctx, 'cert');
  const key = optionalString(ctx, 'key');
  if (!cert && !key) return undefined;
  if (!cert || !key) {
    throw new UsageError(
      ctx.t(
        '--cert et --key vont ensemble (certificat et clé PEM).',
        '--cert and --key go together (PEM files).',
      ),
    );
  }
  const read = (file: string) => {
    try {
      return readFileSync(file);
    } catch (cause) {
      throw new OiseError(
        'FILE_UNREADABLE',
        `impossible de lire « ${file} » (${(cause as NodeJS.ErrnoException).code ?? 'erreur'}) : vérifiez le chemin du certificat et de sa clé.`,
        { file },
        { cause },
      );
    }
  };
  return { cert: read(cert), key: read(key) };
}

/** Starts a listener; a port taken or forbidden becomes a French error naming it. */
async function listening<T>(host: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new OiseError(
        'UI_LISTEN',
        `impossible d'écouter sur ${host}:${port} (${code}) : le port est pris ou interdit. Choisissez-en un autre.`,
      );
    }
    throw error;
  }
}
