import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from '@oise/node';
import { documentPath } from '@oise/sync';
import {
  REPORTS_DIR,
  type ReportDefinition,
  STANDARD_REPORTS,
  readReportDefinition,
} from './report-definition.js';

/**
 * Where a report file of the node comes from: `received` (a document published by national that
 * came down in a bundle), `published` (a document this node published: national), `generated`
 * (written here by `oise report` or a pass, and not published as a document).
 */
export type ReportFileOrigin = 'received' | 'published' | 'generated';

/** A report file the node can hand out, with the key a page downloads it by. */
export interface ReportFileEntry {
  /** The download key: the document's id, or `fichier:<name>` for a file generated here. */
  id: string;
  origin: ReportFileOrigin;
  /** The quarter (`2025Q1`); undefined for a generated file whose name holds none. */
  period: string | undefined;
  /** The unit the report is about (documents only). */
  unitCode: string | undefined;
  /** The node that published it (documents only). */
  owner: string | undefined;
  /** French: the document's title, or what kind of file it is. */
  title: string;
  /** For a committee's synthesis, the committee it is for (`CLO`, `CRO`, `CNO`). */
  committee?: string;
  fileName: string;
  kind: 'report-workbook' | 'report-chart' | 'report-map' | 'report-print';
  mediaType: string;
  size: number;
  /** The document's last revision, or the file's modification time (ISO). */
  updatedAt: string;
}

