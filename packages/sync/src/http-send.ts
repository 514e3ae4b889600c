import { readFileSync } from 'node:fs';
import { formatDateTimeFr } from '@oise/core';
import { type Node, getSetting, trustedNeighbours } from '@oise/node';
import { parseBundle } from './bundle-codec.js';
import { type WaitingBundle, moveToSent, waitingBundles } from './outbox-files.js';
import { NEWEST_SCHEMA, OISE_VERSION } from './schema-compat.js';

/** Node setting: the parent's HTTP inbox, e.g. `http://csr-segou:8080`. */
export const PARENT_URL_SETTING = 'transport.parent-url';
/** Node setting prefix: one child's HTTP inbox (`transport.child-url.ML0401`), for DOWN bundles. */
export const CHILD_URL_SETTING_PREFIX = 'transport.child-url.';

/** The path an HTTP inbox answers on (`oise serve`). */
export const INBOX_PATH = '/paquets';

export interface SendOptions {
  now: string;
  /** Base address per recipient code; default: the node's `transport.*` settings. */
  urls?: Readonly<Record<string, string>>;
  /** The `fetch` to use (default: Node's global one). */
  fetch?: typeof fetch;
  /** Time allowed for one upload and its answer (default 10 minutes). */
  timeoutMs?: number;
  /** Called after each bundle tried: `done` of `total` (the bundles with an address), and its result. */
  onProgress?: (progress: { done: number; total: number; result: SentBundle }) => void;
}

/**
 * What happened to one waiting bundle:
 * - `applied` / `duplicate`: the recipient applied it (or already had it);
 * - `queued`: received, to be applied at the recipient's next pass;
 * - `refused`: the recipient checked it and refused it (the French reason says why): kept in
 *   `envoyes/` with a `.motif.txt`, never sent again;
 * - `failed`: not delivered (network, server error, wrong address): stays in the outbox for
 *   the next pass or a courier.
 */
export interface SentBundle {
  recipient: string;
  file: string;
  sequence: number | null;
  url: string;
  outcome: 'applied' | 'duplicate' | 'queued' | 'refused' | 'failed';
  httpStatus: number | null;
  reason: string | null;
  /** Where the file went (`outbox/<code>/envoyes/…`), null when it stayed. */
  movedTo: string | null;
}

/** Each outcome in French, as `oise send` and the pages say it. */
export const SEND_OUTCOME_LABELS: Readonly<Record<SentBundle['outcome'], string>> = {
  applied: 'appliqué',
  duplicate: 'déjà reçu',
  queued: 'reçu, appliqué au prochain passage',
  refused: 'refusé par le destinataire',
  failed: 'non envoyé',
};

export interface SendResult {
  results: SentBundle[];
  /** Recipients with bundles waiting and no address configured (a courier carries them). */
  withoutAddress: { recipient: string; files: number }[];
}

/** One enrolled neighbour's HTTP address, as set (or not) at this node. */
export interface NeighbourAddress {
  code: string;
  relation: 'parent' | 'child';
  /** The setting that holds it (`transport.parent-url`, `transport.child-url.ML0401`). */
  setting: string;
  /** The address as set, null when none is. */
  url: string | null;
  /** French: why the address set cannot be used (unreadable, not http, blocked port), else null. */
  problem: string | null;
}

/**
 * Every enrolled neighbour with the setting that holds its HTTP address and the address itself
 * (null: its packages wait for a courier), in code order.
 */
export async function neighbourAddresses(node: Node): Promise<NeighbourAddress[]> {
  const out: NeighbourAddress[] = [];
  for (const neighbour of await trustedNeighbours(node)) {
    const setting =
      neighbour.relation === 'parent'
        ? PARENT_URL_SETTING
        : `${CHILD_URL_SETTING_PREFIX}${neighbour.node_code}`;
    const url = (await getSetting(node.db, setting))?.trim() || null;
    const checked = url ? inboxUrl(url) : null;
    out.push({
      code: neighbour.node_code,
      relation: neighbour.relation,
      setting,
      url,
      problem: typeof checked === 'string' ? checked : null,
    });
  }
  return out;
}

