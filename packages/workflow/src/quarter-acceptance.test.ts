import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { acceptQuarter } from './quarter-acceptance.js';
import { submitQuarter } from './quarter-submit.js';

const NOW = { now: '2025-04-20T08:00:00.000Z' };

describe('accepting a quarter', () => {
  test('a region validates a cercle, national consolidates a region, a cercle accepts nothing', async ({
    tmp,
  }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    const national = await makeTestNode(tmp, 'national', 'ML');
    try {
      // Each child's submission, as its bundle brings it up.
      const cercle = {
        db: region.db,
        identity: { code: 'ML0401', level: 'cercle' as const, parentCode: 'ML04' },
      };
      await submitQuarter(cercle, '2025Q1', NOW);
      const ml04 = {
        db: national.db,
        identity: { code: 'ML04', level: 'region' as const, parentCode: 'ML' },
      };
      await submitQuarter(ml04, '2025Q1', NOW);

      expect(await acceptQuarter(region, 'ML0401', '2025Q1', NOW)).toMatchObject({
        decision: 'validated',
        submissionNumber: 1,
      });
      expect(await acceptQuarter(national, 'ML04', '2025Q1', NOW)).toMatchObject({
        decision: 'consolidated',
        submissionNumber: 1,
      });
      await expect(acceptQuarter(cercle, 'ML040101', '2025Q1', NOW)).rejects.toMatchObject({
        code: 'DECISION_NOT_ALLOWED',
      });
    } finally {
      await region.close();
      await national.close();
    }
  });
});
