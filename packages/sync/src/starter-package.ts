import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadHierarchy } from '@oise/catalog';
import { OiseError, writeFileAtomic } from '@oise/core';
import {
  type Node,
  type PublicIdentity,
  checkPublicIdentity,
  enrollIdentity,
  fingerprintOf,
  neighbourKey,
  publicIdentityOf,
  signWithKeyFile,
  verifySignature,
} from '@oise/node';
import { BUNDLE_SCHEMA_VERSION, DEFAULT_LIMITS } from './bundle-format.js';
import { exportBundles } from './export-bundles.js';
import { freeName } from './inbox-files.js';
import { type IngestFileResult, ingestBundles } from './ingest-bundles.js';

/**
 * The starter package (« paquet de démarrage »): what a parent hands a newly enrolled child so
 * that one command sets the child up — the parent's public identity (to trust), and the first
 * DOWN bundles (territory, catalog, and whatever else the child should have), signed.
 *
 * One NDJSON file (not gzipped: the bundles inside already are):
 *   1. header: `{format, formatVersion, schemaVersion, parent, child, createdAt, territory,
 *      indicators, bundles}` — `parent` is the parent's `oise key export` identity, `child` the
 *      code and the fingerprint of the key the parent enrolled for it;
 *   2. … n−1. `{"bundle": "<file name>", "content": "<base64 of the .oise.gz>"}`;
 *   n. `{"signature", "algorithm": "ed25519", "keyFingerprint"}` over the bytes of lines 1 … n−1,
 *      made with the parent's private key.
 *
 * Trust: the signature only proves the file was not altered after the key inside it signed it.
 * That this key is really the parent's is what the fingerprint comparison by phone proves (both
 * commands print it). Once it is, the `child` fingerprint proves in turn that the parent
 * enrolled this node's own key, not one swapped on the way; a package naming another key is
 * refused. A child that already trusts another key for its parent refuses the package too
 * (revoke first: a parent's key never changes silently).
 */
export const STARTER_FORMAT = 'oise-demarrage';
export const STARTER_FORMAT_VERSION = 1;

/** `demarrage-ML0401.oise`: the starter package written for child `code`. */
export function starterFileName(code: string): string {
  return `demarrage-${code}.oise`;
}

export interface StarterHeader {
  format: typeof STARTER_FORMAT;
  formatVersion: number;
  schemaVersion: string;
  parent: PublicIdentity;
  child: { code: string; fingerprint: string };
  createdAt: string;
  /** Territory units carried, and the communes of the child among them. */
  territory: { units: number; communes: number };
  /** Catalog indicators carried. */
  indicators: number;
  bundles: { name: string; sha256: string; bytes: number; rows: number }[];
}

/** What `writeStarterPackage` wrote. */
export interface StarterWritten {
  file: string;
  header: StarterHeader;
}

/**
 * Writes the starter package for an enrolled direct child into `out`: a full DOWN export to the
 * child (SPEC §3), wrapped with this node's public identity and signed. The bundles stay in
 * `outbox/<child>/` as well, as any export leaves them: a child set up from its parent's key
 * file (the older way) still receives them by courier, and one carried again after the package
 * is a harmless duplicate.
 */
export async function writeStarterPackage(
  node: Node,
  options: { child: string; now: string; out: string },
): Promise<StarterWritten> {
  const key = await neighbourKey(node, options.child);
  if (!key || key.relation !== 'child' || key.revoked_at !== null)
    throw new OiseError(
      'STARTER_NOT_CHILD',
      `« ${options.child} » n'est pas un enfant enrôlé de ${node.identity.code} : enrôlez d'abord sa clé (oise enroll).`,
      { node: node.identity.code },
    );
  const exported = await exportBundles(node, { now: options.now, to: options.child, full: true });
  const bundles = exported.written.map((w) => ({
    name: basename(w.file),
    content: readFileSync(w.file),
    rows: w.rowCount,
  }));
  const hierarchy = await loadHierarchy(node.db);
  const header: StarterHeader = {
    format: STARTER_FORMAT,
    formatVersion: STARTER_FORMAT_VERSION,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    parent: publicIdentityOf(node),
    child: { code: options.child, fingerprint: key.fingerprint },
    createdAt: options.now,
    territory: {
      units: exported.written.reduce((n, w) => n + w.counts.org_unit, 0),
      communes: hierarchy.descendantsAt(options.child, 'commune').length,
    },
    indicators: exported.written.reduce((n, w) => n + w.counts.indicator, 0),
    bundles: bundles.map((b) => ({
      name: b.name,
      sha256: sha256(b.content),
      bytes: b.content.length,
      rows: b.rows,
    })),
  };
  const signed = Buffer.from(
    [header, ...bundles.map((b) => ({ bundle: b.name, content: b.content.toString('base64') }))]
      .map((line) => `${JSON.stringify(line)}\n`)
      .join(''),
    'utf8',
  );
  const signature = signWithKeyFile(node.paths.privateKey, signed).toString('base64');
  const tail = `${JSON.stringify({ signature, algorithm: 'ed25519', keyFingerprint: header.parent.fingerprint })}\n`;
  writeFileAtomic(options.out, Buffer.concat([signed, Buffer.from(tail, 'utf8')]));
  return { file: options.out, header };
}

