import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { folderForNewNode, folderState } from './folder-state.js';
import { initNode } from './node-folder.js';

const NOW = '2025-01-02T08:00:00.000Z';

describe('what a node folder holds', () => {
  test('missing, empty (system files aside), a node, or something else', async ({ tmp }) => {
    expect(folderState(join(tmp, 'absent'))).toEqual({ kind: 'missing' });
    const empty = join(tmp, 'vide');
    mkdirSync(empty);
    writeFileSync(join(empty, 'desktop.ini'), '[.ShellClassInfo]');
    writeFileSync(join(empty, 'Thumbs.db'), '');
    expect(folderState(empty)).toEqual({ kind: 'empty' });
    expect(folderForNewNode(empty)).toBe('new');

    const node = await initNode({ dir: join(tmp, 'ML0401'), level: 'cercle', code: 'ML0401', now: NOW });
    await node.close();
    expect(folderState(join(tmp, 'ML0401'))).toEqual({ kind: 'node' });
    expect(() => folderForNewNode(join(tmp, 'ML0401'))).toThrow(/contient déjà un nœud/);

    const documents = join(tmp, 'Documents');
    mkdirSync(documents);
    for (const name of ['rapport.docx', 'budget.xlsx', 'photos']) writeFileSync(join(documents, name), 'x');
    expect(folderState(documents)).toEqual({
      kind: 'other',
      file: false,
      entries: ['budget.xlsx', 'photos', 'rapport.docx'],
    });
    expect(() => folderForNewNode(documents)).toThrow(
      /contient déjà autre chose qu'un nœud OISE \(« budget\.xlsx », « photos », « rapport\.docx »\)/,
    );
    const file = join(tmp, 'note.txt');
    writeFileSync(file, 'bonjour');
    expect(folderState(file)).toEqual({ kind: 'other', file: true, entries: [] });
    expect(() => folderForNewNode(file)).toThrow(/est un fichier, pas un dossier de nœud/);
  });

  test('oise init refuses a folder holding something else, and writes nothing there', async ({ tmp }) => {
    const dir = join(tmp, 'Documents');
    mkdirSync(dir);
    writeFileSync(join(dir, 'lettre.txt'), 'à garder');
    await expect(initNode({ dir, level: 'cercle', code: 'ML0401', now: NOW })).rejects.toMatchObject({
      code: 'NODE_FOLDER_NOT_EMPTY',
    });
    expect(readdirSync(dir)).toEqual(['lettre.txt']);
    // A half-made node (keys without a database) is refused the same way.
    const half = join(tmp, 'moitie');
    mkdirSync(join(half, 'keys'), { recursive: true });
    await expect(initNode({ dir: half, level: 'cercle', code: 'ML0401', now: NOW })).rejects.toThrow(
      /« keys »/,
    );
    // A wrong code is refused before the folder is looked at: nothing created.
    await expect(
      initNode({ dir: join(tmp, 'neuf'), level: 'cercle', code: 'ML04', now: NOW }),
    ).rejects.toMatchObject({ code: 'NODE_CODE_INVALID' });
    expect(folderState(join(tmp, 'neuf'))).toEqual({ kind: 'missing' });
  });
});