/**
 * The HTTP addresses configured at this node, by recipient code: the enrolled parent's from
 * `transport.parent-url`, each enrolled child's from `transport.child-url.<code>`.
 */
export async function transportUrls(node: Node): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  for (const a of await neighbourAddresses(node)) if (a.url) urls[a.code] = a.url;
  return urls;
}

/** The upload address for a configured base address, or a French reason when it is not usable. */
export function inboxUrl(base: string): URL | string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return `adresse « ${base} » illisible : écrivez-la comme http://machine:8080 (oise settings).`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `adresse « ${base} » : seuls http:// et https:// sont possibles.`;
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (isFetchBlockedPort(port)) {
    return `adresse « ${base} » : le port ${port} est de ceux que les envois HTTP refusent (comme les navigateurs) ; choisissez-en un autre, par exemple 8080, ici et dans « oise serve --port ».`;
  }
  if (!url.pathname.endsWith(INBOX_PATH)) {
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${INBOX_PATH}`;
  }
  return url;
}

/**
 * The ports `fetch` refuses to reach (the Fetch standard's "bad ports", the same in Node 20, 22
 * and 24): an address on one of them would fail every time with an English « bad port ».
 */
const FETCH_BLOCKED_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** True for a port no HTTP sender can reach (`oise serve` refuses to listen there). */
export function isFetchBlockedPort(port: number): boolean {
  return FETCH_BLOCKED_PORTS.has(port);
}

/** A network failure in French, its system code kept for whoever looks further. */
function networkReason(code: string): string {
  const french: Record<string, string> = {
    ECONNREFUSED: 'connexion refusée (oise serve arrêté ?)',
    ECONNRESET: 'connexion coupée',
    ENOTFOUND: 'nom de machine inconnu',
    EAI_AGAIN: 'nom de machine introuvable pour le moment',
    EHOSTUNREACH: 'machine injoignable',
    ENETUNREACH: 'réseau injoignable',
    ETIMEDOUT: 'pas de réponse à temps',
    UND_ERR_CONNECT_TIMEOUT: 'pas de réponse à temps',
    TimeoutError: 'pas de réponse à temps',
    'bad port': 'port refusé par les envois HTTP',
  };
  return french[code] ? `${french[code]} : ${code}` : code;
}

/**
 * Sends every bundle waiting in `outbox/<recipient>/` for which an address is configured, by
 * HTTP POST, oldest sequence first. Delivered (200, 202) or refused (422, 413) files move to
 * `outbox/<recipient>/envoyes/`; on a network error, a server error or any other answer the
 * file stays, and so do the later ones for that recipient: nothing is lost, the next pass or a
 * courier with a USB key takes them. Never throws for a failed upload.
 */
export async function sendOutbox(node: Node, options: SendOptions): Promise<SendResult> {
  const urls = options.urls ?? (await transportUrls(node));
  const doFetch = options.fetch ?? fetch;
  const byRecipient = new Map<string, WaitingBundle[]>();
  for (const bundle of waitingBundles(node.paths)) {
    const list = byRecipient.get(bundle.recipient) ?? [];
    list.push(bundle);
    byRecipient.set(bundle.recipient, list);
  }
  const results: SentBundle[] = [];
  const withoutAddress: SendResult['withoutAddress'] = [];
  const total = [...byRecipient].reduce((n, [code, list]) => n + (urls[code] ? list.length : 0), 0);
  for (const [recipient, bundles] of byRecipient) {
    const base = urls[recipient];
    if (!base) {
      withoutAddress.push({ recipient, files: bundles.length });
      continue;
    }
    const url = inboxUrl(base);
    for (const bundle of bundles) {
      const result =
        typeof url === 'string'
          ? failed(bundle, base, null, url)
          : await postOne(node, bundle, url, doFetch, options);
      results.push(result);
      options.onProgress?.({ done: results.length, total, result });
      // Later bundles would meet the same trouble; they wait for the next pass, in order.
      if (result.outcome === 'failed') break;
    }
  }
  return { results, withoutAddress };
}

async function postOne(
  node: Node,
  bundle: WaitingBundle,
  url: URL,
  doFetch: typeof fetch,
  options: SendOptions,
): Promise<SentBundle> {
  let response: Response;
  let answer: { status?: unknown; reason?: unknown; code?: unknown } = {};
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/gzip', 'x-oise-fichier': bundle.name },
      body: readFileSync(bundle.path),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10 * 60_000),
    });
    const text = await response.text();
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      answer = { reason: text.slice(0, 200) };
    }
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = networkReason(
      cause?.code ?? cause?.message ?? (error as Error).name ?? (error as Error).message,
    );
    return failed(
      bundle,
      url.href,
      null,
      `${url.host} injoignable (${detail}) : le paquet reste dans l'outbox.`,
    );
  }
  const reason = typeof answer.reason === 'string' ? answer.reason : null;
  const status = response.status;
  if (status === 200 || status === 202) {
    const outcome =
      status === 202 ? 'queued' : answer.status === 'duplicate' ? 'duplicate' : ('applied' as const);
    return sent(bundle, url.href, outcome, status, reason, moveToSent(bundle, node.paths));
  }
  if (status === 422 || status === 413) {
    const given = reason ?? `refusé (HTTP ${status}).`;
    const why = answer.code === 'BUNDLE_SCHEMA' ? tooNewFor(bundle, given) : given;
    const motif = [
      `Paquet refusé par ${bundle.recipient} : ${bundle.name}`,
      `Date : ${formatDateTimeFr(options.now)}`,
      `Adresse : ${url.href}`,
      `Réponse : HTTP ${status}`,
      `Motif : ${why}`,
      '',
      "Le destinataire n'a rien enregistré de ce paquet ; il ne sera pas renvoyé tel quel.",
      '',
    ].join('\n');
    return sent(bundle, url.href, 'refused', status, why, moveToSent(bundle, node.paths, motif));
  }
  return failed(
    bundle,
    url.href,
    status,
    `${url.host} a répondu HTTP ${status}${reason ? ` (${reason})` : ''} : le paquet reste dans l'outbox.`,
  );
}