/** True when the file starts like a starter package (its content decides, not its name). */
export function isStarterPackage(path: string): boolean {
  const head = Buffer.alloc(64);
  let read = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  return head.subarray(0, read).toString('utf8').startsWith(`{"format":"${STARTER_FORMAT}"`);
}

/** A starter package read and verified against the key it carries. */
export interface StarterPackage {
  header: StarterHeader;
  bundles: { name: string; content: Buffer }[];
}

/**
 * Reads a starter package and checks it whole: the layout, the parent's identity (as a key
 * file is checked), the signature with that key, each bundle against its announced hash.
 * Whether the key is the parent's is for the phone call to tell (see above).
 */
export function readStarterPackage(path: string): StarterPackage {
  const file = basename(path);
  const unreadable = (what: string): never => {
    throw new OiseError(
      'STARTER_INVALID',
      `${what} Demandez au parent de refaire le paquet de démarrage (oise enroll avec votre clé).`,
      { file },
    );
  };
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    unreadable('fichier introuvable ou illisible.');
  }
  if (size > DEFAULT_LIMITS.maxCompressedBytes)
    unreadable(`le fichier pèse ${size} octets : ce n'est pas un paquet de démarrage OISE normal.`);
  const bytes = readFileSync(path);
  const lines: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) unreadable('le fichier est tronqué (dernière ligne incomplète).');
    lines.push(bytes.subarray(start, end + 1));
    start = end + 1;
  }
  const parse = (line: Buffer | undefined): Record<string, unknown> => {
    try {
      const value: unknown = JSON.parse((line ?? Buffer.alloc(0)).toString('utf8'));
      if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
    } catch {}
    return unreadable("ce n'est pas un paquet de démarrage OISE lisible.");
  };
  if (lines.length < 2) unreadable("ce n'est pas un paquet de démarrage OISE complet.");
  const header = parse(lines[0]) as unknown as StarterHeader;
  if (header.format !== STARTER_FORMAT) unreadable("ce n'est pas un paquet de démarrage OISE.");
  if (header.formatVersion !== STARTER_FORMAT_VERSION)
    unreadable(
      `le paquet suit la version ${String(header.formatVersion)} du format, inconnue de ce programme : mettez OISE à jour.`,
    );
  if (
    typeof header.child?.code !== 'string' ||
    typeof header.child.fingerprint !== 'string' ||
    !Array.isArray(header.bundles) ||
    typeof header.createdAt !== 'string'
  )
    unreadable("l'en-tête du paquet de démarrage est incomplet.");
  const parent = checkPublicIdentity(header.parent, file);
  const signatureLine = parse(lines.at(-1));
  const signedBytes = bytes.subarray(0, bytes.length - (lines.at(-1) as Buffer).length);
  if (
    typeof signatureLine.signature !== 'string' ||
    !verifySignature(parent.publicKey, signedBytes, Buffer.from(signatureLine.signature, 'base64'))
  )
    throw new OiseError(
      'STARTER_BAD_SIGNATURE',
      `la signature du paquet de démarrage ne correspond pas à la clé de ${parent.code} qu'il contient : il a été modifié en chemin. N'en tenez pas compte et demandez-en un nouveau au parent.`,
      { file },
    );
  const bundles = lines.slice(1, -1).map((line, i) => {
    const entry = parse(line);
    const announced = header.bundles[i];
    const content = Buffer.from(typeof entry.content === 'string' ? entry.content : '', 'base64');
    if (
      !announced ||
      entry.bundle !== announced.name ||
      typeof announced.name !== 'string' ||
      announced.name.includes('/') ||
      announced.name.includes('\\') ||
      announced.name.startsWith('.') ||
      sha256(content) !== announced.sha256
    )
      unreadable(`le paquet n° ${i + 1} du paquet de démarrage ne correspond pas à son en-tête.`);
    return { name: announced!.name, content };
  });
  if (bundles.length !== header.bundles.length)
    unreadable("le paquet de démarrage ne contient pas tous les paquets qu'annonce son en-tête.");
  return { header: { ...header, parent }, bundles };
}

