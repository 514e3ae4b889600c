import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatNumberFr, quarterLabel } from '@oise/core';
import type { DemoCountry } from './demo-country.js';
import { oise } from './run-oise.js';

const KEY_INDICATORS = [
  'SAN_CPN',
  'EDU_ELEVES_INSCRITS',
  'HYD_PEM_FONCT',
  'GOV_TX_RECOUVREMENT',
  'ELU_CONSEILLERS',
];

interface Figure {
  value: number | null;
  reporting: number;
  expected: number;
  onTime?: number;
}

function query(dir: string, indicator: string, unit: string, period: string): Figure {
  return JSON.parse(
    oise(['query', '--dir', dir, '--indicator', indicator, '--unit', unit, '--period', period, '--json']),
  );
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The closing French summary: national figures as national sees them, and who holds which reports. */
export async function summarizeDemo(country: DemoCountry, period: string, root: string): Promise<string> {
  const { nodes, catalog } = country;
  const lines: string[] = [`\n══════ Synthèse nationale — ${quarterLabel(period)} ══════`];
  const labels = new Map(catalog.map((d) => [d.code, d]));
  const regions = [...nodes.regions.keys()];
  for (const code of KEY_INDICATORS) {
    const def = labels.get(code);
    if (!def) continue;
    const mali = query(nodes.national, code, 'ML', period);
    const year = query(nodes.national, code, 'ML', period.slice(0, 4));
    const byRegion = regions
      .map((r) => {
        const f = query(nodes.national, code, r, period);
        return `${r} ${f.value === null ? '—' : formatNumberFr(f.value, 1)}`;
      })
      .join(' · ');
    lines.push(
      `${def.labelFr} (${def.unit}) : Mali ${mali.value === null ? '—' : formatNumberFr(mali.value, 1)} au trimestre, ${year.value === null ? '—' : formatNumberFr(year.value, 1)} sur l'année — ${byRegion}`,
    );
  }
  const completeness = query(nodes.national, 'SAN_CPN', 'ML', period);
  lines.push(
    `Complétude : ${completeness.reporting} communes sur ${completeness.expected} ont transmis${completeness.onTime === undefined ? '' : `, ${completeness.onTime} à temps`}.`,
  );
  if (country.returned)
    lines.push(
      `Renvoyé puis corrigé : ${country.returned.cercle} au ${quarterLabel(country.returned.period)} (« ${country.returned.reason} »).`,
    );
  if (country.late)
    lines.push(`Transmis en retard : ${country.late.cercle} au ${quarterLabel(country.late.period)}.`);

  lines.push('\nRapports reçus par niveau :');
  const show = (label: string, dir: string) => {
    const files = filesUnder(join(dir, 'reports')).filter((f) => f.endsWith('.xlsx'));
    lines.push(`  ${label} (${files.length} classeurs)`);
    for (const f of files.filter((f) => f.includes(period)).slice(0, 4))
      lines.push(`    ${relative(root, f)}`);
  };
  show('National ML', nodes.national);
  const [firstRegion, regionDir] = [...nodes.regions][0]!;
  show(`Région ${firstRegion}`, regionDir);
  const [firstCercle, cercleDir] = [...nodes.cercles][0]!;
  show(`Cercle ${firstCercle}`, cercleDir);
  return lines.join('\n');
}
