import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type IndicatorDefinition, readIndicatorCatalog, readTerritoryFile } from '@oise/catalog';
import { addDays, parseQuarter, quarterEnd, quarterLabel } from '@oise/core';
import { carryBundles } from './courier.js';
import { demoRecords } from './demo-records.js';
import { type DemoValue, demoValues } from './demo-values.js';
import { fillEntryWorkbook } from './fill-workbook.js';
import { oise } from './run-oise.js';

const FIXTURE_TERRITORY = fileURLToPath(new URL('../../../fixtures/territoire-demo.csv', import.meta.url));

export interface DemoOptions {
  /** Folder of the demo country (emptied first). */
  root: string;
  /** Quarters to play, in order (e.g. 2025Q1 … 2025Q4). */
  quarters: string[];
  /** Regions of the demo territory to include (default: all of it). */
  regions?: string[];
  /** A quarter whose first cercle the CSR returns for correction. */
  returnIn?: string;
  /** A quarter in which one cercle enters its figures after its due date. */
  lateIn?: string;
  /** GeoJSON of Mali's regions for the national map (used when the file exists). */
  boundaries?: string;
  seed?: number;
  log?: (line: string) => void;
  /** Called before national's consolidating pass of each quarter (tests interrupt it there). */
  beforeNationalPass?: (period: string, dir: string, now: string) => Promise<void> | void;
}

export interface DemoNodes {
  national: string;
  regions: Map<string, string>;
  cercles: Map<string, string>;
  /** Every node folder by code: the courier's address book. */
  all: Map<string, string>;
}

export interface DemoCountry {
  nodes: DemoNodes;
  /** Every figure entered in the cercles' workbooks (after corrections), by key. */
  entered: Map<string, DemoValue & { period: string }>;
  catalog: IndicatorDefinition[];
  /** The cercle returned and the one late, for the summary. */
  returned?: { cercle: string; period: string; reason: string };
  late?: { cercle: string; period: string };
}

/** Key of an entered figure. */
export function enteredKey(commune: string, indicator: string, period: string, category: string): string {
  return `${commune}|${indicator}|${period}|${category}`;
}

/**
 * Builds a demo country and plays its quarters end to end with the real command line, each
 * node a folder and each command its own process: CCC advisers fill their workbooks, every
 * node's `oise run --once` does what is due, CSRs validate, return and annotate, and a courier
 * carries the bundles between folders.
 */
