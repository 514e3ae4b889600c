import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintOf, generateNodeKeyPair } from '@oise/node';
import { SYNCED_TABLES } from '@oise/schema';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { BundleEncoder } from './bundle-codec.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './bundle-format.js';
import {
  NEWEST_SCHEMA,
  OISE_VERSION,
  READABLE_FROM,
  ReaderNeeds,
  type SyncedAdditions,
  tablesKnownAt,
} from './schema-compat.js';

const VALUE = { org_unit_code: 'ML040101', indicator_code: 'SAN_CSCOM', period: '2025Q1', category: '' };
const RECEPTION = { org_unit_code: 'ML0401', period: '2025Q1', submission_number: 1, received_at: 'x' };

describe('what a bundle needs from its reader (SPEC §9)', () => {
  test('the oldest schema that knows every table it carries', () => {
    const needs = new ReaderNeeds();
    needs.take('data_value', { ...VALUE });
    expect(needs.schemaVersion).toBe(READABLE_FROM);
    needs.take('quarter_reception', { ...RECEPTION });
    expect(needs.schemaVersion).toBe('0005-quarter-reception');
    expect(needs.skippableTables()).toEqual([]);
  });

  test('a newer column at its default is left out; with another value it raises the schema', () => {
    const additions: SyncedAdditions = {
      tables: {},
      columns: { data_value: { origin: { since: '0012-value-origin', default: 'saisie' } } },
    };
    const needs = new ReaderNeeds(additions);
    const row = { ...VALUE, origin: 'saisie' };
    const written = needs.take('data_value', row);
    expect(written).toEqual(VALUE);
    expect(row.origin).toBe('saisie');
    expect(needs.schemaVersion).toBe(READABLE_FROM);
    expect(needs.take('data_value', { ...VALUE, origin: 'dhis2' })).toMatchObject({ origin: 'dhis2' });
    expect(needs.schemaVersion).toBe('0012-value-origin');
  });

  test('a skippable newer table does not raise the schema; it is listed for the reader', () => {
    const additions: SyncedAdditions = {
      tables: { quarter_reception: { since: '0005-quarter-reception', skippable: true } },
      columns: {},
    };
    const needs = new ReaderNeeds(additions);
    needs.take('quarter_reception', { ...RECEPTION });
    expect(needs.schemaVersion).toBe(READABLE_FROM);
    expect(needs.skippableTables()).toEqual(['quarter_reception']);
    expect(tablesKnownAt(READABLE_FROM, additions)).not.toContain('quarter_reception');
  });

  test('the manifest counts only the tables its schema knows; the writer names itself', ({ tmp }) => {
    const pair = generateNodeKeyPair();
    const privateKeyPath = join(tmp, 'private.pem');
    writeFileSync(privateKeyPath, pair.privatePem);
    const signer = { privateKeyPath, keyFingerprint: fingerprintOf(pair.publicPem) };
    const header = {
      format: BUNDLE_FORMAT as typeof BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      sender: 'ML04',
      senderLevel: 'region' as const,
      recipient: 'ML0401',
      direction: 'down' as const,
      sequence: 1,
      full: false,
      changes: { from: 0, to: 2 },
      ack: { sequence: 0, localSeq: 0 },
      createdAt: '2025-04-20T08:00:00.000Z',
    };
    const plain = new BundleEncoder();
    plain.add({ table: 'data_value', row: { ...VALUE } });
    const { manifest: older } = plain.finish(header, signer);
    expect(older.schemaVersion).toBe(READABLE_FROM);
    expect(older.writer).toEqual({ oise: OISE_VERSION, schemaVersion: NEWEST_SCHEMA });
    expect(Object.keys(older.counts)).not.toContain('quarter_reception');
    expect(Object.keys(older.counts)).not.toContain('org_unit_boundary');
    expect(Object.keys(older.counts)).toHaveLength(Object.keys(SYNCED_TABLES).length - 2);
    expect(older.counts.data_value).toBe(1);
    expect(tablesKnownAt(NEWEST_SCHEMA)).toEqual(Object.keys(SYNCED_TABLES));

    const withReception = new BundleEncoder();
    withReception.add({ table: 'quarter_reception', row: { ...RECEPTION } });
    const { manifest: newer } = withReception.finish(header, signer);
    expect(newer.schemaVersion).toBe('0005-quarter-reception');
    expect(newer.counts.quarter_reception).toBe(1);

    // Boundaries are not skippable either: a bundle carrying one needs migration 0010.
    const withBoundary = new BundleEncoder();
    withBoundary.add({
      table: 'org_unit_boundary',
      row: {
        code: 'ML04',
        level: 'region',
        name: 'Ségou',
        geometry: '[]',
        source: 'r.geojson',
        owner: 'ML',
        revision: 1,
        updated_at: header.createdAt,
      },
    });
    const { manifest: boundary } = withBoundary.finish(header, signer);
    expect(boundary.schemaVersion).toBe('0010-org-unit-boundary');
    expect(boundary.counts.org_unit_boundary).toBe(1);
    expect(boundary.skippable ?? []).toEqual([]);
  });
});
