import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatNumberFr } from '@oise/core';
import { PLATFORM_NAMES, type PlatformName, isPlatformName } from './platforms.js';
import { type PortableBuild, buildPortable } from './portable-build.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

const mb = (bytes: number) => `${formatNumberFr(bytes / 1e6, 1)} Mo`;

/** The lines `pnpm package` prints for one folder: where it is, its parts, its zip. */
export function buildSummary(build: PortableBuild): string[] {
  const lines = [`${build.folder}`];
  for (const p of build.parts)
    lines.push(
      `  ${p.part.padEnd(34)} ${mb(p.bytes).padStart(10)}${p.zipped === undefined ? '' : ` (zip : ${mb(p.zipped)})`}`,
    );
  if (build.platform === 'linux-x64')
    lines.push(
      build.stripped
        ? `  binaire Node réduit par strip : ${mb(build.stripped.before)} → ${mb(build.stripped.after)}`
        : '  binaire Node non réduit (strip absent de cette machine)',
    );
  if (build.zip) lines.push(`  ${build.zip} : ${mb(build.zipBytes!)}`);
  return lines;
}

/**
 * `pnpm package [--platform linux-x64|win-x64] [--out DIR]`: the portable folders (both by
 * default) in `dist/portable/`, the npm tarballs cached in `node_modules/.cache/oise-portable`.
 */
export async function runPackageCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      platform: { type: 'string', multiple: true },
      out: { type: 'string' },
      'no-zip': { type: 'boolean' },
    },
  });
  const platforms = values.platform ?? [...PLATFORM_NAMES];
  const unknown = platforms.filter((p) => !isPlatformName(p));
  if (unknown.length) {
    console.error(`Plate-forme inconnue : ${unknown.join(', ')}. Choisissez ${PLATFORM_NAMES.join(' ou ')}.`);
    return 2;
  }
  const out = values.out ? resolve(values.out) : join(REPO, 'dist', 'portable');
  const cacheDir = join(REPO, 'node_modules', '.cache', 'oise-portable');
  for (const platform of platforms as PlatformName[]) {
    const build = await buildPortable(platform, {
      repo: REPO,
      out,
      cacheDir,
      zip: !values['no-zip'],
      log: (line) => console.error(line),
    });
    console.log(buildSummary(build).join('\n'));
  }
  return 0;
}
