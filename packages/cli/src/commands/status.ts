import { NODE_LEVEL_LABELS, countFr, formatDateFr, formatDateTimeFr, formatQuarterFr } from '@oise/core';
import {
  type DailyBackupState,
  PIPELINE_OUTCOME_LABELS,
  dailyBackupState,
  getCalendar,
  getNodeStatus,
  lastPipelineRun,
  withNode,
} from '@oise/node';
import { sqliteEngine } from '@oise/store';
import {
  type BundleStatus,
  REJECTED_QUOTA_SETTING,
  getBundleStatus,
  overQuotaWarning,
  quotaUseFr,
} from '@oise/sync';
import {
  type OverdueUnit,
  type QuarterFeedback,
  type QuarterStatusInfo,
  STATUS_LABELS,
  describeFeedback,
  listQuarterFeedback,
  listQuarterStatuses,
  overdueUnits,
} from '@oise/workflow';
import { nodeDir } from '../args.js';
import { type CommandContext, defineCommand } from '../command.js';

export default defineCommand({
  path: ['status'],
  summary: { fr: "le nœud d'un coup d'œil", en: 'the node at a glance' },
  usage: 'Usage : oise status --dir DOSSIER [--json]',
  options: {},
  async run(ctx) {
    return withNode(nodeDir(ctx), async (node) => {
      const status = { ...(await getNodeStatus(node)), bundles: await getBundleStatus(node) };
      const quarters = await listQuarterStatuses(node.db);
      const missing = await overdueUnits(
        node.db,
        node.identity,
        ctx.now,
        await getCalendar(node.db),
        quarters,
      );
      const lastRun = await lastPipelineRun(node.db);
      const sqlite = sqliteEngine();
      const backups = await dailyBackupState(node);
      // At a cercle: what the region said of its quarters (decision, reason, the CSR's note).
      const feedback =
        node.identity.level === 'cercle' ? await listQuarterFeedback(node.db, node.identity.code) : [];
      if (ctx.json) {
        ctx.printJson({
          ...status,
          quarters,
          feedback,
          missing,
          lastRun: lastRun ?? null,
          backups: { ...backups.settings, latest: backups.latest ?? null },
          sqlite,
        });
        return 0;
      }
      const n = status.node;
      ctx.out(
        `${ctx.t(`Nœud ${NODE_LEVEL_LABELS[n.level]}`, `Node ${n.level}`)} ${n.code}${n.name ? ` (${n.name})` : ''}${n.parentCode ? ` — ${ctx.t('parent', 'parent')} ${n.parentCode}` : ''}`,
      );
      ctx.out(
        ctx.t(
          `Moteur SQLite : ${sqlite.driver} ${sqlite.version}`,
          `SQLite driver: ${sqlite.driver} ${sqlite.version}`,
        ),
      );
      ctx.out(
        ctx.t(
          `Territoire : ${countFr(status.territory.region, 'région')}, ${countFr(status.territory.cercle, 'cercle')}, ${countFr(status.territory.commune, 'commune')}`,
          `Territory: ${status.territory.region} regions, ${status.territory.cercle} cercles, ${status.territory.commune} communes`,
        ),
      );
      ctx.out(
        ctx.t(
          `Catalogue : ${countFr(status.indicators, 'indicateur')} ; ${countFr(status.dataValues, 'valeur saisie', 'valeurs saisies')}`,
          `Catalog: ${status.indicators} indicators; ${status.dataValues} values entered`,
        ),
      );
      if (status.periods.length)
        ctx.out(
          ctx.t(
            `Trimestres avec des données : ${status.periods.map(formatQuarterFr).join(', ')}`,
            `Quarters with data: ${status.periods.join(', ')}`,
          ),
        );
      ctx.out(
        status.neighbours.length
          ? `${ctx.t('Voisins enrôlés', 'Enrolled neighbours')} : ${status.neighbours.map((k) => `${k.code} (${k.relation === 'parent' ? ctx.t('parent', 'parent') : ctx.t('enfant', 'child')}${k.revoked ? ctx.t(', révoqué', ', revoked') : ''})`).join(', ')}`
          : ctx.t('Aucun voisin enrôlé (oise enroll).', 'No neighbour enrolled (oise enroll).'),
      );
      printBundles(ctx, status.bundles);
      printQuarters(ctx, quarters);
      if (node.identity.level === 'cercle') printFeedback(ctx, feedback);
      printMissing(ctx, missing);
      ctx.out(
        lastRun
          ? ctx.t(
              `Dernier passage : ${formatDateTimeFr(lastRun.startedAt)} — ${PIPELINE_OUTCOME_LABELS[lastRun.outcome] ?? lastRun.outcome}${lastRun.error ? ` (${lastRun.error})` : ''}`,
              `Last pass: ${lastRun.startedAt.slice(0, 16).replace('T', ' ')} — ${lastRun.outcome}${lastRun.error ? ` (${lastRun.error})` : ''}`,
            )
          : ctx.t('Aucun passage encore (oise run).', 'No pass yet (oise run).'),
      );
      printBackups(ctx, backups);
      return 0;
    });
  },
});

