import { join } from 'node:path';
import { MIGRATIONS } from '@oise/schema';
import { migrateToLatest, openDatabase } from '@oise/store';
import { test } from '@oise/testkit';
import { type Migration, Migrator } from 'kysely';
import { describe, expect } from 'vitest';
import { readPeer, writePeer } from './sync-peer.js';

const NOW = '2025-04-10T09:00:00.000Z';

describe('sync bookkeeping with a neighbour', () => {
  test('a node of before 0007 keeps its state: the sync.* settings move into sync_peer', async ({ tmp }) => {
    const store = await openDatabase(join(tmp, 'node.sqlite'), { migrate: false });
    try {
      const before = new Migrator({
        db: store.db,
        provider: { getMigrations: async (): Promise<Record<string, Migration>> => MIGRATIONS },
      });
      const { error } = await before.migrateTo('0004-deleted-values-index');
      expect(error).toBeUndefined();
      // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before 0007
      const old = store.db as any;
      await old
        .insertInto('sync_peer')
        .values([
          {
            peer_code: 'ML04',
            last_sent_sequence: 3,
            acked_local_seq: 40,
            applied_peer_sequence: 7,
            applied_peer_seq: 120,
            updated_at: NOW,
          },
          {
            peer_code: 'ML0402',
            last_sent_sequence: 1,
            acked_local_seq: 0,
            applied_peer_sequence: 0,
            applied_peer_seq: 0,
            updated_at: NOW,
          },
        ])
        .execute();
      await old
        .insertInto('node_setting')
        .values([
          { key: 'sync.sent-to.ML04', value: '55' },
          { key: 'sync.applied-ahead.ML04', value: '[[130,150],[160,170]]' },
          { key: 'calendar.cercleDueDays', value: '20' },
          { key: 'transport.parent-url', value: 'http://csr-segou:8080' },
        ])
        .execute();

      await migrateToLatest(store.db);

      expect(await readPeer(store.db, 'ML04')).toEqual({
        peer_code: 'ML04',
        last_sent_sequence: 3,
        acked_local_seq: 40,
        applied_peer_sequence: 7,
        applied_peer_local_seq: 120,
        ack_due: 0,
        peer_acked_sequence: 0,
        sent_to_local_seq: 55,
        applied_ahead: [
          [130, 150],
          [160, 170],
        ],
      });
      expect(await readPeer(store.db, 'ML0402')).toMatchObject({ sent_to_local_seq: 0, applied_ahead: [] });
      const settings = await store.db.selectFrom('node_setting').select('key').orderBy('key').execute();
      expect(settings.map((s) => s.key)).toEqual(['calendar.cercleDueDays', 'transport.parent-url']);
    } finally {
      await store.close();
    }
  });

  test('reads back what it writes, ranges included; an unknown neighbour reads as zeros', async ({ tmp }) => {
    const store = await openDatabase(join(tmp, 'node.sqlite'));
    try {
      const fresh = await readPeer(store.db, 'ML0401');
      expect(fresh).toMatchObject({ applied_peer_local_seq: 0, sent_to_local_seq: 0, applied_ahead: [] });
      const state = {
        ...fresh,
        applied_peer_sequence: 2,
        applied_peer_local_seq: 10,
        applied_ahead: [[20, 30]] as [number, number][],
      };
      await writePeer(store.db, state, NOW);
      expect(await readPeer(store.db, 'ML0401')).toEqual(state);
      await writePeer(store.db, { ...state, sent_to_local_seq: 12, applied_ahead: [] }, NOW);
      expect(await readPeer(store.db, 'ML0401')).toEqual({
        ...state,
        sent_to_local_seq: 12,
        applied_ahead: [],
      });
    } finally {
      await store.close();
    }
  });
});
