import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Project fixtures (written by the project). */
export const FIXTURES = {
  catalog: fileURLToPath(new URL('../../../fixtures/indicateurs.csv', import.meta.url)),
  demoTerritory: fileURLToPath(new URL('../../../fixtures/territoire-demo.csv', import.meta.url)),
};

/**
 * Real Mali data shared beside the repository (`../shared/data`, also on CI). Tests read it
 * there and never copy it into the repository.
 */
const sharedRoot = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
export const SHARED_DATA = {
  root: sharedRoot,
  communes: `${sharedRoot}mali-communes.csv`,
  regionsGeojson: `${sharedRoot}mali-regions.geojson`,
  cerclesGeojson: `${sharedRoot}mali-cercles.geojson`,
  communesGeojson: `${sharedRoot}mali-communes.geojson`,
  partnerships: `${sharedRoot}partenariats-mali-seed.tsv`,
  available: existsSync(`${sharedRoot}mali-communes.csv`),
};