/** The daily backups of `oise run`: the newest one, or why there is none. */
function printBackups(ctx: CommandContext, { settings, latest }: DailyBackupState): void {
  const last = latest
    ? ctx.t(
        `Dernière sauvegarde : ${formatDateFr(latest.date)} — ${latest.path}`,
        `Last backup: ${latest.date} — ${latest.path}`,
      )
    : ctx.t(`Aucune sauvegarde quotidienne dans ${settings.dir}`, `No daily backup in ${settings.dir}`);
  if (settings.keep === 0)
    ctx.out(
      ctx.t(
        `${last} ; sauvegardes quotidiennes désactivées (backup.keep 0).`,
        `${last}; daily backups off (backup.keep 0).`,
      ),
    );
  else
    ctx.out(
      latest
        ? ctx.t(`${last} (${settings.keep} gardées au plus).`, `${last} (at most ${settings.keep} kept).`)
        : ctx.t(`${last} : oise run en fait une chaque jour.`, `${last}: oise run makes one each day.`),
    );
}

/** The `bundles` part: what arrived per neighbour, what was refused, what is missing. */
function printBundles(ctx: CommandContext, b: BundleStatus): void {
  ctx.out(
    ctx.t(
      `Paquets : ${countFr(b.counts.applied, 'appliqué')}, ${b.counts.duplicate} en double, ${countFr(b.counts.rejected, 'refusé')}, ${countFr(b.counts.written, 'écrit')}`,
      `Bundles: ${b.counts.applied} applied, ${b.counts.duplicate} duplicates, ${b.counts.rejected} refused, ${b.counts.written} written`,
    ),
  );
  if (b.unknownSender.rejected)
    ctx.out(
      ctx.t(
        `  expéditeur inconnu : ${countFr(b.unknownSender.rejected, 'refusé')} (ni signés par une clé enrôlée ni comptés chez le voisin qu'ils prétendent être ; dernier le ${b.unknownSender.lastAt ? formatDateTimeFr(b.unknownSender.lastAt) : '—'})`,
        `  unknown sender: ${b.unknownSender.rejected} refused (not signed by an enrolled key, not counted against the neighbour they claim to be)`,
      ),
    );
  const q = b.rejectedQuota;
  ctx.out(
    ctx.t(
      `Paquets refusés gardés (inbox/rejected/) : ${countFr(q.files, 'fichier')}, ${quotaUseFr(q)} (réglage ${REJECTED_QUOTA_SETTING})`,
      `Refused bundles kept (inbox/rejected/): ${q.files} files, ${q.usedBytes} of ${q.quotaBytes} bytes (setting ${REJECTED_QUOTA_SETTING})`,
    ),
  );
  const over = overQuotaWarning(q);
  if (over)
    ctx.out(
      ctx.t(
        over,
        `WARNING: refused bundles kept in inbox/rejected/ exceed the quota; files dropped by hand are never deleted: read their .motif.txt, move or delete them, or raise ${REJECTED_QUOTA_SETTING}.`,
      ),
    );
  for (const n of b.neighbours) {
    const got = n.received.lastSequence
      ? ctx.t(
          `dernier reçu n° ${n.received.lastSequence} le ${n.received.lastAppliedAt ? formatDateTimeFr(n.received.lastAppliedAt) : '—'}`,
          `last received no. ${n.received.lastSequence} on ${n.received.lastAppliedAt}`,
        )
      : ctx.t('rien reçu', 'nothing received');
    const sent = n.sent.lastSequence
      ? ctx.t(
          `dernier envoyé n° ${n.sent.lastSequence} (accusé jusqu'au n° ${n.sent.acknowledgedSequence})`,
          `last sent no. ${n.sent.lastSequence} (acknowledged up to no. ${n.sent.acknowledgedSequence})`,
        )
      : ctx.t('rien envoyé', 'nothing sent');
    ctx.out(
      `  ${n.code} : ${got} ; ${sent}${n.received.rejected ? ctx.t(` ; ${countFr(n.received.rejected, 'refusé')}`, `; ${n.received.rejected} refused`) : ''}`,
    );
  }
  if (b.missing.length)
    ctx.out(
      ctx.t(`Rien reçu de : ${b.missing.join(', ')}`, `Nothing received from: ${b.missing.join(', ')}`),
    );
  if (b.notEnrolled.length)
    ctx.out(ctx.t(`Non enrôlés : ${b.notEnrolled.join(', ')}`, `Not enrolled: ${b.notEnrolled.join(', ')}`));
  for (const r of b.rejected.slice(0, 5))
    ctx.out(
      `  ${ctx.t('Refusé', 'Refused')} ${r.file} (${[
        ctx.lang === 'en' ? r.at : formatDateTimeFr(r.at),
        ...(r.signed ? [] : [ctx.t('expéditeur inconnu', 'unknown sender')]),
        ...(r.remoteAddress ? [r.remoteAddress] : []),
      ].join(', ')}) : ${r.reason}`,
    );
  for (const o of b.outbox.filter((x) => x.waiting.length > 0))
    ctx.out(
      ctx.t(
        `En attente d'envoi vers ${o.recipient} (outbox/${o.recipient}/) : ${o.waiting.join(', ')}`,
        `Waiting to go to ${o.recipient} (outbox/${o.recipient}/): ${o.waiting.join(', ')}`,
      ),
    );
}

