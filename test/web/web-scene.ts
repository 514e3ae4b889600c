import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { FIXTURES } from '@oise/testkit';

/** "Today" in the scenes: the 1st quarter 2025 is over, its cercle due date not yet passed. */
export const SCENE_NOW = '2025-04-10T09:00:00.000Z';

/** One `oise` command in this process, with `OISE_NOW` pinned; throws with its stderr on failure. */
export async function oise(args: string[], now = SCENE_NOW): Promise<string> {
  const r = await runCliCaptured(args, { OISE_NOW: now });
  if (r.code !== 0) throw new Error(`oise ${args.join(' ')} → ${r.code}\n${r.stderr}`);
  return r.stdout;
}

/** `oise query --json` for one figure of the 1st quarter 2025 (or `period`), as the command line gives it. */
export async function queried(
  dir: string,
  indicator: string,
  unit: string,
  options: { category?: string; period?: string } = {},
): Promise<number | null> {
  const args = [
    'query',
    '--dir',
    dir,
    '--indicator',
    indicator,
    '--unit',
    unit,
    '--period',
    options.period ?? '2025Q1',
    '--json',
  ];
  const out = await oise(options.category ? [...args, '--category', options.category] : args);
  return (JSON.parse(out) as { value: number | null }).value;
}

export interface Scene {
  national: string;
  region: string;
  cercle: string;
  /** The bundles a command wrote, newest last, by recipient. */
  outbox(dir: string, recipient: string): string[];
}

/**
 * National ML, region ML04 (Ségou) and cercle ML0401 (Barouéli), made with the real command
 * line: `oise init`, the territory imported at national (the demo's, or `territory`), its map
 * boundaries too when `boundaries` names GeoJSON files, keys exchanged, and the territory
 * carried down by bundles as a courier would.
 */
export async function makeScene(
  root: string,
  options: { territory?: string; boundaries?: string[] } = {},
): Promise<Scene> {
  const national = join(root, 'ML');
  const region = join(root, 'ML04');
  const cercle = join(root, 'ML0401');
  await oise(['init', '--dir', national, '--level', 'national', '--code', 'ML']);
  await oise(['init', '--dir', region, '--level', 'region', '--code', 'ML04']);
  await oise(['init', '--dir', cercle, '--level', 'cercle', '--code', 'ML0401']);
  await oise(['territory', 'import', '--dir', national, options.territory ?? FIXTURES.demoTerritory]);
  if (options.boundaries?.length)
    await oise(['territory', 'boundaries', 'import', '--dir', national, ...options.boundaries]);
  const keys = (dir: string, code: string) => {
    const file = join(root, `${code}.json`);
    return oise(['key', 'export', '--dir', dir, '--out', file]).then(() => file);
  };
  const [n, r, c] = [await keys(national, 'ML'), await keys(region, 'ML04'), await keys(cercle, 'ML0401')];
  await oise(['enroll', '--dir', national, r]);
  await oise(['enroll', '--dir', region, n]);
  await oise(['enroll', '--dir', region, c]);
  await oise(['enroll', '--dir', cercle, r]);
  const scene: Scene = {
    national,
    region,
    cercle,
    outbox: (dir, recipient) =>
      readdirSync(join(dir, 'outbox', recipient))
        .filter((f) => f.endsWith('.oise.gz'))
        .sort()
        .map((f) => join(dir, 'outbox', recipient, f)),
  };
  await oise(['export', '--dir', national]);
  await carry(scene.outbox(national, 'ML04'), region);
  await oise(['export', '--dir', region]);
  await carry(scene.outbox(region, 'ML0401'), cercle);
  return scene;
}

/** A courier: copies bundles into a node's inbox, and the node ingests them. */
export async function carry(files: string[], dir: string): Promise<void> {
  for (const f of files) copyFileSync(f, join(dir, 'inbox', basename(f)));
  await oise(['ingest', '--dir', dir]);
}

/** The cercle enters a few values of the 1st quarter 2025 (CSV import) and submits it. */
export async function enterAndSubmit(scene: Scene, root: string): Promise<void> {
  const csv = join(root, 'saisie-2025Q1.csv');
  writeFileSync(
    csv,
    [
      'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
      'ML040101;SAN_CSCOM;2025Q1;;4;',
      'ML040101;SAN_CSCOM_FONCT;2025Q1;;3;',
      'ML040106;SAN_CSCOM;2025Q1;;2;',
    ].join('\n'),
  );
  await oise(['import', '--dir', scene.cercle, csv]);
  await oise(['quarter', 'submit', '--dir', scene.cercle, '--quarter', '2025Q1']);
  await oise(['export', '--dir', scene.cercle]);
}

/** The cercle enters a quarter (CSV import), submits it, and the region validates it; returns the region's bundles for national. */
export async function quarterUpToRegion(
  scene: Scene,
  root: string,
  quarter: string,
  lines: string[],
): Promise<string[]> {
  const csv = join(root, `saisie-${quarter}.csv`);
  writeFileSync(
    csv,
    ['code_collectivite;code_indicateur;periode;categorie;valeur;commentaire', ...lines].join('\n'),
  );
  await oise(['import', '--dir', scene.cercle, csv]);
  await oise(['quarter', 'submit', '--dir', scene.cercle, '--quarter', quarter]);
  await carry(scene.outbox(scene.cercle, 'ML04'), scene.region);
  await oise(['quarter', 'validate', '--dir', scene.region, '--unit', 'ML0401', '--quarter', quarter]);
  return scene.outbox(scene.region, 'ML');
}