/**
 * The sender's side of a refusal for a schema the recipient does not know yet (SPEC [V9]): which
 * schema the bundle needs and which version this node runs, read from the bundle itself.
 */
function tooNewFor(bundle: WaitingBundle, given: string): string {
  let needed: string | null = null;
  try {
    needed = parseBundle(readFileSync(bundle.path)).manifest.schemaVersion;
  } catch {
    needed = null;
  }
  return [
    `${bundle.recipient} ne lit pas encore ce paquet`,
    needed ? ` : il demande le schéma « ${needed} », que sa version d'OISE ne connaît pas` : '',
    `. Mettez OISE à jour chez ${bundle.recipient} (ce poste a OISE ${OISE_VERSION}, schéma « ${NEWEST_SCHEMA} ») ; ses lignes repartiront au prochain paquet. Motif donné par ${bundle.recipient} : ${given}`,
  ].join('');
}

/** Not delivered: the file stays in the outbox. */
function failed(bundle: WaitingBundle, url: string, httpStatus: number | null, reason: string): SentBundle {
  return sent(bundle, url, 'failed', httpStatus, reason, null);
}

function sent(
  bundle: WaitingBundle,
  url: string,
  outcome: SentBundle['outcome'],
  httpStatus: number | null,
  reason: string | null,
  movedTo: string | null,
): SentBundle {
  return {
    recipient: bundle.recipient,
    file: bundle.name,
    sequence: bundle.sequence,
    url,
    outcome,
    httpStatus,
    reason,
    movedTo,
  };
}
