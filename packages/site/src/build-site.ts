import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type BoundaryFeature, type BoundaryLevel, storedBoundaries } from '@oise/catalog';
import { OiseError } from '@oise/core';
import { type Dhis2Mapping, idSchemes, loadMapping } from '@oise/interop';
import { type Node, getSetting } from '@oise/node';
import { publicFigures } from '@oise/report';
import { domainPage, domainsIndexPage, siteDomains } from './domain-page.js';
import { buildDownloads, downloadsPage } from './downloads.js';
import { searchIndexScript, searchPage, searchScript } from './search-page.js';
import { makeContext, unitPath } from './site-context.js';
import { SITE_CSS } from './site-css.js';
import { unitPage } from './unit-page.js';

/** The node setting naming the DHIS2 mapping file of the site's downloads. */
export const SITE_DHIS2_MAPPING_SETTING = 'site.dhis2-mapping';

/** The node setting naming the folder `oise run` rebuilds the site into at national (default: the node's `site/`). */
export const SITE_DIR_SETTING = 'site.dossier';

/**
 * Where the node's own public site goes — `oise run`'s rebuild at national and the pages'
 * « Publier les rapports »: the `site.dossier` setting, or the node's `site/`.
 */
export async function nodeSiteDir(node: Node): Promise<string> {
  return (await getSetting(node.db, SITE_DIR_SETTING)) ?? join(node.paths.root, 'site');
}

/** The file that marks a folder as a site written here: only such a folder is ever replaced. */
export const SITE_MARKER = '.oise-site';

export interface SiteProgress {
  done: number;
  total: number;
  step: string;
}

export interface BuildSiteOptions {
  /** The site's folder: replaced whole once the new site is written. */
  outDir: string;
  /** The latest quarter shown (`2025T1`); later ones are left out. Default: the latest public one. */
  quarter?: string | undefined;
  /** The DHIS2 mapping file of the downloads (default: the `site.dhis2-mapping` setting; none: no DHIS2 file). */
  dhis2Mapping?: string | undefined;
  /** ISO instant of the build, said in the footer (Bamako time). */
  now: string;
  onProgress?: (progress: SiteProgress) => void | Promise<void>;
}

export interface BuiltSite {
  outDir: string;
  /** Public quarters, oldest first; the pages show the last. */
  quarters: string[];
  latest: string;
  /** HTML pages written. */
  pages: number;
  /** Every file written (pages, style, scripts, downloads). */
  files: number;
  bytes: number;
  /** Whether the downloads hold DHIS2 value sets. */
  dhis2: boolean;
  /** French warnings (a quarter changed since its publication). */
  warnings: string[];
}

/**
 * Writes the node's public static site (national: the whole country down to the communes; a
 * region: its region, from its validated cercles and what national sent down): the home page,
 * a page per region, cercle and commune with public figures, a page per domain, the search,
 * the downloads. Only what report's `publicFigures` says is public. The site is written into
 * a temporary folder beside `outDir`, then swapped in: a failure leaves the previous site whole.
 * Every link is relative and every asset local: it works from a web host or from `file://`.
 */
