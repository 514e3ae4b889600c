import type { BoundaryLevel } from '@oise/catalog';
import type { MessageTable } from './lang.js';

/*
 * The maps (views/map-figure.tsx and its script's words) and *Complétude et ponctualité*
 * (`/tableau/completude`), with their refusals. Unit names and the workflow's words are not here.
 */

const fr = {
  noData: 'pas de données',
  download: 'Télécharger la carte (PNG)',
  loading: 'Chargement de la carte…',
  unavailable:
    "La carte n'a pas pu être dessinée (limites absentes ou illisibles). Les chiffres sont dans le tableau.",
  noBoundaries:
    "Ce nœud n'a pas encore de limites pour ce niveau : au national, « oise territory boundaries import » (ou Réglages → Territoire) les charge, puis elles descendent avec le territoire.",
  missingOutline: 'Sans contour sur la carte : ',
  /** Between a unit's name and its figure on the map. */
  separator: ' : ',
  classRange: (from: string, to: string, last: boolean) => `${from} à ${last ? '' : 'moins de '}${to}`,
  levelPlural: (level: BoundaryLevel) =>
    ({ region: 'régions', cercle: 'cercles', commune: 'communes' })[level],
  levelSingular: (level: BoundaryLevel) =>
    ({ region: 'région', cercle: 'cercle', commune: 'commune' })[level],
  unitPlural: 'collectivités',
  unitSingular: 'collectivité',
  unknownLevelTitle: 'Niveau inconnu',
  unknownLevel: (text: string) =>
    `« ${text} » n'est pas un niveau de carte : demandez regions, cercles ou communes.`,
  unknownParentTitle: 'Collectivité inconnue',
  unknownParent: (text: string) =>
    `« ${text} » n'est pas un code de collectivité (par exemple ML04 ou ML0401).`,
  title: 'Complétude et ponctualité',
  heading: (parent: string, quarter: string) => `Complétude et ponctualité : ${parent}, ${quarter}`,
  show: 'Afficher',
  unknownQuarterTitle: 'Trimestre inconnu',
  unknownQuarter: (text: string) =>
    `« ${text} » n'est pas un trimestre : choisissez-en un dans la liste (par exemple 2025T1).`,
  unknownUnitTitle: 'Collectivité introuvable',
  unknownUnit: (text: string) =>
    `« ${text} » n'est pas une collectivité sous ce nœud : revenez à la carte et choisissez-en une.`,
  mapCaption: (quarter: string, child: string, parent: string) =>
    `Part des communes ayant transmis leurs données : ${parent}, par ${child}, ${quarter}.`,
  legendTitle: 'Communes ayant transmis (%)',
  tableCaption: (quarter: string, parent: string) =>
    `Qui a transmis, qui est en retard : ${parent}, ${quarter}`,
  columnUnit: 'Collectivité',
  columnStatus: 'État',
  columnReception: 'Réception',
  columnCommunes: 'Communes ayant transmis',
  columnRate: 'Complétude',
  columnOnTime: 'Dans les délais',
  breadcrumb: "Fil d'Ariane",
  drill: (name: string) => `Voir les collectivités de ${name}`,
  due: (date: string) => `Date limite de transmission : ${date}.`,
  summary: (reported: string, expected: string, late: string) =>
    `Ont transmis des valeurs : ${reported} sur ${expected} ; ${late}.`,
  noneLate: 'aucun retard',
  late: (count: string) => `${count} en retard`,
  lateWord: 'en retard',
  shareOfCommunes: (rate: string) => `${rate} % des communes`,
  percent: (rate: string) => `${rate} %`,
  valuesReceived: 'valeurs reçues',
  noValue: 'aucune valeur',
  levels: 'Voir par',
  levelsLead: 'Voir par : ',
};

const en = {
  noData: 'no data',
  download: 'Download the map (PNG)',
  loading: 'Loading the map…',
  unavailable: 'The map could not be drawn (boundaries missing or unreadable). The figures are in the table.',
  noBoundaries:
    'This node has no boundaries for this level yet: at national, « oise territory boundaries import » (or Settings → Territory) loads them, then they come down with the territory.',
  missingOutline: 'No outline on the map: ',
  separator: ': ',
  classRange: (from: string, to: string, last: boolean) => `${from} to ${last ? '' : 'under '}${to}`,
  levelPlural: (level: BoundaryLevel) =>
    ({ region: 'regions', cercle: 'cercles', commune: 'communes' })[level],
  levelSingular: (level: BoundaryLevel) =>
    ({ region: 'region', cercle: 'cercle', commune: 'commune' })[level],
  unitPlural: 'units',
  unitSingular: 'unit',
  unknownLevelTitle: 'Unknown level',
  unknownLevel: (text: string) => `« ${text} » is not a map level: ask for regions, cercles or communes.`,
  unknownParentTitle: 'Unknown unit',
  unknownParent: (text: string) => `« ${text} » is not a unit code (for example ML04 or ML0401).`,
  title: 'Completeness and timeliness',
  heading: (parent: string, quarter: string) => `Completeness and timeliness: ${parent}, ${quarter}`,
  show: 'Show',
  unknownQuarterTitle: 'Unknown quarter',
  unknownQuarter: (text: string) =>
    `« ${text} » is not a quarter: choose one in the list (for example 2025T1).`,
  unknownUnitTitle: 'Unit not found',
  unknownUnit: (text: string) =>
    `« ${text} » is not a unit under this node: go back to the map and choose one.`,
  mapCaption: (quarter: string, child: string, parent: string) =>
    `Share of communes that sent their data: ${parent}, by ${child}, ${quarter}.`,
  legendTitle: 'Communes that sent (%)',
  tableCaption: (quarter: string, parent: string) => `Who has sent, who is late: ${parent}, ${quarter}`,
  columnUnit: 'Unit',
  columnStatus: 'State',
  columnReception: 'Reception',
  columnCommunes: 'Communes that sent',
  columnRate: 'Completeness',
  columnOnTime: 'On time',
  breadcrumb: 'Breadcrumb',
  drill: (name: string) => `See the units of ${name}`,
  due: (date: string) => `Due date of transmission: ${date}.`,
  summary: (reported: string, expected: string, late: string) =>
    `Sent values: ${reported} of ${expected}; ${late}.`,
  noneLate: 'none late',
  late: (count: string) => `${count} late`,
  lateWord: 'late',
  shareOfCommunes: (rate: string) => `${rate}% of communes`,
  percent: (rate: string) => `${rate}%`,
  valuesReceived: 'values received',
  noValue: 'no value',
  levels: 'See by',
  levelsLead: 'See by: ',
} satisfies typeof fr;

export const carteText: MessageTable<typeof fr> = { fr, en };

/** A map level by its word in addresses (`/carte/limites/communes`, `?niveau=communes`): not a text, the same in every language. */
export const LEVEL_PATHS: Readonly<Record<BoundaryLevel, string>> = {
  region: 'regions',
  cercle: 'cercles',
  commune: 'communes',
};

/** The level a word of an address names. */
export const CARTE_LEVELS: Readonly<Record<string, BoundaryLevel>> = Object.fromEntries(
  Object.entries(LEVEL_PATHS).map(([level, path]) => [path, level as BoundaryLevel]),
);
