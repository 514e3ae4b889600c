import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listIndicators } from '@oise/catalog';
import { importEntryFiles } from '@oise/entry';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { csvCaseArb } from './reliability/csv-arbitrary.js';
import { changedTables, fingerprint } from './reliability/db-fingerprint.js';
import {
  FC_SEED,
  Hang,
  Tally,
  describeThrown,
  fcRuns,
  isFrench,
  isFrenchRefusal,
  watchUnhandled,
  withinTimeLimit,
} from './reliability/harness.js';
import { storedValueViolations } from './reliability/stored-values-check.js';

/**
 * Every data-value CSV a CCC adviser's PC could hand over is either imported or refused with
 * French findings — never a crash, a hang, an unhandled rejection or a partial write — and
 * what is imported obeys the rules (no value out of bounds, no commune of another cercle…).
 */
describe('fuzz: data-value CSV files', () => {
  test('accepted or refused in French; a refusal writes nothing; nothing invalid is stored', async ({
    tmp,
  }) => {
    const watch = watchUnhandled();
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    try {
      const units = await node.db
        .selectFrom('org_unit')
        .select('code')
        .where('parent_code', '=', 'ML0401')
        .execute();
      const communes = units.map((u) => u.code);
      const indicators = await listIndicators(node.db);
      const runs = fcRuns(250);
      const tally = new Tally('csv', runs);
      let n = 0;
      await fc.assert(
        fc.asyncProperty(csvCaseArb(communes, indicators), async (c) => {
          const dir = join(tmp, 'cas', String(n++));
          mkdirSync(dir, { recursive: true });
          const path = join(dir, c.name);
          writeFileSync(path, c.bytes);
          const before = await fingerprint(node.db);
          let refused = false;
          try {
            const result = await withinTimeLimit(
              () =>
                importEntryFiles(node.db, {
                  node: { code: 'ML0401', level: 'cercle' },
                  files: [path],
                  now: TEST_NOW,
                  partial: c.partial,
                  dryRun: c.dryRun,
                }),
              'csv import',
            );
            const errors = result.findings.filter((f) => f.severity === 'error');
            if (!result.accepted) {
              refused = true;
              if (errors.length === 0 || !errors.every((f) => isFrench(f.message))) {
                tally.fail('crashes', `refused without French findings: ${c.describe}`);
              } else tally.refused(errors[0]?.code ?? 'REFUSED');
            } else if (errors.length > 0) {
              // --partial: the valid lines are stored, the refused ones listed in French and kept out.
              if (!errors.every((f) => isFrench(f.message)))
                tally.fail('crashes', `partial import without French findings: ${c.describe}`);
              else tally.refused(errors[0]?.code ?? 'REFUSED');
              tally.counts.codes.PARTIAL = (tally.counts.codes.PARTIAL ?? 0) + 1;
              if (result.written) {
                const bad = await storedValueViolations(node.db, 'ML0401', new Set(communes));
                if (bad.length > 0)
                  tally.fail('forgeriesAccepted', `${bad.slice(0, 3).join('; ')} — ${c.describe}`);
              }
            } else {
              tally.accepted();
              if (result.written) {
                tally.counts.codes.WRITTEN = (tally.counts.codes.WRITTEN ?? 0) + 1;
                const bad = await storedValueViolations(node.db, 'ML0401', new Set(communes));
                if (bad.length > 0)
                  tally.fail('forgeriesAccepted', `${bad.slice(0, 3).join('; ')} — ${c.describe}`);
              }
            }
          } catch (error) {
            refused = true;
            if (error instanceof Hang) tally.fail('hangs', c.describe);
            else if (isFrenchRefusal(error)) tally.refused(error.code);
            else tally.fail('crashes', `${describeThrown(error)} — ${c.describe}`);
          }
          if (refused || c.dryRun) {
            const changed = changedTables(before, await fingerprint(node.db));
            if (changed.length > 0) tally.fail('partialWrites', `${changed.join(',')} — ${c.describe}`);
          }
        }),
        { seed: FC_SEED, numRuns: runs },
      );
      const counts = tally.report(watch.seen.length);
      expect(counts.failures).toEqual([]);
      expect(tally.clean).toBe(true);
      expect(counts.cases).toBe(runs);
      // The generator reaches both sides: some files go in, some are refused.
      expect(counts.accepted).toBeGreaterThan(0);
      expect(counts.refused).toBeGreaterThan(0);
    } finally {
      watch.stop();
      await node.close();
    }
  });
});