export async function buildSite(node: Node, options: BuildSiteOptions): Promise<BuiltSite> {
  const outDir = resolve(options.outDir);
  checkOutDir(node, outDir);
  recoverLeftovers(outDir);
  const pub = await publicFigures(node, options.quarter ? { quarter: options.quarter } : {});
  const mappingPath = options.dhis2Mapping ?? (await getSetting(node.db, SITE_DHIS2_MAPPING_SETTING));
  const mapping: Dhis2Mapping | undefined = mappingPath
    ? await loadMapping(node.db, mappingPath, idSchemes())
    : undefined;
  const boundaries = new Map<BoundaryLevel, Map<string, BoundaryFeature>>();
  for (const level of ['region', 'cercle', 'commune'] as const) {
    if (!pub.units.some((u) => u.level === level)) continue;
    const features = await storedBoundaries(node.db, level, pub.top.code);
    boundaries.set(level, new Map(features.map((f) => [f.code, f])));
  }
  const ctx = makeContext(pub, boundaries, options.now);
  const domains = siteDomains(ctx);
  const total = pub.units.length + domains.length + 3;
  let done = 0;
  const step = async (label: string) => {
    done++;
    if (options.onProgress && (done % 25 === 0 || done === total))
      await options.onProgress({ done, total, step: label });
  };
  // Each file goes to disk as it is made (a country's downloads are hundreds of megabytes).
  const writer = new SiteWriter(outDir);
  try {
    for (const unit of pub.units) {
      writer.put(unitPath(ctx, unit.code), unitPage(ctx, unit));
      await step(`page de ${unit.name}`);
    }
    writer.put('domaines/index.html', domainsIndexPage(ctx, domains));
    for (const domain of domains) {
      writer.put(`domaines/${domain.code}.html`, domainPage(ctx, domain));
      await step(`domaine ${domain.label}`);
    }
    writer.put('recherche.html', searchPage(ctx));
    writer.put('recherche-index.js', searchIndexScript(ctx));
    writer.put('recherche.js', searchScript());
    await step('recherche');
    const downloads = await buildDownloads(node, ctx, mapping, (f) =>
      writer.put(`telechargements/${f.path}`, f.content),
    );
    await step('téléchargements');
    writer.put(
      'telechargements.html',
      downloadsPage(
        ctx,
        downloads,
        mapping
          ? undefined
          : "Pas de jeu de valeurs DHIS2 : aucun fichier de correspondances n'est réglé pour ce site (oise site --dhis2-mapping FICHIER, ou oise settings site.dhis2-mapping FICHIER).",
      ),
    );
    writer.put('site.css', SITE_CSS);
    writer.put(SITE_MARKER, `${pub.top.code} ${options.now}\n`);
    writer.commit();
  } finally {
    writer.discard();
  }
  await step('site écrit');
  return {
    outDir,
    quarters: pub.quarters,
    latest: ctx.latest,
    pages: writer.pages,
    files: writer.files - 1,
    bytes: writer.bytes,
    dhis2: mapping !== undefined,
    warnings: pub.warnings,
  };
}

/** Refuses a folder that is the node's own, or holds anything but a site written here. */
function checkOutDir(node: Node, outDir: string): void {
  const nodeDir = resolve(node.paths.root);
  const inside = outDir === nodeDir || nodeDir.startsWith(`${outDir}/`);
  const foreign =
    existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(join(outDir, SITE_MARKER));
  if (inside || foreign)
    throw new OiseError(
      'SITE_OUT_INVALID',
      inside
        ? `Le dossier du site ${outDir} est celui du nœud ou le contient : choisissez un dossier à part (par exemple ${join(nodeDir, 'site')}).`
        : `Le dossier ${outDir} n'est pas vide et ne contient pas un site écrit par « oise site » : rien n'y est remplacé. Choisissez un dossier vide ou nouveau.`,
      { file: outDir },
    );
}

/**
 * What a build killed midway left beside `outDir` (its process gone): the previous site moved
 * aside is put back when `outDir` is missing, a half-written new one is removed. A build still
 * running (its process alive) is left alone.
 */
function recoverLeftovers(outDir: string): void {
  const parent = dirname(outDir);
  const base = basename(outDir);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(`.${base}.`)) continue;
    const m = /^(nouveau|ancien)-(\d+)-[0-9a-f]+$/.exec(name.slice(base.length + 2));
    if (!m || processAlive(Number(m[2]))) continue;
    const path = join(parent, name);
    if (m[1] === 'ancien' && !existsSync(outDir)) renameSync(path, outDir);
    else rmSync(path, { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A site written into a temporary folder beside `outDir`, then swapped in by `commit` (the
 * previous site moved aside, then removed). `discard` removes what is left of the temporary
 * folder: after a failure the previous site stays as it was.
 */
class SiteWriter {
  pages = 0;
  files = 0;
  bytes = 0;
  private readonly temp: string;
  private readonly old: string;

  constructor(private readonly outDir: string) {
    const parent = dirname(outDir);
    mkdirSync(parent, { recursive: true });
    const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.temp = join(parent, `.${basename(outDir)}.nouveau-${tag}`);
    this.old = join(parent, `.${basename(outDir)}.ancien-${tag}`);
    mkdirSync(this.temp);
  }

  put(path: string, content: string | Buffer): void {
    const target = join(this.temp, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    this.files++;
    if (path.endsWith('.html')) this.pages++;
    this.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }

  commit(): void {
    const hadSite = existsSync(this.outDir);
    if (hadSite) renameSync(this.outDir, this.old);
    try {
      renameSync(this.temp, this.outDir);
    } catch (error) {
      if (hadSite) renameSync(this.old, this.outDir);
      throw error;
    }
    if (hadSite) rmSync(this.old, { recursive: true, force: true });
  }

  discard(): void {
    rmSync(this.temp, { recursive: true, force: true });
  }
}