export async function buildDemoCountry(options: DemoOptions): Promise<DemoCountry> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 20250101;
  if (existsSync(options.root)) rmSync(options.root, { recursive: true, force: true });
  mkdirSync(options.root, { recursive: true });
  const catalog = readIndicatorCatalog();
  const units = readTerritoryFile(FIXTURE_TERRITORY).filter(
    (u) => !options.regions || u.level === 'pays' || options.regions.some((r) => u.code.startsWith(r)),
  );
  const territoryFile = join(options.root, 'territoire.csv');
  writeFileSync(
    territoryFile,
    `code,name,level,parent_code\n${units.map((u) => `${u.code},${u.name},${u.level},${u.parentCode ?? ''}`).join('\n')}\n`,
  );
  const nodes = setUpNodes(options.root, units, territoryFile, options.boundaries, log);
  const communesOf = (cercle: string) =>
    units.filter((u) => u.level === 'commune' && u.parentCode === cercle).map((u) => u.code);
  const cercleCodes = [...nodes.cercles.keys()];
  const country: DemoCountry = { nodes, entered: new Map(), catalog };

  const at = (period: string, days: number) =>
    `${addDays(quarterEnd(parseQuarter(period)), days)}T08:00:00.000Z`;
  const pass = (dir: string, now: string) => oise(['run', '--dir', dir, '--once'], { OISE_NOW: now });
  const passAll = (dirs: Iterable<string>, now: string) => {
    for (const dir of dirs) pass(dir, now);
    return carryBundles(nodes.all);
  };

  // The CSR of a cercle's region, at the command line.
  const csr = (cercle: string, period: string, now: string, action: string[]) =>
    oise(
      [...action, '--dir', nodes.regions.get(cercle.slice(0, 4))!, '--quarter', period, '--unit', cercle],
      {
        OISE_NOW: now,
      },
    );

  for (const [index, period] of options.quarters.entries()) {
    log(`\n═══ ${quarterLabel(period)} ═══`);
    const lateCercle = options.lateIn === period ? cercleCodes.at(-1) : undefined;
    const returnedCercle = options.returnIn === period ? cercleCodes[0] : undefined;

    // The advisers fill their workbooks in the days after the quarter ends.
    const enterQuarter = async (cercle: string, now: string) => {
      const dir = nodes.cercles.get(cercle)!;
      const file = join(dir, `saisie-${period}.xlsx`);
      oise(['template', '--dir', dir, '--quarter', period, '--out', file], { OISE_NOW: now });
      const values = communesOf(cercle).flatMap((c) => demoValues(catalog, c, index, seed));
      await fillEntryWorkbook(file, values, demoRecords(communesOf(cercle), period, index, seed));
      oise(['import', '--dir', dir, file], { OISE_NOW: now });
      for (const v of values)
        country.entered.set(enteredKey(v.commune, v.indicator, period, v.category), { ...v, period });
    };
    for (const cercle of cercleCodes) if (cercle !== lateCercle) await enterQuarter(cercle, at(period, 5));
    log(`Saisie : ${cercleCodes.length - (lateCercle ? 1 : 0)} cercles ont rempli leur classeur.`);

    // Cercles submit what is complete; the CSRs receive, validate (or return) and annotate.
    log(`Paquets transportés : ${passAll(nodes.cercles.values(), at(period, 8))}`);
    passAll(nodes.regions.values(), at(period, 10));
    for (const cercle of cercleCodes.filter((c) => c !== lateCercle)) {
      if (cercle === returnedCercle) {
        const reason =
          'Les consultations prénatales de la première commune semblent sous-estimées : vérifiez le registre du CSCOM et corrigez.';
        csr(cercle, period, at(period, 10), ['quarter', 'return', '--reason', reason]);
        country.returned = { cercle, period, reason };
        log(`Le CSR de ${cercle.slice(0, 4)} renvoie le trimestre de ${cercle} au CCC.`);
      } else {
        csr(cercle, period, at(period, 10), ['quarter', 'validate']);
      }
      csr(cercle, period, at(period, 10), ['note', '--text', noteFor(cercle, period)]);
    }
    passAll(nodes.regions.values(), at(period, 10));

    // The returned cercle corrects with a small CSV and its next pass submits again.
    passAll(nodes.cercles.values(), at(period, 12));
    if (returnedCercle) {
      const dir = nodes.cercles.get(returnedCercle)!;
      const commune = communesOf(returnedCercle)[0]!;
      const key = enteredKey(commune, 'SAN_CPN', period, '');
      const before = country.entered.get(key);
      if (before) {
        const corrected = Math.round(before.value * 1.4);
        const csv = join(dir, `correction-${period}.csv`);
        writeFileSync(
          csv,
          `\uFEFFcode_collectivite;code_indicateur;periode;categorie;valeur;commentaire\r\n${commune};SAN_CPN;${period.replace('Q', 'T')};;${corrected};Corrigé après vérification du registre\r\n`,
        );
        oise(['import', '--dir', dir, csv], { OISE_NOW: at(period, 12) });
        country.entered.set(key, { ...before, value: corrected });
        log(`Le CCC de ${returnedCercle} corrige (${before.value} → ${corrected}) et transmet de nouveau.`);
      }
      passAll([dir], at(period, 12));
      passAll(nodes.regions.values(), at(period, 14));
      csr(returnedCercle, period, at(period, 14), ['quarter', 'validate']);
    }

    // The late cercle enters after its due date; the region sees it missing, then late.
    passAll(nodes.regions.values(), at(period, 17));
    if (lateCercle) {
      await enterQuarter(lateCercle, at(period, 24));
      passAll([nodes.cercles.get(lateCercle)!], at(period, 25));
      country.late = { cercle: lateCercle, period };
      log(
        `Le cercle ${lateCercle} transmet en retard (après le ${addDays(quarterEnd(parseQuarter(period)), 15)}).`,
      );
      passAll([nodes.regions.get(lateCercle.slice(0, 4))!], at(period, 26));
      csr(lateCercle, period, at(period, 26), ['quarter', 'validate']);
      csr(lateCercle, period, at(period, 26), ['note', '--text', 'Transmis en retard ; données complètes.']);
    }

    // Regions forward; national consolidates and publishes; everything goes back down.
    passAll(nodes.regions.values(), at(period, 31));
    await options.beforeNationalPass?.(period, nodes.national, at(period, 46));
    passAll([nodes.national], at(period, 46));
    passAll(nodes.regions.values(), at(period, 47));
    passAll(nodes.cercles.values(), at(period, 48));
    log(`Le national a consolidé et publié le ${quarterLabel(period)} ; les documents sont redescendus.`);
  }
  // Last acknowledgements travel until nobody has anything left to send.
  const last = options.quarters.at(-1);
  for (let round = 0; last && round < 4; round++) {
    if (passAll([...nodes.cercles.values(), ...nodes.regions.values(), nodes.national], at(last, 49)) === 0)
      break;
  }
  return country;
}

