/**
 * The French words of the maps and of *Complétude et ponctualité* (one table, so that an
 * English one can stand beside it later).
 */
export const CARTE_TEXT = {
  noData: 'pas de données',
  download: 'Télécharger la carte (PNG)',
  loading: 'Chargement de la carte…',
  unavailable:
    "La carte n'a pas pu être dessinée (limites absentes ou illisibles). Les chiffres sont dans le tableau.",
  noBoundaries:
    "Ce nœud n'a pas encore de limites pour ce niveau : au national, « oise territory boundaries import » (ou Réglages → Territoire) les charge, puis elles descendent avec le territoire.",
  missingOutline: 'Sans contour sur la carte : ',
  levelPath: { region: 'regions', cercle: 'cercles', commune: 'communes' },
  levelPlural: { region: 'régions', cercle: 'cercles', commune: 'communes' },
  levelSingular: { region: 'région', cercle: 'cercle', commune: 'commune' },
  unknownLevel: (text: string) =>
    `« ${text} » n'est pas un niveau de carte : demandez regions, cercles ou communes.`,
  unknownParent: (text: string) =>
    `« ${text} » n'est pas un code de collectivité (par exemple ML04 ou ML0401).`,
  completeness: {
    title: 'Complétude et ponctualité',
    quarterLabel: 'Trimestre',
    show: 'Afficher',
    unknownQuarter: (text: string) =>
      `« ${text} » n'est pas un trimestre : choisissez-en un dans la liste (par exemple 2025T1).`,
    unknownUnit: (text: string) =>
      `« ${text} » n'est pas une collectivité sous ce nœud : revenez à la carte et choisissez-en une.`,
    mapCaption: (quarter: string, child: string, parent: string) =>
      `Part des communes ayant transmis leurs données : ${parent}, par ${child}, ${quarter}.`,
    legendTitle: 'Communes ayant transmis (%)',
    tableCaption: (quarter: string, parent: string) =>
      `Qui a transmis, qui est en retard : ${parent}, ${quarter}`,
    columns: {
      unit: 'Collectivité',
      status: 'État',
      reception: 'Réception',
      communes: 'Communes ayant transmis',
      rate: 'Complétude',
      onTime: 'Dans les délais',
    },
    breadcrumb: "Fil d'Ariane",
    drill: (name: string) => `Voir les collectivités de ${name}`,
    due: (date: string) => `Date limite de transmission : ${date}.`,
    summary: (reported: string, expected: string, late: string) =>
      `Ont transmis des valeurs : ${reported} sur ${expected} ; ${late}.`,
    back: 'Retour au tableau de bord',
    levels: 'Voir par',
  },
} as const;

/** A map level by its word in addresses (`/carte/limites/communes`, `?niveau=communes`). */
export const CARTE_LEVELS: Readonly<Record<string, 'region' | 'cercle' | 'commune'>> = Object.fromEntries(
  Object.entries(CARTE_TEXT.levelPath).map(([level, path]) => [
    path,
    level as 'region' | 'cercle' | 'commune',
  ]),
);
