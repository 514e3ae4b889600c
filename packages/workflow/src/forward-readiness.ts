import { listIndicators, loadHierarchy } from '@oise/catalog';
import { type QuarterCalendar, formatQuarter, parseQuarter, quarterDeadlines } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type QuarterState, quarterStatus, quarterStatusesOf } from './quarter-status.js';
import { checkStoredQuarter } from './stored-quarter-check.js';
import type { WorkflowNode } from './workflow-node.js';

/** Whether a node's quarter goes on now, and why. */
export interface ForwardReadiness {
  period: string;
  /** True when the quarter goes on now: up to the parent (cercle, region), published (national). */
  ready: boolean;
  /** The node's own due date for the quarter (cercle, region or national due date). */
  due: string;
  /** `now` is past the due date. */
  late: boolean;
  /**
   * The children whose quarter is in, out of all of them: a region's cercles validated by the
   * CSR, the country's regions forwarded. `null` at a cercle (its communes are not nodes).
   */
  children: { in: number; of: number } | null;
}

/** A child's quarter that counts as in: at a region, validated; at national, forwarded. */
const CHILD_IN: Record<'region' | 'national', ReadonlySet<QuarterState>> = {
  region: new Set(['validated', 'consolidated']),
  national: new Set(['submitted', 'validated', 'consolidated']),
};

/**
 * The forward rule, one home for every level. A quarter goes on once every child is in, or on
 * the node's due date with the children in by then (at least one; the others follow later):
 * - cercle: its own figures go up when complete (every commune × indicator, nothing blocking)
 *   or on its due date with what is there; a returned quarter goes up again once changed after
 *   the return;
 * - region: forwards to national once every cercle is validated, or on its due date;
 * - national: publishes once every region has forwarded, or on its due date.
 * A cercle or region whose quarter already went up (and was not returned) is not ready.
 */
export async function forwardReadiness(
  node: WorkflowNode,
  quarter: string,
  options: { now: string; calendar: QuarterCalendar },
): Promise<ForwardReadiness> {
  const { db, identity } = node;
  const q = parseQuarter(quarter);
  const period = formatQuarter(q);
  const deadlines = quarterDeadlines(q, options.calendar);
  const due =
    identity.level === 'cercle'
      ? deadlines.cercleDue
      : identity.level === 'region'
        ? deadlines.regionDue
        : deadlines.nationalDue;
  const today = options.now.slice(0, 10);
  const base = { period, due, late: today > due };
  const dueReached = today >= due;

  if (identity.level === 'cercle') {
    const own = await quarterStatus(db, identity.code, period);
    let ready = false;
    if (own.status === 'open' && (await hasOwnRows(db, identity.code, period))) {
      if (dueReached) ready = true;
      else {
        const check = await checkStoredQuarter(
          db,
          await listIndicators(db),
          await loadHierarchy(db, q),
          identity.code,
          period,
        );
        ready = check.missing.length === 0 && check.blocking.length === 0;
      }
    } else if (own.status === 'returned') {
      ready = await changedSinceReturn(db, identity.code, period);
    }
    return { ...base, ready, children: null };
  }

  const units = (await loadHierarchy(db, q)).childrenOf(identity.code).map((c) => c.code);
  const statuses = await quarterStatusesOf(db, units, period);
  const childIn = CHILD_IN[identity.level];
  const children = {
    in: [...statuses.values()].filter((s) => childIn.has(s.status)).length,
    of: units.length,
  };
  let ready = children.in > 0 && (children.in === children.of || dueReached);
  if (ready && identity.level === 'region') {
    const own = await quarterStatus(db, identity.code, period);
    ready = own.status === 'open' || own.status === 'returned';
  }
  return { ...base, ready, children };
}

async function hasOwnRows(db: Kysely<Database>, unit: string, period: string): Promise<boolean> {
  const row = await db
    .selectFrom('data_value')
    .select('period')
    .where('period', '=', period)
    .where('owner', '=', unit)
    .where('deleted', '=', 0)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when the cercle changed a figure of the quarter after the region's return arrived. */
async function changedSinceReturn(db: Kysely<Database>, unit: string, period: string): Promise<boolean> {
  const decision = await db
    .selectFrom('quarter_decision')
    .select((eb) => eb.fn.max('local_seq').as('seq'))
    .where('org_unit_code', '=', unit)
    .where('period', '=', period)
    .where('decision', '=', 'returned')
    .executeTakeFirst();
  const seq = Number(decision?.seq ?? 0);
  const changed = await db
    .selectFrom('data_value')
    .select('period')
    .where('period', '=', period)
    .where('owner', '=', unit)
    .where('local_seq', '>', seq)
    .limit(1)
    .executeTakeFirst();
  return changed !== undefined;
}
