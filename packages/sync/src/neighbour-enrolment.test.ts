import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePublicIdentity } from '@oise/node';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { enrollNeighbour, previewEnrolment } from './neighbour-enrolment.js';

describe('previewEnrolment', () => {
  test('says who a key file or a starter package is from, nothing written; refuses strangers', async ({
    tmp,
  }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    const stranger = await makeTestNode(tmp, 'cercle', 'ML0301');
    try {
      const cercleKey = join(tmp, 'ML0401.json');
      const identity = writePublicIdentity(cercle, cercleKey);
      const preview = await previewEnrolment(region, cercleKey);
      expect(preview).toEqual({
        kind: 'key',
        code: 'ML0401',
        level: 'cercle',
        fingerprint: identity.fingerprint,
        relation: 'child',
        alreadyEnrolled: false,
        starter: null,
      });
      expect(
        await region.db.selectFrom('trusted_key').select('node_code').execute(),
        'a preview enrols nobody',
      ).toEqual([]);

      const starterOut = join(tmp, 'demarrage-ML0401.oise');
      await enrollNeighbour(region, cercleKey, { now: TEST_NOW, starterOut });
      expect(await previewEnrolment(region, cercleKey)).toMatchObject({ alreadyEnrolled: true });

      const regionFingerprint = writePublicIdentity(region, join(tmp, 'ML04.json')).fingerprint;
      expect(await previewEnrolment(cercle, starterOut)).toMatchObject({
        kind: 'starter',
        code: 'ML04',
        level: 'region',
        fingerprint: regionFingerprint,
        relation: 'parent',
        alreadyEnrolled: false,
        starter: { child: { code: 'ML0401' } },
      });
      await expect(previewEnrolment(stranger, starterOut)).rejects.toMatchObject({
        code: 'STARTER_WRONG_NODE',
      });

      const strangerKey = join(tmp, 'ML0301.json');
      writePublicIdentity(stranger, strangerKey);
      await expect(previewEnrolment(region, strangerKey)).rejects.toMatchObject({
        code: 'ENROLL_NOT_NEIGHBOUR',
        message: expect.stringMatching(/ni le parent ni un enfant direct/),
      });
      const garbage = join(tmp, 'photo.json');
      writeFileSync(garbage, 'pas une clé');
      await expect(previewEnrolment(region, garbage)).rejects.toMatchObject({
        code: 'KEY_FILE_INVALID',
        message: expect.stringMatching(/ni un fichier de clé publique OISE .* ni un paquet de démarrage/),
      });
    } finally {
      for (const n of [region, cercle, stranger]) await n.close();
    }
  });
});
