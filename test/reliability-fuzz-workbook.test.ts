import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEntryFiles, writeEntryWorkbook } from '@oise/entry';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
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
import { mutateWorkbook, workbookCaseArb } from './reliability/workbook-arbitrary.js';

/**
 * Entry workbooks edited by hand, by another spreadsheet program or damaged on the way:
 * cells, sheets and the hidden `_oise` metadata changed or removed, the file truncated or
 * flipped. Each is imported or refused with French findings; a refusal writes nothing.
 */
describe('fuzz: entry workbooks', () => {
  test('edited, broken or stripped workbooks: accepted or refused in French, never half-written', async ({
    tmp,
  }) => {
    const watch = watchUnhandled();
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const entryNode = { code: 'ML0401', level: 'cercle' as const };
    try {
      const communes = (
        await node.db.selectFrom('org_unit').select('code').where('parent_code', '=', 'ML0401').execute()
      ).map((u) => u.code);
      // Stored values first, so the template has pre-filled cells (emptying one deletes it).
      const seed = join(tmp, 'depart.csv');
      writeFileSync(
        seed,
        `code_collectivite;code_indicateur;periode;categorie;valeur\n${communes
          .map((c, i) => `${c};SAN_CSCOM;2025Q1;;${i + 1}`)
          .join('\n')}\n`,
      );
      const first = await importEntryFiles(node.db, { node: entryNode, files: [seed], now: TEST_NOW });
      expect(first.written).toBe(true);
      const templatePath = join(tmp, 'modele.xlsx');
      await writeEntryWorkbook(node.db, {
        node: entryNode,
        quarter: '2025Q1',
        now: TEST_NOW,
        out: templatePath,
      });
      const template = readFileSync(templatePath);

      const runs = fcRuns(100);
      const tally = new Tally('workbook', runs);
      let n = 0;
      await fc.assert(
        fc.asyncProperty(workbookCaseArb, async (c) => {
          const describeCase = JSON.stringify(c).slice(0, 600);
          const dir = join(tmp, 'cas', String(n++));
          mkdirSync(dir, { recursive: true });
          const path = join(dir, 'saisie-2025Q1.xlsx');
          writeFileSync(path, await mutateWorkbook(template, c));
          const before = await fingerprint(node.db);
          let refused = false;
          try {
            const result = await withinTimeLimit(
              () =>
                importEntryFiles(node.db, {
                  node: entryNode,
                  files: [path],
                  now: TEST_NOW,
                  partial: c.partial,
                }),
              'workbook import',
            );
            const errors = result.findings.filter((f) => f.severity === 'error');
            if (!result.accepted) {
              refused = true;
              if (errors.length === 0 || !errors.every((f) => isFrench(f.message))) {
                tally.fail('crashes', `refused without French findings: ${describeCase}`);
              } else tally.refused(errors[0]?.code ?? 'REFUSED');
            } else if (errors.length > 0) {
              // --partial: the valid lines are stored, the refused ones listed in French and kept out.
              if (!errors.every((f) => isFrench(f.message)))
                tally.fail('crashes', `partial import without French findings: ${describeCase}`);
              else tally.refused(errors[0]?.code ?? 'REFUSED');
              tally.counts.codes.PARTIAL = (tally.counts.codes.PARTIAL ?? 0) + 1;
              if (result.written) {
                const bad = await storedValueViolations(node.db, 'ML0401', new Set(communes));
                if (bad.length > 0)
                  tally.fail('forgeriesAccepted', `${bad.slice(0, 3).join('; ')} — ${describeCase}`);
              }
            } else {
              tally.accepted();
              if (result.written) {
                tally.counts.codes.WRITTEN = (tally.counts.codes.WRITTEN ?? 0) + 1;
                const bad = await storedValueViolations(node.db, 'ML0401', new Set(communes));
                if (bad.length > 0)
                  tally.fail('forgeriesAccepted', `${bad.slice(0, 3).join('; ')} — ${describeCase}`);
              }
            }
          } catch (error) {
            refused = true;
            if (error instanceof Hang) tally.fail('hangs', describeCase);
            else if (isFrenchRefusal(error)) tally.refused(error.code);
            else tally.fail('crashes', `${describeThrown(error)} — ${describeCase}`);
          }
          if (refused) {
            const changed = changedTables(before, await fingerprint(node.db));
            if (changed.length > 0) tally.fail('partialWrites', `${changed.join(',')} — ${describeCase}`);
          }
        }),
        { seed: FC_SEED, numRuns: runs },
      );
      const counts = tally.report(watch.seen.length);
      expect(counts.failures).toEqual([]);
      expect(tally.clean).toBe(true);
      expect(counts.cases).toBe(runs);
      expect(counts.accepted).toBeGreaterThan(0);
      expect(counts.refused).toBeGreaterThan(0);
    } finally {
      watch.stop();
      await node.close();
    }
  });
});
