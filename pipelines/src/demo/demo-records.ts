import type { DemoRecords } from './fill-workbook.js';
import { hashOf, seededRandom } from './seeded-random.js';

const FIRST_NAMES_F = ['Awa', 'Fatoumata', 'Kadiatou', 'Mariam', 'Aminata', 'Oumou', 'Hawa', 'Djénéba'];
const FIRST_NAMES_M = ['Moussa', 'Bakary', 'Seydou', 'Amadou', 'Oumar', 'Souleymane', 'Mamadou', 'Issa'];
const FAMILY_NAMES = [
  'Traoré',
  'Coulibaly',
  'Diarra',
  'Keïta',
  'Konaté',
  'Sangaré',
  'Dembélé',
  'Touré',
  'Sidibé',
];
const SCHOOLING = ['aucune', 'coranique', 'primaire', 'secondaire', 'superieur'];
const THEMES = [
  'Maîtrise d’ouvrage communale',
  'Élaboration et exécution du budget',
  'Mobilisation des ressources fiscales',
  'Tenue de l’état civil',
  'Suivi du PDESC',
];
const ACTIVITY_KINDS: [string, string][] = [
  ['mission_appui', 'Appui-conseil au secrétariat général'],
  ['session', 'Appui à la session ordinaire du conseil communal'],
  ['pdesc', 'Revue annuelle du PDESC'],
  ['budget', 'Appui à l’élaboration du budget primitif'],
];

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/**
 * The record lists of a cercle's quarter: the councils' elected officials (first quarter only;
 * the next workbooks carry the list forward), a few training actions and CCC activities.
 */
export function demoRecords(
  communes: readonly string[],
  period: string,
  quarterIndex: number,
  seed: number,
): DemoRecords {
  const rng = seededRandom(seed ^ hashOf(`${communes[0]}:${period}`));
  const year = Number(period.slice(0, 4));
  const month = (Number(period.slice(5)) - 1) * 3;
  const officials: DemoRecords['officials'] = [];
  if (quarterIndex === 0) {
    for (const commune of communes) {
      const count = 3 + Math.floor(rng() * 3);
      const names = new Set<string>();
      for (let i = 0; i < count; i++) {
        const sex = rng() < 0.25 ? 'F' : 'M';
        let fullName = '';
        do fullName = `${pick(rng, sex === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M)} ${pick(rng, FAMILY_NAMES)}`;
        while (names.has(fullName));
        names.add(fullName);
        officials.push({
          org_unit_code: commune,
          period,
          full_name: fullName,
          role: i === 0 ? 'maire' : i === 1 ? 'adjoint' : 'conseiller',
          sex,
          birth_year: 1955 + Math.floor(rng() * 40),
          schooling: pick(rng, SCHOOLING),
          literate: rng() < 0.7 ? 'oui' : 'non',
          mandate_start: 2016,
          mandate_end: 2026,
        });
      }
    }
  }
  const trainings: DemoRecords['trainings'] = [];
  for (let i = 0; i < 2; i++) {
    const day = 3 + Math.floor(rng() * 20);
    trainings.push({
      org_unit_code: pick(rng, communes),
      period,
      theme: pick(rng, THEMES),
      start_date: new Date(Date.UTC(year, month + i, day)),
      end_date: new Date(Date.UTC(year, month + i, day + 2)),
      days: 3,
      participants_f: 2 + Math.floor(rng() * 10),
      participants_m: 5 + Math.floor(rng() * 15),
      target_group: pick(rng, ['elus', 'secretaires', 'agents', 'societe_civile']),
      funder: pick(rng, ['ANICT', 'Coopération suisse', 'Conseil régional', 'Budget communal']),
      cost: 250_000 + Math.floor(rng() * 20) * 50_000,
    });
  }
  const activities: DemoRecords['activities'] = [];
  for (const commune of communes) {
    const [kind, description] = pick(rng, ACTIVITY_KINDS);
    activities.push({
      org_unit_code: commune,
      period,
      kind,
      activity_date: new Date(Date.UTC(year, month + Math.floor(rng() * 3), 2 + Math.floor(rng() * 25))),
      days: 1 + Math.floor(rng() * 3),
      description,
      participants: 5 + Math.floor(rng() * 20),
    });
  }
  return { officials, trainings, activities };
}
