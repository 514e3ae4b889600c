import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { dailyBackupState } from './backup-rotation.js';
import { writeNodeBackup } from './node-backup.js';
import { initNode } from './node-folder.js';
import { setSetting } from './node-settings.js';

const NOW = '2025-04-12T06:30:00.000Z';

describe('node backups', () => {
  test('the newest daily backup of this node is found, other files left aside', async ({ tmp }) => {
    const node = await initNode({ dir: join(tmp, 'c'), level: 'cercle', code: 'ML0401', now: NOW });
    const folder = join(node.paths.root, 'sauvegardes');
    expect(await dailyBackupState(node)).toEqual({ settings: { keep: 7, dir: folder } });
    mkdirSync(folder);
    writeFileSync(join(folder, 'sauvegarde-ML0401-2025-04-10.tar.gz'), 'plus ancienne');
    writeFileSync(join(folder, 'sauvegarde-ML0401-2025-04-11.tar.gz'), 'la plus récente');
    writeFileSync(join(folder, 'sauvegarde-ML0402-2025-04-12.tar.gz'), "celle d'un autre cercle");
    writeFileSync(join(folder, 'sauvegarde-ML0401-2025-04-13.tar.gz.old'), 'pas une sauvegarde quotidienne');
    await setSetting(node.db, 'backup.keep', '3');
    expect(await dailyBackupState(node)).toEqual({
      settings: { keep: 3, dir: folder },
      latest: {
        name: 'sauvegarde-ML0401-2025-04-11.tar.gz',
        path: join(folder, 'sauvegarde-ML0401-2025-04-11.tar.gz'),
        date: '2025-04-11',
        bytes: Buffer.byteLength('la plus récente'),
      },
    });
    await node.close();
  });

  test('what a backup killed midway left is removed; what a running one holds is not', async ({ tmp }) => {
    const node = await initNode({ dir: join(tmp, 'c'), level: 'cercle', code: 'ML0401', now: NOW });
    // A real process that has exited: its pid is free.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    const out = join(tmp, 'sauvegardes');
    mkdirSync(out);
    mkdirSync(join(node.paths.root, `.sauvegarde-${dead}-abc`));
    writeFileSync(join(node.paths.root, `.sauvegarde-${dead}-abc`, 'node.sqlite'), 'copie interrompue');
    mkdirSync(join(node.paths.root, `.sauvegarde-${process.pid}-def`));
    writeFileSync(join(out, `.sauvegarde-ML0401-2025-04-11.tar.gz.${dead}.tmp`), 'à moitié');
    writeFileSync(join(out, `.autre-fichier.${dead}.tmp`), 'pas à nous');

    await writeNodeBackup(node, join(out, 'sauvegarde-ML0401-2025-04-12.tar.gz'), { now: NOW });
    expect(readdirSync(node.paths.root).filter((f) => f.startsWith('.'))).toEqual([
      `.sauvegarde-${process.pid}-def`,
    ]);
    expect(readdirSync(out).sort()).toEqual([
      `.autre-fichier.${dead}.tmp`,
      'sauvegarde-ML0401-2025-04-12.tar.gz',
    ]);

    await expect(writeNodeBackup(node, join(tmp, 'absent', 'b.tar.gz'), { now: NOW })).rejects.toMatchObject({
      code: 'BACKUP_DIR_MISSING',
    });
    await expect(writeNodeBackup(node, node.paths.database, { now: NOW })).rejects.toThrow(
      /ne peut pas remplacer la base du nœud/,
    );
    rmSync(node.paths.privateKey);
    await expect(
      writeNodeBackup(node, join(tmp, 'k.tar.gz'), { now: NOW, withKeys: true }),
    ).rejects.toMatchObject({ code: 'KEY_MISSING' });
    await node.close();
  });
});
