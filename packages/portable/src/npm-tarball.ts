import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { NpmTarballSpec } from './platforms.js';

/** One file of a package tarball, its path without npm's leading `package/`. */
export interface TarballFile {
  path: string;
  mode: number;
  data: Buffer;
}

const sha512 = (data: Buffer) => `sha512-${createHash('sha512').update(data).digest('base64')}`;

/** `@napi-rs/canvas-win32-x64-msvc` 1.1.1 → `napi-rs-canvas-win32-x64-msvc-1.1.1.tgz`, as npm names it. */
export const tarballName = (spec: NpmTarballSpec) =>
  `${spec.name.replace(/^@/, '').replace('/', '-')}-${spec.version}.tgz`;

/**
 * The tarball of `spec` from the npm registry, kept in `cacheDir` between builds on this
 * machine (never committed). A cached file is used again only if it still has the integrity
 * npm gave when it was fetched (and the pinned one, when pinned); otherwise it is fetched anew.
 */
export function fetchTarball(spec: NpmTarballSpec, cacheDir: string): Buffer {
  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, tarballName(spec));
  const stamp = `${file}.integrity`;
  if (existsSync(file) && existsSync(stamp)) {
    const data = readFileSync(file);
    const expected = spec.integrity ?? readFileSync(stamp, 'utf8').trim();
    if (sha512(data) === expected) return data;
  }
  const out = execFileSync(
    'npm',
    ['pack', `${spec.name}@${spec.version}`, '--pack-destination', cacheDir, '--json', '--silent'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  const [packed] = JSON.parse(out) as { filename: string; integrity: string }[];
  const data = readFileSync(join(cacheDir, packed!.filename));
  const integrity = sha512(data);
  if (integrity !== packed!.integrity || (spec.integrity && integrity !== spec.integrity))
    throw new Error(
      `${spec.name}@${spec.version} : l'empreinte du paquet téléchargé (${integrity}) n'est pas celle attendue (${spec.integrity ?? packed!.integrity}).`,
    );
  writeFileSync(stamp, `${integrity}\n`);
  return data;
}

const field = (header: Buffer, start: number, length: number) =>
  header.toString('utf8', start, start + length).replace(/\0[\s\S]*$/, '');
const octal = (header: Buffer, start: number, length: number) =>
  Number.parseInt(field(header, start, length).trim() || '0', 8);

/**
 * The regular files of a gzipped tar as npm writes it (ustar, with pax `path` records and the
 * ustar prefix for long names), optionally only those `wanted` keeps.
 */
export function tarballFiles(tgz: Buffer, wanted: (path: string) => boolean = () => true): TarballFile[] {
  const tar = gunzipSync(tgz);
  const files: TarballFile[] = [];
  let paxPath: string | undefined;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const body = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
      continue;
    }
    const prefix = field(header, 345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    paxPath = undefined;
    if (type !== '0' && type !== '7') continue;
    const path = name.replace(/^[^/]+\//, '');
    if (wanted(path)) files.push({ path, mode: octal(header, 100, 8), data: Buffer.from(body) });
  }
  return files;
}
