import { closeSync, openSync, writeSync } from 'node:fs';
import { addDays, parseQuarter, quarterEnd } from '@oise/core';
import type { RawDatabase } from './raw-sqlite.js';
import { unit } from './seeded.js';
import type { BenchCommune } from './territory.js';
import { type ValueModel, quarterOf } from './value-model.js';

export interface HistoryOptions {
  model: ValueModel;
  communes: readonly BenchCommune[];
  /** Quarter indices to write (0 = 2015Q1). */
  quarters: readonly number[];
  /** Also write the values as CSV (commune,indicator,period,category,value) for DuckDB. */
  csvPath?: string;
  /** Write the cercles' submissions, their reception and their region's validation of each quarter. */
  withWorkflow?: boolean;
}

export interface HistoryCounts {
  dataValues: number;
  submissions: number;
  decisions: number;
}

const TABLES = ['data_value', 'quarter_submission', 'quarter_reception', 'quarter_decision'];

/**
 * Writes a generated history into a node database the fastest way SQLite allows, as a
 * generator (not as OISE would): one transaction of prepared inserts, with the change-counter
 * triggers and the secondary indexes of `data_value` dropped during the load and put back after.
 * Rows go in arrival order (quarter, then commune) with `local_seq` numbered in that order, so
 * the file is laid out as a node's that received those quarters one after the other.
 */
export function writeHistory(raw: RawDatabase, options: HistoryOptions): HistoryCounts {
  const { model, quarters } = options;
  const communes = [...options.communes].sort((a, b) => (a.code < b.code ? -1 : 1));
  const saved = raw
    .prepare(
      `select name, sql from sqlite_master where sql is not null and tbl_name in (${TABLES.map(() => '?').join(',')})
       and (type = 'trigger' or (type = 'index' and tbl_name = 'data_value'))`,
    )
    .all(...TABLES) as { name: string; sql: string }[];
  for (const s of saved)
    raw.exec(
      `drop ${s.sql.trim().toLowerCase().startsWith('create trigger') ? 'trigger' : 'index'} "${s.name}"`,
    );

  // A large page cache for the load only (this connection): the primary key grows out of order.
  raw.pragma('cache_size = -1000000');
  const counts: HistoryCounts = { dataValues: 0, submissions: 0, decisions: 0 };
  const start = (raw.prepare('select value from change_counter where id = 1').get() as { value: number })
    .value;
  const insertValue = raw.prepare(
    `insert into data_value (org_unit_code, indicator_code, period, category, value, value_text, comment, author,
       channel, deleted, owner, revision, updated_at, local_seq) values (?, ?, ?, ?, ?, null, null, ?, 'xlsx', 0, ?, 1, ?, ?)`,
  );
  const sortedQuarters = [...quarters].sort((a, b) => a - b);
  const csv = options.csvPath ? openSync(options.csvPath, 'w') : undefined;
  let buffer = csv === undefined ? '' : 'commune,indicator,period,category,value\n';
  const flush = () => {
    if (csv !== undefined && buffer.length > 0) writeSync(csv, buffer);
    buffer = '';
  };
  let seq = start;
  raw.transaction(() => {
    // Arrival order, as a national node receives them: quarter by quarter, cercle by cercle,
    // each commune's figures together (rowids follow time, as in a real node file).
    for (const q of sortedQuarters) {
      const period = quarterOf(q);
      for (const c of communes) {
        const key = model.communeKey(c.code);
        if (!model.reports(key, q)) continue;
        const stamp = `${submittedAt(model, c.cercle, q).slice(0, 10)}T09:00:00.000Z`;
        for (const [n, cell] of model.cells.entries()) {
          const v = model.value(key, n, q);
          insertValue.run(c.code, cell.indicator, period, cell.category, v, c.cercle, c.cercle, stamp, ++seq);
          counts.dataValues++;
          if (csv !== undefined) {
            buffer += `${c.code},${cell.indicator},${period},${cell.category},${v}\n`;
            if (buffer.length > 1 << 20) flush();
          }
        }
      }
    }
    flush();
    if (options.withWorkflow !== false) {
      const insertSubmission = raw.prepare(
        `insert into quarter_submission (org_unit_code, period, number, submitted_at, submitted_by, missing_count,
           owner, revision, updated_at, local_seq) values (?, ?, 1, ?, ?, 0, ?, 1, ?, ?)`,
      );
      // The region's reception of each submission (received when made), as it travels up.
      const insertReception = raw.prepare(
        `insert into quarter_reception (org_unit_code, period, submission_number, received_at, owner, revision,
           updated_at, local_seq) values (?, ?, 1, ?, ?, 1, ?, ?)`,
      );
      const insertDecision = raw.prepare(
        `insert into quarter_decision (org_unit_code, period, submission_number, decision, reason, decided_at,
           decided_by, owner, revision, updated_at, local_seq) values (?, ?, 1, 'validated', null, ?, ?, ?, 1, ?, ?)`,
      );
      const cercles = [...new Map(communes.map((c) => [c.cercle, c.region])).entries()].sort();
      for (const q of sortedQuarters) {
        for (const [cercle, region] of cercles) {
          const at = submittedAt(model, cercle, q);
          const decided = `${addDays(at.slice(0, 10), 5)}T10:00:00.000Z`;
          insertSubmission.run(cercle, quarterOf(q), at, cercle, cercle, at, ++seq);
          insertReception.run(cercle, quarterOf(q), at, region, at, ++seq);
          insertDecision.run(cercle, quarterOf(q), decided, region, region, decided, ++seq);
          counts.submissions++;
          counts.decisions++;
        }
      }
    }
    raw.prepare('update change_counter set value = ? where id = 1').run(seq);
  })();
  if (csv !== undefined) closeSync(csv);
  for (const s of saved) raw.exec(s.sql);
  return counts;
}

/** When a cercle submitted a quarter: 10 days after its end, about 1 in 10 late (25 days). */
export function submittedAt(model: ValueModel, cercle: string, quarter: number): string {
  const end = quarterEnd(parseQuarter(quarterOf(quarter)));
  const late = unit(model.seed, model.communeKey(cercle), quarter, 23) < 0.1;
  return `${addDays(end, late ? 25 : 10)}T08:00:00.000Z`;
}
