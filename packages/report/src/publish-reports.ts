import { formatQuarter, parseQuarter } from '@oise/core';
import { type Node, getCalendar, getSetting } from '@oise/node';
import { type GeneratedReports, type ReportProgress, generateReports } from './generate-reports.js';
import { reportBoundaries } from './geo-boundaries.js';
import { parseMapIndicators } from './map-choice.js';
import {
  type RegisterDocumentsResult,
  publishedWorkbooks,
  registerReportDocuments,
} from './report-documents.js';
import { aggregatesMark, recordPublication } from './report-publication.js';

/**
 * The node setting naming the GeoJSON of the national map (`oise settings report.boundaries`):
 * used only while the node holds no stored boundaries (`oise territory boundaries import`).
 */
export const BOUNDARIES_SETTING = 'report.boundaries';
/** The node setting listing the indicators to map, comma-separated (`oise settings report.map-indicators`). */
export const MAP_INDICATORS_SETTING = 'report.map-indicators';

export interface PublishReportsOptions {
  quarter: string;
  now: string;
  /** Where the files go (default: the node's `reports/`). */
  outDir?: string | undefined;
  /** GeoJSON of the map, instead of the node's stored boundaries or `report.boundaries` setting. */
  boundaries?: string | undefined;
  /** At a region, also each cercle's CCC activity report (default true). */
  withCercleReports?: boolean;
  /** Told as each workbook is written (`generateReports`' `onProgress`). */
  onProgress?: (progress: ReportProgress) => void | Promise<void>;
}

export interface PublishedReports extends GeneratedReports {
  period: string;
  outDir: string;
  /**
   * At national: what changed among the `document` rows (the files travel down to every
   * region and cercle in the DOWN bundles). Absent at a cercle or a region.
   */
  documents?: RegisterDocumentsResult;
}

/**
 * The one publish sequence, for `oise report` and the pipelines alike: writes the node's
 * standard reports of a quarter with the node's settings (calendar, map boundaries unless
 * overridden). At national it then publishes them: an unchanged workbook keeps its bytes,
 * the files become `document` rows (a file no longer produced is withdrawn), and the
 * publication is recorded with the aggregates' change mark, so that a later pass publishes
 * again only when the figures change (`publicationDue`).
 */
export async function publishReports(node: Node, options: PublishReportsOptions): Promise<PublishedReports> {
  const { db, identity } = node;
  const period = formatQuarter(parseQuarter(options.quarter));
  const outDir = options.outDir ?? node.paths.reports;
  const national = identity.level === 'national';
  // Read before generating: figures consolidated meanwhile make the next pass publish again.
  const mark = national ? await aggregatesMark(db, period) : 0;
  // The stored boundaries win over the setting; the setting keeps maps until they arrive.
  const stored = options.boundaries ? undefined : await reportBoundaries(db);
  const generated = await generateReports(db, {
    level: identity.level,
    unitCode: identity.code,
    quarter: period,
    now: options.now,
    outDir,
    boundaries: stored,
    boundariesFile: stored ? undefined : (options.boundaries ?? (await getSetting(db, BOUNDARIES_SETTING))),
    mapIndicators: parseMapIndicators(await getSetting(db, MAP_INDICATORS_SETTING)),
    calendar: await getCalendar(db),
    ...(options.withCercleReports === undefined ? {} : { withCercleReports: options.withCercleReports }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(national ? { previous: await publishedWorkbooks(db, period) } : {}),
  });
  if (!national) return { ...generated, period, outDir };
  const documents = await registerReportDocuments(db, generated.files, {
    period,
    owner: identity.code,
    now: options.now,
  });
  await recordPublication(db, { period, aggregatesMark: mark });
  return { ...generated, period, outDir, documents };
}