function noteFor(cercle: string, period: string): string {
  return `Trimestre ${period} du cercle ${cercle} : saisie complète, chiffres cohérents avec le trimestre précédent ; suivre la fonctionnalité des points d'eau.`;
}

function setUpNodes(
  root: string,
  units: ReturnType<typeof readTerritoryFile>,
  territoryFile: string,
  boundaries: string | undefined,
  log: (line: string) => void,
): DemoNodes {
  const now = '2025-01-02T08:00:00.000Z';
  const env = { OISE_NOW: now };
  const national = join(root, 'national-ML');
  const regions = new Map<string, string>();
  const cercles = new Map<string, string>();
  oise(['init', '--dir', national, '--level', 'national', '--code', 'ML'], env);
  oise(['territory', 'import', '--dir', national, territoryFile], env);
  for (const u of units) {
    if (u.level === 'region') regions.set(u.code, join(root, `region-${u.code}`));
    if (u.level === 'cercle') cercles.set(u.code, join(root, `cercle-${u.code}`));
  }
  for (const [code, dir] of regions)
    oise(['init', '--dir', dir, '--level', 'region', '--code', code, '--parent', 'ML'], env);
  for (const [code, dir] of cercles)
    oise(['init', '--dir', dir, '--level', 'cercle', '--code', code, '--parent', code.slice(0, 4)], env);
  const all = new Map<string, string>([['ML', national], ...regions, ...cercles]);
  // Enrolment both ways: each parent trusts its children's keys, each child its parent's.
  const keys = new Map<string, string>();
  for (const [code, dir] of all) {
    const file = join(root, 'cles', `${code}.json`);
    mkdirSync(join(root, 'cles'), { recursive: true });
    oise(['key', 'export', '--dir', dir, '--out', file], env);
    keys.set(code, file);
  }
  for (const [code, dir] of [...regions, ...cercles]) {
    const parent = code.length === 4 ? 'ML' : code.slice(0, 4);
    oise(['enroll', '--dir', all.get(parent)!, keys.get(code)!], env);
    oise(['enroll', '--dir', dir, keys.get(parent)!], env);
  }
  log(`Nœuds créés : 1 national, ${regions.size} régions, ${cercles.size} cercles ; clés échangées.`);
  // National sends the territory down; regions forward it to their cercles.
  if (boundaries && existsSync(boundaries))
    oise(['settings', '--dir', national, 'report.boundaries', boundaries], env);
  oise(['run', '--dir', national, '--once'], env);
  carryBundles(all);
  for (const dir of regions.values()) oise(['run', '--dir', dir, '--once'], env);
  carryBundles(all);
  for (const dir of cercles.values()) oise(['run', '--dir', dir, '--once'], env);
  carryBundles(all);
  return { national, regions, cercles, all };
}
