import { OiseError } from '@oise/core';
import { TEST_NOW, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { initNode } from './node-folder.js';
import { deleteSavedView, getSavedView, listSavedViews, saveView } from './saved-views.js';

describe('saved views of the dashboard', () => {
  test('saved, listed by name, opened, deleted; a name taken or empty is refused', async ({ tmp }) => {
    const node = await initNode({ dir: `${tmp}/ML`, level: 'national', code: 'ML', now: TEST_NOW });
    try {
      const a = await saveView(node.db, {
        name: '  Consultations   par région ',
        query: '?indicateur=SAN_CONSULT_CURATIVES&periodes=8',
        author: 'awa',
        now: TEST_NOW,
      });
      expect(a).toMatchObject({
        name: 'Consultations par région',
        query: 'indicateur=SAN_CONSULT_CURATIVES&periodes=8',
      });
      await saveView(node.db, { name: 'CSCOM', query: 'indicateur=SAN_CSCOM', author: 'ML', now: TEST_NOW });
      expect((await listSavedViews(node.db)).map((v) => v.name)).toEqual([
        'CSCOM',
        'Consultations par région',
      ]);
      expect((await getSavedView(node.db, a.id))?.author).toBe('awa');

      const refused = (p: Promise<unknown>) =>
        p.then(
          () => undefined,
          (e: unknown) => (e instanceof OiseError ? e.code : String(e)),
        );
      expect(
        await refused(saveView(node.db, { name: 'CSCOM', query: 'x=1', author: 'b', now: TEST_NOW })),
      ).toBe('SAVED_VIEW_NAME_TAKEN');
      expect(await refused(saveView(node.db, { name: '  ', query: 'x=1', author: 'b', now: TEST_NOW }))).toBe(
        'SAVED_VIEW_INVALID',
      );
      expect(await listSavedViews(node.db)).toHaveLength(2);

      expect(await deleteSavedView(node.db, a.id)).toBe(true);
      expect(await deleteSavedView(node.db, a.id)).toBe(false);
      expect(await getSavedView(node.db, a.id)).toBeUndefined();
    } finally {
      await node.close();
    }
  });
});
