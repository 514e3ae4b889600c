import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractZip, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { caseClashes, listTree, notPeReason } from './folder-checks.js';
import { launcherFiles, launcherTargets } from './launchers.js';
import { APP_ENTRY } from './platforms.js';
import { zipFolder } from './zip-folder.js';

describe('a folder Windows can hold', () => {
  test('names that differ by case alone are found, in any folder', () => {
    expect(
      caseClashes(['app/a.js', 'app/B.js', 'App/c.js', 'app/b.js', 'app/x/README', 'app/x/readme']),
    ).toEqual([
      ['app/B.js', 'app/b.js'],
      ['app/x/README', 'app/x/readme'],
    ]);
    expect(caseClashes(['oise', 'oise.cmd', 'Ouvrir OISE.cmd'])).toEqual([]);
  });

  test('a PE file is MZ, then PE\\0\\0 where 0x3C points', ({ tmp }) => {
    const pe = Buffer.alloc(512);
    pe.write('MZ', 0, 'latin1');
    pe.writeUInt32LE(0x80, 0x3c);
    pe.write('PE\0\0', 0x80, 'latin1');
    writeFileSync(join(tmp, 'ok.exe'), pe);
    expect(notPeReason(join(tmp, 'ok.exe'))).toBeUndefined();
    const elf = Buffer.concat([Buffer.from('\x7fELF', 'latin1'), Buffer.alloc(508)]);
    writeFileSync(join(tmp, 'node'), elf);
    expect(notPeReason(join(tmp, 'node'))).toBe('pas de signature MZ au début');
    pe.write('XX', 0x80, 'latin1');
    writeFileSync(join(tmp, 'dos.exe'), pe);
    expect(notPeReason(join(tmp, 'dos.exe'))).toBe('pas de signature PE à 128');
  });
});

describe('the launchers', () => {
  test('each names the folder’s Node and the bundled command line, Windows’ with CRLF', () => {
    const [sh] = launcherFiles('linux-x64');
    expect(sh!.text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(launcherTargets(sh!.text)).toEqual(['runtime/node', APP_ENTRY]);
    const [cmd, open] = launcherFiles('win-x64');
    expect(launcherTargets(cmd!.text)).toEqual(['runtime/node.exe', APP_ENTRY]);
    expect(launcherTargets(open!.text)).toEqual(['oise.cmd']);
    for (const f of [cmd!, open!]) expect(f.text.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
  });

  test('oise (sh, builtins only) finds its folder, sets the driver and the default node folder', ({
    tmp,
  }) => {
    const folder = join(tmp, 'oise-linux-x64');
    mkdirSync(join(folder, 'runtime'), { recursive: true });
    const [sh] = launcherFiles('linux-x64');
    writeFileSync(join(folder, 'oise'), sh!.text, { mode: 0o755 });
    // In place of Node, a shell script that says what it was given.
    writeFileSync(join(folder, 'runtime', 'node'), '#!/bin/sh\necho "$1|$2|$OISE_DIR|$OISE_SQLITE_DRIVER"\n');
    chmodSync(join(folder, 'runtime', 'node'), 0o755);
    const empty = join(tmp, 'vide');
    mkdirSync(empty);
    const run = (cwd: string, file: string, env: Record<string, string>) =>
      execFileSync(file, ['status'], { cwd, env: { PATH: empty, ...env }, encoding: 'utf8' }).trim();
    const entry = join(folder, APP_ENTRY);
    expect(run(tmp, join(folder, 'oise'), { HOME: '/home/awa' })).toBe(
      `${entry}|status|/home/awa/.local/share/oise/noeud|node`,
    );
    expect(run(folder, './oise', { HOME: '/home/awa', XDG_DATA_HOME: '/data' })).toBe(
      `${entry}|status|/data/oise/noeud|node`,
    );
    expect(run(tmp, 'oise-linux-x64/oise', { HOME: '/home/awa', OISE_DIR: '/srv/cercle' })).toBe(
      `${entry}|status|/srv/cercle|node`,
    );
  });
});

describe('the zip', () => {
  test('unzips to the same files, modes kept (executables stay executable), folders and accents included', ({
    tmp,
  }) => {
    const folder = join(tmp, 'oise-win-x64');
    mkdirSync(join(folder, 'app', 'données'), { recursive: true });
    writeFileSync(join(folder, 'Ouvrir OISE.cmd'), '@echo off\r\n');
    writeFileSync(join(folder, 'app', 'données', 'indicateurs.csv'), 'code;libellé\n'.repeat(500));
    writeFileSync(join(folder, 'oise'), '#!/bin/sh\n', { mode: 0o755 });
    chmodSync(join(folder, 'oise'), 0o755);
    const items = [
      { name: 'oise-win-x64', mode: 0o755 },
      ...listTree(folder).map((e) => ({
        name: `oise-win-x64/${e.path}`,
        mode: e.mode,
        ...(e.folder ? {} : { file: join(folder, e.path) }),
      })),
    ];
    const zip = join(tmp, 'oise.zip');
    const { bytes, packed } = zipFolder(items, zip);
    expect(bytes).toBe(statSync(zip).size);
    // Each item's share of the zip; the rest is the central directory.
    expect([...packed.keys()]).toEqual(items.map((i) => i.name));
    expect([...packed.values()].reduce((a, b) => a + b, 0)).toBeLessThan(bytes);
    expect(bytes).toBeLessThan(6500 / 2);
    const out = join(tmp, 'dézippé');
    expect(extractZip(zip, out)).toEqual(items.map((i) => (i.file ? i.name : `${i.name}/`)));
    for (const e of listTree(folder).filter((x) => !x.folder)) {
      const copy = join(out, 'oise-win-x64', e.path);
      expect(readFileSync(copy)).toEqual(readFileSync(join(folder, e.path)));
      expect(statSync(copy).mode & 0o777, e.path).toBe(e.mode);
    }
    // A fixed date in every entry: the same folder zips to the same bytes.
    zipFolder(items, join(tmp, 'again.zip'));
    expect(readFileSync(join(tmp, 'again.zip'))).toEqual(readFileSync(zip));
  });
});
