import { statSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { icaclsArguments, restrictKeyFolder } from './key-folder-access.js';

describe('keys/ kept to the user', () => {
  test('icacls: inherited rights removed, full control to the user alone, on what the folder will hold', () => {
    expect(icaclsArguments('C:\\Users\\Awa Traoré\\AppData\\Local\\OISE\\noeud\\keys', 'Awa Traoré')).toEqual(
      [
        'C:\\Users\\Awa Traoré\\AppData\\Local\\OISE\\noeud\\keys',
        '/inheritance:r',
        '/grant:r',
        'Awa Traoré:(OI)(CI)F',
      ],
    );
  });

  test('on Linux, the folder is 0700 and nothing is said', ({ tmp }) => {
    const keys = join(tmp, 'keys');
    mkdirSync(keys, { mode: 0o755 });
    expect(restrictKeyFolder(keys, 'linux')).toBeUndefined();
    expect(statSync(keys).mode & 0o777).toBe(0o700);
  });

  test('on Windows, icacls runs with those arguments; when it cannot, a French warning says what to do', ({
    tmp,
  }) => {
    const keys = join(tmp, 'keys');
    mkdirSync(keys);
    const ran: [string, string[]][] = [];
    expect(restrictKeyFolder(keys, 'win32', (file, args) => ran.push([file, args]))).toBeUndefined();
    expect(ran).toEqual([['icacls', icaclsArguments(keys, userInfo().username)]]);
    // This machine has no icacls: the real call fails, as it would on a Windows without it.
    const warning = restrictKeyFolder(keys, 'win32');
    expect(warning).toMatch(/^Attention : les droits du dossier des clés/);
    expect(warning).toContain(userInfo().username);
    expect(warning).toContain('Propriétés, Sécurité');
  });
});