/** A report file read back for a download: its entry and its bytes, as listed and hash-checked. */
export interface OpenedReportFile {
  entry: ReportFileEntry;
  content: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The files of the reports folder handed out, by extension. */
const GENERATED_KINDS: Record<string, { kind: ReportFileEntry['kind']; mediaType: string; title: string }> = {
  xlsx: { kind: 'report-workbook', mediaType: XLSX, title: 'classeur' },
  png: { kind: 'report-chart', mediaType: 'image/png', title: 'graphique ou carte' },
  pdf: { kind: 'report-print', mediaType: 'application/pdf', title: 'version à imprimer' },
  html: { kind: 'report-print', mediaType: 'text/html; charset=utf-8', title: 'version à imprimer' },
};

/** The standard reports by file stem (`synthese-regionale` → « Synthèse régionale »). */
let standardReports: ReportDefinition[] | undefined;
function reportOf(fileName: string): ReportDefinition | undefined {
  standardReports ??= Object.values(STANDARD_REPORTS)
    .flat()
    .map((file) => readReportDefinition(join(REPORTS_DIR, file)));
  return standardReports.find((d) => fileName.startsWith(`${d.fileStem}-`));
}

/** The committee a report file is for, when it is a committee's synthesis. */
function committeeOf(fileName: string): { committee?: string } {
  const code = reportOf(fileName)?.committee?.code;
  return code ? { committee: code } : {};
}

const GENERATED_PREFIX = 'fichier:';

/**
 * Every report file the node can hand out: the documents it holds (received from national, or
 * published here), then the files written in its `reports/` folder that no document stands for
 * (xlsx, png, pdf, html; hidden and temporary files left out). Newest quarter first; in a quarter, published, received, then generated, workbooks first.
 * Nothing else of the folder, nor anything outside it, is ever listed.
 */
export async function listReportFiles(node: Node): Promise<ReportFileEntry[]> {
  const docs = await node.db
    .selectFrom('document')
    .select([
      'id',
      'period',
      'org_unit_code',
      'owner',
      'kind',
      'title',
      'file_name',
      'media_type',
      'size',
      'updated_at',
    ])
    .where('deleted', '=', 0)
    .execute();
  const entries: ReportFileEntry[] = docs.map((d) => ({
    id: d.id,
    origin: d.owner === node.identity.code ? 'published' : 'received',
    period: d.period,
    unitCode: d.org_unit_code,
    owner: d.owner,
    title: d.title,
    ...committeeOf(d.file_name),
    fileName: d.file_name,
    kind: isKind(d.kind) ? d.kind : 'report-workbook',
    mediaType: d.media_type,
    size: d.size,
    updatedAt: d.updated_at,
  }));
  const published = new Set(entries.filter((e) => e.origin === 'published').map((e) => e.fileName));
  for (const file of generatedFiles(node)) if (!published.has(file.fileName)) entries.push(file);
  return entries.sort(
    (a, b) =>
      (b.period ?? '').localeCompare(a.period ?? '') ||
      ORIGIN_ORDER[a.origin] - ORIGIN_ORDER[b.origin] ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.fileName.localeCompare(b.fileName),
  );
}

const ORIGIN_ORDER: Record<ReportFileOrigin, number> = { published: 0, received: 1, generated: 2 };
/** Workbooks first: the report itself, then its printable copy and its images. */
const KIND_ORDER: Record<ReportFileEntry['kind'], number> = {
  'report-workbook': 0,
  'report-print': 1,
  'report-chart': 2,
  'report-map': 3,
};

/**
 * One report file by its listed key (`listReportFiles`), or undefined when no listed file has
 * that key or its bytes do not match: never a path from outside. A document is read from its
 * file when the file's SHA-256 is the document's, else from the stored version (hash checked
 * too); a generated file as it is in `reports/`.
 */
export async function openReportFile(node: Node, id: string): Promise<OpenedReportFile | undefined> {
  if (id.startsWith(GENERATED_PREFIX)) {
    const entry = generatedFiles(node).find((f) => f.id === id);
    if (!entry) return undefined;
    try {
      return { entry, content: readFileSync(join(node.paths.reports, entry.fileName)) };
    } catch {
      return undefined;
    }
  }
  const entry = (await listReportFiles(node)).find((e) => e.id === id);
  if (!entry) return undefined;
  const doc = await node.db
    .selectFrom('document')
    .select(['owner', 'period', 'file_name', 'sha256', 'content'])
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (!doc) return undefined;
  const onDisk =
    entry.origin === 'received' ? documentPath(node, doc) : join(node.paths.reports, doc.file_name);
  if (existsSync(onDisk)) {
    const content = readFileSync(onDisk);
    if (sha256(content) === doc.sha256) return { entry, content };
  }
  const stored = Buffer.from(doc.content);
  return sha256(stored) === doc.sha256 ? { entry, content: stored } : undefined;
}

/** The xlsx, png, pdf and html files at the top of the node's reports folder. */
function generatedFiles(node: Node): ReportFileEntry[] {
  const dir = node.paths.reports;
  if (!existsSync(dir)) return [];
  const out: ReportFileEntry[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isFile() || d.name.startsWith('.')) continue;
    const kind = GENERATED_KINDS[/\.([a-z]+)$/i.exec(d.name)?.[1]?.toLowerCase() ?? ''];
    if (!kind) continue;
    const stat = statSync(join(dir, d.name));
    out.push({
      id: `${GENERATED_PREFIX}${d.name}`,
      origin: 'generated',
      period: /(\d{4}Q[1-4])/.exec(d.name)?.[1],
      unitCode: undefined,
      owner: undefined,
      title: titleOf(d.name, kind),
      ...committeeOf(d.name),
      fileName: d.name,
      kind: kind.kind,
      mediaType: kind.mediaType,
      size: stat.size,
      updatedAt: stat.mtime.toISOString(),
    });
  }
  return out;
}

/** « Synthèse régionale » for its workbook, « Synthèse régionale : graphique ou carte » for its images. */
function titleOf(fileName: string, kind: { kind: ReportFileEntry['kind']; title: string }): string {
  const report = reportOf(fileName)?.title;
  if (!report) return kind.title.charAt(0).toUpperCase() + kind.title.slice(1);
  return kind.kind === 'report-workbook' ? report : `${report} : ${kind.title}`;
}

function isKind(kind: string): kind is ReportFileEntry['kind'] {
  return (
    kind === 'report-workbook' || kind === 'report-chart' || kind === 'report-map' || kind === 'report-print'
  );
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
