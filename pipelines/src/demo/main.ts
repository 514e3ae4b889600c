import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oise } from './run-oise.js';

/*
 * The demo country: a national node, one region and one cercle, made from the project's
 * fixtures with the real command line, each node in its own folder under demo-country/.
 */
const root = fileURLToPath(new URL('../../../demo-country/', import.meta.url));
const territory = fileURLToPath(new URL('../../../fixtures/territoire-demo.csv', import.meta.url));

if (existsSync(root)) rmSync(root, { recursive: true, force: true });
const national = join(root, 'national-ML');
const region = join(root, 'region-ML04');
const cercle = join(root, 'cercle-ML0401');

console.log('Construction du pays de démonstration dans', root);
oise(['init', '--dir', national, '--level', 'national', '--code', 'ML']);
oise(['territory', 'import', '--dir', national, territory]);
oise(['init', '--dir', region, '--level', 'region', '--code', 'ML04', '--parent', 'ML']);
oise(['init', '--dir', cercle, '--level', 'cercle', '--code', 'ML0401', '--parent', 'ML04']);

// Enrolment both ways: each parent trusts its child's key, each child its parent's.
const keys = (dir: string, code: string) => {
  const file = join(root, `cle-${code}.json`);
  oise(['key', 'export', '--dir', dir, '--out', file]);
  return file;
};
const kNational = keys(national, 'ML');
const kRegion = keys(region, 'ML04');
const kCercle = keys(cercle, 'ML0401');
oise(['enroll', '--dir', national, kRegion]);
oise(['enroll', '--dir', region, kNational]);
oise(['enroll', '--dir', region, kCercle]);
oise(['enroll', '--dir', cercle, kRegion]);

for (const dir of [national, region, cercle]) {
  console.log(`\n— ${dir}`);
  process.stdout.write(oise(['status', '--dir', dir]));
}