/**
 * Reads a starter package (`readStarterPackage`) and checks it is for this node: meant for it,
 * from its parent, carrying the key of this node the parent enrolled. Nothing is written
 * (`applyStarterPackage` applies it; the pages show it before asking to confirm).
 */
export function checkStarterPackage(node: Node, path: string): StarterPackage & { ownFingerprint: string } {
  const file = basename(path);
  const { header, bundles } = readStarterPackage(path);
  const me = node.identity;
  const parent = header.parent;
  if (header.child.code !== me.code)
    throw new OiseError(
      'STARTER_WRONG_NODE',
      `ce paquet de démarrage est pour le nœud ${header.child.code}, pas pour celui-ci (${me.code}) : remettez-le à son destinataire.`,
      { file },
    );
  if (parent.code !== me.parentCode)
    throw new OiseError(
      'ENROLL_NOT_NEIGHBOUR',
      `ce paquet de démarrage vient de ${parent.code}, qui n'est pas le parent de ${me.code} (${me.parentCode ?? 'aucun'}).`,
      { file },
    );
  const ownFingerprint = fingerprintOf(readFileSync(node.paths.publicKey, 'utf8'));
  if (header.child.fingerprint !== ownFingerprint)
    throw new OiseError(
      'STARTER_KEY_MISMATCH',
      `${parent.code} a enrôlé une autre clé que celle de ce nœud (${header.child.fingerprint} au lieu de ${ownFingerprint}) : le fichier de clé a été remplacé en chemin. Renvoyez votre clé (oise key export) et comparez les empreintes par téléphone.`,
      { file },
    );
  return { header, bundles, ownFingerprint };
}

/** What applying a starter package did. */
export interface StarterApplied {
  file: string;
  header: StarterHeader;
  /** The parent's key was new here (false when it was already enrolled with the same key). */
  enrolled: boolean;
  /** This node's own fingerprint (the one the parent enrolled). */
  ownFingerprint: string;
  /** One result per bundle of the package, as `oise ingest` gives them. */
  results: IngestFileResult[];
}

/**
 * Applies a starter package at the child: checks it (`readStarterPackage`), that it is meant
 * for this node and comes from its parent, that the parent enrolled this node's own key, and
 * (with `fingerprint`, as read over the phone) the parent's fingerprint; then trusts the
 * parent's key and ingests the bundles like any received bundle (SPEC §5).
 */
export async function applyStarterPackage(
  node: Node,
  path: string,
  options: { now: string; fingerprint?: string | undefined },
): Promise<StarterApplied> {
  const file = basename(path);
  const { header, bundles, ownFingerprint } = checkStarterPackage(node, path);
  const parent = header.parent;
  if (options.fingerprint !== undefined && !sameFingerprint(options.fingerprint, parent.fingerprint))
    throw new OiseError(
      'KEY_FINGERPRINT_MISMATCH',
      `l'empreinte de ${parent.code} dans le paquet (${parent.fingerprint}) n'est pas celle que vous avez donnée (${options.fingerprint}) : n'appliquez pas ce paquet, demandez-en un nouveau au parent.`,
      { file },
    );
  const known = await neighbourKey(node, parent.code);
  if (known && known.revoked_at === null && known.fingerprint !== parent.fingerprint)
    throw new OiseError(
      'STARTER_PARENT_KEY_CHANGED',
      `ce nœud fait déjà confiance à une autre clé pour ${parent.code} (${known.fingerprint}) ; le paquet porte ${parent.fingerprint}. Si ${parent.code} a vraiment changé de clé (confirmez-le par téléphone), révoquez l'ancienne (oise key revoke --code ${parent.code}) puis appliquez de nouveau ce paquet.`,
      { file },
    );
  const enrolment = await enrollIdentity(node, parent, options.now, file);
  // The bundles enter through the inbox, as a courier would have left them.
  const files = bundles.map((b) => {
    const target = freeName(node.paths.inbox, b.name);
    writeFileSync(target, b.content);
    return target;
  });
  const results = files.length ? await ingestBundles(node, { now: options.now, files }) : [];
  return { file: path, header, enrolled: enrolment.changed, ownFingerprint, results };
}

/** Fingerprints compare on their hex digits alone: « SHA256:ab12:… », « AB12 CD34 … » alike. */
export function sameFingerprint(a: string, b: string): boolean {
  const digits = (s: string) =>
    s
      .replace(/^sha256:/i, '')
      .replace(/[^0-9a-f]/gi, '')
      .toLowerCase();
  return digits(a).length > 0 && digits(a) === digits(b);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where a starter package goes by default: beside the child's key file. */
export function defaultStarterPath(keyFile: string, child: string): string {
  return join(dirname(keyFile), starterFileName(child));
}
