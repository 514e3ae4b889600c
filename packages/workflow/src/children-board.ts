import { type HierarchyUnit, loadHierarchy } from '@oise/catalog';
import { type Completeness, completenessOfUnits, quarterReceipts } from '@oise/consolidate';
import { type QuarterCalendar, formatQuarter, parseQuarter, quarterDeadlines } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { isOverdue } from './children-completeness.js';
import { type QuarterState, type QuarterStatusInfo, quarterStatusesOf } from './quarter-status.js';

/**
 * A child's quarter as its parent names it: a quarter never sent is « non transmis » (the
 * child's own page says « ouvert »: it may still enter); the other words are `STATUS_LABELS`'.
 */
export const CHILD_STATUS_LABELS: Record<QuarterState, string> = {
  open: 'non transmis',
  submitted: 'transmis',
  validated: 'validé',
  returned: 'renvoyé',
  consolidated: 'consolidé',
};

/**
 * Where a child's quarter stands against its due date, by the parent's clock:
 * received by the due date, received after it, nothing received and the date passed, or
 * nothing received yet and still time.
 */
export type Reception = 'on-time' | 'late' | 'overdue' | 'expected';

export const RECEPTION_LABELS: Record<Reception, string> = {
  'on-time': 'à temps',
  late: 'en retard',
  overdue: 'en retard',
  expected: 'attendu',
};

/** One child's quarter on the board: its status, its reception, its figures' completeness. */
export interface ChildQuarter {
  unit: string;
  period: string;
  status: QuarterStatusInfo;
  /** The child's due date: the cercle due date below a region, the region's below national. */
  due: string;
  /** First reception of any of its submissions here (`quarterReceipts`), null while none. */
  receivedAt: string | null;
  reception: Reception;
  /** Communes with at least one value stored here, out of those expected (`completenessOf`'s numbers). */
  completeness: Completeness;
}

/** A child (cercle of a region, region of the country) and its quarters, in the board's order. */
export interface BoardRow {
  code: string;
  name: string;
  /** One per quarter asked for; null where the child was not in that quarter's territory. */
  cells: (ChildQuarter | null)[];
}

export interface ChildrenBoard {
  /** The quarters asked for, normalised (`2025Q1`), in the order given. */
  quarters: string[];
  rows: BoardRow[];
}

/**
 * The children × quarters board of a region (its cercles) or of national (its regions): each
 * child's quarter in the workflow's words (`quarterStatusesOf`), when it arrived and whether
 * that was on time (`quarterReceipts` of @oise/consolidate, the one rule of lateness; overdue by
 * `isOverdue`), and the communes reporting out of those expected (`completenessOfUnits`, `completenessOf`'s
 * numbers for all of them at once). Children
 * are those of each quarter's territory, in code order. A cercle has no children: no rows.
 */
export async function childrenBoard(
  db: Kysely<Database>,
  node: { code: string; level: 'cercle' | 'region' | 'national' },
  quarters: readonly string[],
  now: string,
  calendar: QuarterCalendar,
  /** Only these children (the review page asks for one). */
  only?: readonly string[],
): Promise<ChildrenBoard> {
  const periods = quarters.map((q) => formatQuarter(parseQuarter(q)));
  const rows = new Map<string, BoardRow>();
  if (node.level === 'cercle') return { quarters: periods, rows: [] };
  const receipts = await quarterReceipts(db, periods, calendar);
  const childrenOf = new Map<string, HierarchyUnit[]>();
  for (const period of periods)
    childrenOf.set(
      period,
      (await loadHierarchy(db, parseQuarter(period)))
        .childrenOf(node.code)
        .filter((c) => !only || only.includes(c.code)),
    );
  const completeness = await completenessOfUnits(
    db,
    [...new Set([...childrenOf.values()].flat().map((c) => c.code))],
    periods,
    { calendar, scopeRoot: node.code },
  );
  for (const [index, period] of periods.entries()) {
    const deadlines = quarterDeadlines(parseQuarter(period), calendar);
    const due = node.level === 'region' ? deadlines.cercleDue : deadlines.regionDue;
    const children = childrenOf.get(period)!;
    const statuses = await quarterStatusesOf(
      db,
      children.map((c) => c.code),
      period,
    );
    for (const child of children) {
      const row = rows.get(child.code) ?? {
        code: child.code,
        name: child.name,
        cells: periods.map(() => null),
      };
      rows.set(child.code, row);
      const status = statuses.get(child.code)!;
      const receipt = receipts.get(`${child.code}|${period}`);
      row.cells[index] = {
        unit: child.code,
        period,
        status,
        due,
        receivedAt: receipt?.receivedAt ?? null,
        reception: receptionOf(receipt?.onTime, status, now, due),
        completeness: completeness.get(`${child.code}|${period}`) ?? { reporting: 0, expected: 0, onTime: 0 },
      };
    }
  }
  return { quarters: periods, rows: [...rows.values()].sort((a, b) => a.code.localeCompare(b.code)) };
}

/** One child's quarter alone, as the board shows it (the review page); undefined when not a child here. */
export async function childQuarter(
  db: Kysely<Database>,
  node: { code: string; level: 'cercle' | 'region' | 'national' },
  unit: string,
  quarter: string,
  now: string,
  calendar: QuarterCalendar,
): Promise<ChildQuarter | undefined> {
  const board = await childrenBoard(db, node, [quarter], now, calendar, [unit]);
  return board.rows[0]?.cells[0] ?? undefined;
}

function receptionOf(
  onTime: boolean | undefined,
  status: QuarterStatusInfo,
  now: string,
  due: string,
): Reception {
  if (onTime !== undefined) return onTime ? 'on-time' : 'late';
  return isOverdue(status, now, due) ? 'overdue' : 'expected';
}
