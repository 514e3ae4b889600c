import type { MessageTable } from './lang.js';

/*
 * The *Tableau de bord* (`/tableau`): its page, its refusals, its chart script's words and its
 * exports' headers. Indicator labels, domains, categories and unit names are data and stay French.
 */

const fr = {
  title: 'Tableau de bord',
  intro:
    'Les chiffres que ce nœud détient, tels que « oise query » les donne : choisissez un indicateur, une collectivité, des trimestres ; ouvrez une collectivité pour descendre d’un niveau.',
  choosers: 'Choisir les chiffres',
  indicatorFilter: 'Filtrer les indicateurs',
  indicatorFilterHint:
    'Tapez une partie du libellé : la liste ne garde que les indicateurs qui le contiennent.',
  indicator: 'Indicateur',
  unit: 'Collectivité',
  periods: 'Périodes',
  periodChoice: (mode: '4' | '8' | 'annees' | 'choisis') =>
    ({
      '4': 'Les 4 derniers trimestres',
      '8': 'Les 8 derniers trimestres',
      annees: 'Les 3 dernières années',
      choisis: 'Les trimestres ou années choisis',
    })[mode],
  chosen: 'Trimestres ou années choisis',
  chosenHint:
    'Séparés par des virgules, par exemple 2025T1, 2024T4, 2024 (avec « Les trimestres ou années choisis »).',
  category: 'Catégorie',
  total: 'Total',
  chart: 'Type de graphique',
  chartChoice: (kind: 'barres' | 'lignes') =>
    ({ barres: 'Barres par collectivité', lignes: 'Lignes au fil des trimestres' })[kind],
  show: 'Afficher',
  breadcrumb: "Fil d'Ariane",
  tableHeading: (indicator: string) => `Tableau : ${indicator}`,
  unitHeading: 'Collectivité',
  ensemble: 'ensemble',
  noFigureWords: 'aucun chiffre',
  openUnit: (name: string) => `Ouvrir ${name} : ses collectivités`,
  completeness: (reporting: string, expected: string, plural: boolean) =>
    `${reporting} / ${expected} commune${plural ? 's' : ''}`,
  caption: (indicator: string, unit: string) => `${indicator} — ${unit} et ses collectivités, par période`,
  year: (y: string) => `Année ${y}`,
  chartHeading: 'Graphique',
  chartLabel: (indicator: string) => `Graphique : ${indicator} (le tableau ci-dessus en donne les chiffres)`,
  chartBarsTitle: (unit: string, women: string, men: string) =>
    `Les collectivités de ${unit}, une barre par période${women ? ` (${women.toLowerCase()} et ${men.toLowerCase()} empilés)` : ''}`,
  chartLinesTitle: (unit: string) => `${unit} et ses collectivités, au fil des périodes`,
  chartNoScript: 'Le graphique demande JavaScript ; le tableau donne les mêmes chiffres.',
  /** Between a series' name and its figure in the chart's tooltip. */
  scriptSeparator: ' : ',
  downloadPng: 'Télécharger le graphique (PNG)',
  mapHeading: 'Carte',
  mapCaption: (indicator: string, unit: string, period: string, canOpen: boolean) =>
    `${indicator} — les collectivités de ${unit}, ${period}.${canOpen ? ' Cliquez sur une collectivité pour l’ouvrir.' : ''}`,
  exports: 'Exporter le tableau',
  downloadXlsx: 'Télécharger le tableau (Excel)',
  downloadCsv: 'Télécharger le tableau (CSV pour Excel)',
  exportSheet: 'Tableau de bord',
  exportCode: 'Code',
  exportCompleteness: (period: string) => `Complétude — ${period}`,
  unconsolidated: (rows: string) =>
    `${rows} ligne(s) reçue(s) depuis la dernière consolidation : ces chiffres ne les comptent pas encore.`,
  consolidationState: 'Voir l’état de la consolidation (Accueil)',
  fresh: 'De nouveaux chiffres sont arrivés.',
  reload: 'Recharger',
  saved: 'Vues enregistrées',
  savedNone: 'Aucune vue enregistrée sur ce nœud.',
  savedBy: (author: string, date: string) => `par ${author}, le ${date}`,
  removeButton: 'Supprimer',
  remove: (name: string) => `Supprimer la vue « ${name} »`,
  saveName: 'Nom de la vue',
  save: 'Enregistrer la vue',
  savedDone: (name: string) => `Vue « ${name} » enregistrée.`,
  removedDone: 'Vue supprimée.',
  readOnlySave: 'Votre rôle permet d’ouvrir les vues enregistrées, pas d’en enregistrer.',
  unknownIndicatorTitle: 'Indicateur inconnu',
  unknownIndicator: (code: string) =>
    `Indicateur « ${code} » inconnu : choisissez-en un dans la liste du tableau de bord.`,
  unknownUnitTitle: 'Collectivité inconnue',
  unknownUnit: (code: string) =>
    `« ${code} » n'est pas une collectivité de ce nœud qui ait des collectivités au-dessous : choisissez-en une dans la liste, ou revenez au tableau de bord.`,
  badPeriodsTitle: 'Périodes inconnues',
  badPeriods: (value: string) => `Choix de périodes « ${value} » inconnu : choisissez dans la liste.`,
  badCategoryTitle: 'Catégorie inconnue',
  badCategory: (value: string) => `Catégorie « ${value} » inconnue : choisissez dans la liste.`,
  badChartTitle: 'Graphique inconnu',
  badChart: (value: string) => `Graphique « ${value} » inconnu : choisissez dans la liste.`,
  periodsTitle: 'Périodes',
  tooManyPeriods: 'Choisissez 16 périodes au plus.',
  noViewTitle: 'Vue introuvable',
  noView: "Cette vue enregistrée n'existe plus : elle a peut-être été supprimée.",
};

