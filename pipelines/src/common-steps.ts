import { consolidateChanges } from '@oise/consolidate';
import { countFr, formatQuarterFr } from '@oise/core';
import { runDailyBackup } from '@oise/node';
import { publishReports } from '@oise/report';
import { exportBundles, ingestBundles, overQuotaWarning, rejectedQuota, sendOutbox } from '@oise/sync';
import type { PassContext } from './pass-context.js';
import type { Step } from './pipeline-run.js';

/**
 * Applies every bundle waiting in the inbox (verified, all or nothing per bundle), and names
 * the inbox's other files with the reason they were left, as `oise ingest` does. Files left
 * alone do not make the pass "done": they are named again each time until someone moves them.
 */
export const ingestStep: Step<PassContext> = {
  name: 'ingest',
  label: 'Réception des paquets',
  async run(ctx, progress) {
    const results = await ingestBundles(ctx.node, {
      now: ctx.now,
      onProgress: ({ done, total }) => progress(done, total),
    });
    for (const r of results)
      if (r.status === 'applied' && r.changed > 0) for (const q of r.quarters) ctx.changedQuarters.add(q);
    const rejected = results.filter((r) => r.status === 'rejected');
    const ignored = results.filter((r) => r.status === 'ignored');
    const counts = {
      appliqués: results.filter((r) => r.status === 'applied').length,
      doublons: results.filter((r) => r.status === 'duplicate').length,
      refusés: rejected.length,
      lignes: results.reduce((n, r) => n + r.changed, 0),
    };
    const details = [...rejected, ...ignored].map((r) => `${r.file} : ${r.reason}`);
    // Over the quota of inbox/rejected/ because of files dropped by hand: said at every pass.
    const over = overQuotaWarning(await rejectedQuota(ctx.node));
    if (over) details.unshift(over);
    return {
      counts: { ...counts, ignorés: ignored.length },
      changed: Object.values(counts).some((n) => n > 0),
      ...(details.length ? { detail: details.join(' ; ') } : {}),
    };
  },
};

/** Recomputes the aggregates that the new rows touch (incremental consolidation). */
export const consolidateStep: Step<PassContext> = {
  name: 'consolidate',
  label: 'Consolidation',
  async run(ctx) {
    const result = await consolidateChanges(ctx.node.db, { nodeCode: ctx.node.identity.code, now: ctx.now });
    if (result.inserted + result.updated + result.cleared > 0)
      for (const p of result.periods) ctx.touched.add(p);
    return {
      counts: { 'agrégats écrits': result.inserted + result.updated + result.cleared },
      ...(result.periods.length
        ? { detail: `périodes ${result.periods.map(formatQuarterFr).join(', ')}` }
        : {}),
    };
  },
};

/** Writes the next bundle for each neighbour that has something to receive. */
export const exportStep: Step<PassContext> = {
  name: 'export',
  label: 'Envoi des paquets',
  async run(ctx) {
    const result = await exportBundles(ctx.node, { now: ctx.now });
    return {
      counts: {
        paquets: result.written.length,
        lignes: result.written.reduce((n, b) => n + b.rowCount, 0),
      },
      ...(result.written.length
        ? {
            detail: result.written
              .map((b) => `${b.direction === 'up' ? '↑' : '↓'} ${b.recipient}`)
              .join(', '),
          }
        : {}),
    };
  },
};

/**
 * Sends by HTTP what waits in the outbox to each neighbour whose address is configured
 * (`transport.parent-url`, `transport.child-url.<code>`). Without an address it does nothing:
 * the files wait for a courier. An unreachable neighbour is not a failure of the pass: the
 * files stay for the next one (and only delivered or refused files make the step count).
 */
export const sendStep: Step<PassContext> = {
  name: 'send',
  label: 'Envoi par HTTP',
  async run(ctx) {
    const { results } = await sendOutbox(ctx.node, { now: ctx.now });
    const delivered = results.filter((r) => r.outcome !== 'refused' && r.outcome !== 'failed');
    const refused = results.filter((r) => r.outcome === 'refused');
    const failed = results.filter((r) => r.outcome === 'failed');
    const details = [
      ...(delivered.length
        ? [
            `${countFr(delivered.length, 'envoyé')} à ${[...new Set(delivered.map((r) => r.recipient))].join(', ')}`,
          ]
        : []),
      ...refused.map((r) => `${r.file} refusé par ${r.recipient} : ${r.reason}`),
      ...failed.map((r) => `${r.recipient} : ${r.reason}`),
    ];
    return {
      counts: { envoyés: delivered.length, refusés: refused.length, 'non envoyés': failed.length },
      changed: delivered.length + refused.length > 0,
      ...(details.length ? { detail: details.join(' ; ') } : {}),
    };
  },
};

/**
 * The day's backup of the node (@oise/node's `runDailyBackup`: at most one a day, the newest
 * `backup.keep` kept, in `backup.dir`). Last, so it holds what the pass did. A backup changes
 * nothing in the node, so it never makes a pass "done" by itself (`changed: false`).
 */
export const backupStep: Step<PassContext> = {
  name: 'backup',
  label: 'Sauvegarde du jour',
  async run(ctx) {
    const result = await runDailyBackup(ctx.node, { now: ctx.now });
    const detail = result.written
      ? `${result.written.file}${result.removed.length ? ` ; ${result.removed.length} ancienne(s) retirée(s)` : ''}`
      : result.skipped === 'off'
        ? 'désactivée (backup.keep = 0)'
        : undefined;
    return {
      changed: false,
      counts: { sauvegardes: result.written ? 1 : 0, retirées: result.removed.length },
      ...(detail ? { detail } : {}),
    };
  },
};

/**
 * A step writing the node's reports of each quarter `quartersOf` picks, with the same
 * `publishReports` as `oise report` (a region's synthesis and CRO synthesis; a cercle's CCC
 * report and CLO synthesis).
 */
export function reportStep(
  label: string,
  quartersOf: (ctx: PassContext) => string[],
  options: { withCercleReports?: boolean } = {},
): Step<PassContext> {
  return {
    name: 'report',
    label,
    async run(ctx) {
      const quarters = quartersOf(ctx);
      let files = 0;
      for (const period of quarters) {
        const result = await publishReports(ctx.node, {
          quarter: period,
          now: ctx.now,
          boundaries: ctx.boundaries,
          ...options,
        });
        files += result.files.length;
      }
      return {
        counts: { fichiers: files },
        ...(quarters.length ? { detail: quarters.map(formatQuarterFr).join(', ') } : {}),
      };
    },
  };
}