/** The `quarters` part: per quarter and unit, the derived status, submission number, return reason. */
function printQuarters(ctx: CommandContext, quarters: QuarterStatusInfo[]): void {
  if (quarters.length === 0) {
    ctx.out(ctx.t('Trimestres transmis : aucun.', 'Submitted quarters: none.'));
    return;
  }
  // The four latest quarters: counts by status, and by name what still needs someone's action.
  const periods = [...new Set(quarters.map((q) => q.period))].slice(0, 4);
  ctx.out(ctx.t('Trimestres transmis (les quatre derniers) :', 'Submitted quarters (latest four):'));
  for (const period of periods) {
    const rows = quarters.filter((q) => q.period === period);
    const counts = new Map<string, number>();
    for (const q of rows) counts.set(q.status, (counts.get(q.status) ?? 0) + 1);
    const label = (status: string) =>
      ctx.lang === 'en' ? status : STATUS_LABELS[status as QuarterStatusInfo['status']];
    // French agreement: « 1 validé », « 50 validés » (transmis stays as it is).
    const plural = (word: string, n: number) =>
      n > 1 && ctx.lang === 'fr' && !word.endsWith('s') ? `${word}s` : word;
    ctx.out(
      `  ${ctx.lang === 'en' ? period : formatQuarterFr(period)} : ${[...counts].map(([st, n]) => `${n} ${plural(label(st), n)}`).join(', ')}`,
    );
    for (const q of rows.filter(
      (r) => r.status === 'submitted' || r.status === 'returned' || rows.length <= 12,
    ))
      ctx.out(
        `    ${q.unit} : ${label(q.status)} (${ctx.t('transmission n°', 'submission #')} ${q.submissionNumber}${q.missingCount ? ctx.t(`, ${countFr(q.missingCount, 'saisie manquante', 'saisies manquantes')}`, `, ${q.missingCount} missing`) : ''})${q.status === 'returned' && q.returnedReason ? ` — ${ctx.t('motif', 'reason')} : ${q.returnedReason}` : ''}`,
      );
  }
}

/** At a cercle, per quarter: the region's decision (« validé », « renvoyé » and why) and the CSR's note. */
function printFeedback(ctx: CommandContext, feedback: QuarterFeedback[]): void {
  if (feedback.length === 0) {
    ctx.out(ctx.t('Décisions de la région : aucune pour le moment.', 'Decisions of the region: none yet.'));
    return;
  }
  ctx.out(ctx.t('Décisions et notes de la région :', 'Decisions and notes of the region:'));
  for (const f of feedback) {
    const { decision, note } = describeFeedback(f);
    if (decision) ctx.out(`  ${decision}`);
    if (note) ctx.out(`  ${note}`);
  }
}

/** Children past their due date with nothing received, by quarter, latest first. */
function printMissing(ctx: CommandContext, missing: OverdueUnit[]): void {
  if (missing.length === 0) return;
  ctx.out(
    ctx.t('En retard (rien reçu après la date limite) :', 'Late (nothing received after the due date):'),
  );
  const periods = [...new Set(missing.map((m) => m.period))].sort().reverse();
  for (const period of periods.slice(0, 4)) {
    const late = missing.filter((m) => m.period === period);
    ctx.out(
      `  ${ctx.t(`${formatQuarterFr(period)} (attendu le ${formatDateFr(late[0]!.due)})`, `${period} (due ${late[0]!.due})`)} : ${late.map((m) => `${m.name} (${m.unit})`).join(', ')}`,
    );
  }
  if (periods.length > 4)
    ctx.out(
      ctx.t(
        `  … et ${countFr(periods.length - 4, 'trimestre plus ancien', 'trimestres plus anciens')} (oise status --json pour tout voir).`,
        `  … and ${periods.length - 4} older quarters (oise status --json shows all).`,
      ),
    );
}