const en = {
  title: 'Dashboard',
  intro:
    'The figures this node holds, as « oise query » gives them: choose an indicator, a unit, quarters; open a unit to go down one level.',
  choosers: 'Choose the figures',
  indicatorFilter: 'Filter the indicators',
  indicatorFilterHint: 'Type part of the label: the list keeps only the indicators that contain it.',
  indicator: 'Indicator',
  unit: 'Unit',
  periods: 'Periods',
  periodChoice: (mode: '4' | '8' | 'annees' | 'choisis') =>
    ({
      '4': 'The last 4 quarters',
      '8': 'The last 8 quarters',
      annees: 'The last 3 years',
      choisis: 'The chosen quarters or years',
    })[mode],
  chosen: 'Chosen quarters or years',
  chosenHint:
    'Separated by commas, for example 2025T1, 2024T4, 2024 (with « The chosen quarters or years »).',
  category: 'Category',
  total: 'Total',
  chart: 'Kind of chart',
  chartChoice: (kind: 'barres' | 'lignes') =>
    ({ barres: 'Bars by unit', lignes: 'Lines over the quarters' })[kind],
  show: 'Show',
  breadcrumb: 'Breadcrumb',
  tableHeading: (indicator: string) => `Table: ${indicator}`,
  unitHeading: 'Unit',
  ensemble: 'whole',
  noFigureWords: 'no figure',
  openUnit: (name: string) => `Open ${name}: its units`,
  completeness: (reporting: string, expected: string, plural: boolean) =>
    `${reporting} / ${expected} commune${plural ? 's' : ''}`,
  caption: (indicator: string, unit: string) => `${indicator} — ${unit} and its units, by period`,
  year: (y: string) => `Year ${y}`,
  chartHeading: 'Chart',
  chartLabel: (indicator: string) => `Chart: ${indicator} (the table above gives its figures)`,
  chartBarsTitle: (unit: string, women: string, men: string) =>
    `The units of ${unit}, one bar per period${women ? ` (${women.toLowerCase()} and ${men.toLowerCase()} stacked)` : ''}`,
  chartLinesTitle: (unit: string) => `${unit} and its units, over the periods`,
  chartNoScript: 'The chart needs JavaScript; the table gives the same figures.',
  scriptSeparator: ': ',
  downloadPng: 'Download the chart (PNG)',
  mapHeading: 'Map',
  mapCaption: (indicator: string, unit: string, period: string, canOpen: boolean) =>
    `${indicator} — the units of ${unit}, ${period}.${canOpen ? ' Click a unit to open it.' : ''}`,
  exports: 'Export the table',
  downloadXlsx: 'Download the table (Excel)',
  downloadCsv: 'Download the table (CSV for Excel)',
  exportSheet: 'Dashboard',
  exportCode: 'Code',
  exportCompleteness: (period: string) => `Completeness — ${period}`,
  unconsolidated: (rows: string) =>
    `${rows} row(s) received since the last consolidation: these figures do not count them yet.`,
  consolidationState: 'See the state of the consolidation (Home)',
  fresh: 'New figures have arrived.',
  reload: 'Reload',
  saved: 'Saved views',
  savedNone: 'No view saved on this node.',
  savedBy: (author: string, date: string) => `by ${author}, on ${date}`,
  removeButton: 'Delete',
  remove: (name: string) => `Delete the view « ${name} »`,
  saveName: 'Name of the view',
  save: 'Save the view',
  savedDone: (name: string) => `View « ${name} » saved.`,
  removedDone: 'View deleted.',
  readOnlySave: 'Your role may open the saved views, not save any.',
  unknownIndicatorTitle: 'Unknown indicator',
  unknownIndicator: (code: string) => `Unknown indicator « ${code} »: choose one in the dashboard's list.`,
  unknownUnitTitle: 'Unknown unit',
  unknownUnit: (code: string) =>
    `« ${code} » is not a unit of this node with units below it: choose one in the list, or go back to the dashboard.`,
  badPeriodsTitle: 'Unknown periods',
  badPeriods: (value: string) => `Unknown choice of periods « ${value} »: choose in the list.`,
  badCategoryTitle: 'Unknown category',
  badCategory: (value: string) => `Unknown category « ${value} »: choose in the list.`,
  badChartTitle: 'Unknown chart',
  badChart: (value: string) => `Unknown chart « ${value} »: choose in the list.`,
  periodsTitle: 'Periods',
  tooManyPeriods: 'Choose 16 periods at most.',
  noViewTitle: 'View not found',
  noView: 'This saved view no longer exists: it may have been deleted.',
} satisfies typeof fr;

export const tableauText: MessageTable<typeof fr> = { fr, en };
