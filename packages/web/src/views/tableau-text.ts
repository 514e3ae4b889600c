/**
 * Every French sentence of the *Tableau de bord* (`/tableau`), in one object, so the page's
 * English table (the English setting of issue 14) is one more object of the same shape.
 */
export const TABLEAU_TEXT = {
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
  periodChoices: {
    '4': 'Les 4 derniers trimestres',
    '8': 'Les 8 derniers trimestres',
    annees: 'Les 3 dernières années',
    choisis: 'Les trimestres ou années choisis',
  },
  chosen: 'Trimestres ou années choisis',
  chosenHint:
    'Séparés par des virgules, par exemple 2025T1, 2024T4, 2024 (avec « Les trimestres ou années choisis »).',
  category: 'Catégorie',
  total: 'Total',
  chart: 'Type de graphique',
  chartChoices: { barres: 'Barres par collectivité', lignes: 'Lignes au fil des trimestres' },
  show: 'Afficher',
  breadcrumb: "Fil d'Ariane",
  tableHeading: 'Tableau',
  unitHeading: 'Collectivité',
  ensemble: 'ensemble',
  noFigure: '—',
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
  chartNoScript: 'Le graphique demande JavaScript ; le tableau donne les mêmes chiffres.',
  downloadPng: 'Télécharger le graphique (PNG)',
  mapHeading: 'Carte',
  mapCaption: (indicator: string, unit: string, period: string, canOpen: boolean) =>
    `${indicator} — les collectivités de ${unit}, ${period}.${canOpen ? ' Cliquez sur une collectivité pour l’ouvrir.' : ''}`,
  exports: 'Exporter le tableau',
  downloadXlsx: 'Télécharger le tableau (Excel)',
  downloadCsv: 'Télécharger le tableau (CSV pour Excel)',
  exportSheet: 'Tableau de bord',
  exportCompleteness: (period: string) => `Complétude — ${period}`,
  unconsolidated: (rows: string) =>
    `${rows} ligne(s) reçue(s) depuis la dernière consolidation : ces chiffres ne les comptent pas encore.`,
  consolidationState: 'Voir l’état de la consolidation (Accueil)',
  fresh: 'De nouveaux chiffres sont arrivés.',
  reload: 'Recharger',
  saved: 'Vues enregistrées',
  savedNone: 'Aucune vue enregistrée sur ce nœud.',
  savedBy: (author: string, date: string) => `par ${author}, le ${date}`,
  open: 'Ouvrir',
  removeButton: 'Supprimer',
  chartLinesTitle: (unit: string) => `${unit} et ses collectivités, au fil des périodes`,
  remove: (name: string) => `Supprimer la vue « ${name} »`,
  saveHeading: 'Enregistrer cette vue',
  saveName: 'Nom de la vue',
  save: 'Enregistrer la vue',
  savedDone: (name: string) => `Vue « ${name} » enregistrée.`,
  removedDone: 'Vue supprimée.',
  readOnlySave: 'Votre rôle permet d’ouvrir les vues enregistrées, pas d’en enregistrer.',
  unknownIndicator: (code: string) =>
    `Indicateur « ${code} » inconnu : choisissez-en un dans la liste du tableau de bord.`,
  unknownUnit: (code: string) =>
    `« ${code} » n'est pas une collectivité de ce nœud qui ait des collectivités au-dessous : choisissez-en une dans la liste, ou revenez au tableau de bord.`,
  badChoice: (what: string, value: string) => `${what} « ${value} » inconnu : choisissez dans la liste.`,
  tooManyPeriods: 'Choisissez 16 périodes au plus.',
  noView: "Cette vue enregistrée n'existe plus : elle a peut-être été supprimée.",
} as const;
