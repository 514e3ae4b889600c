import { type Quarter, type QuarterDeadlines, formatDateFr, quarterLabel } from '@oise/core';
import type ExcelJS from 'exceljs';
import { COLORS } from './workbook-layout.js';

/**
 * Writes the French instructions sheet; a returned quarter shows the region's reason first.
 * Dates as a person reads them (« 15 avril 2025 »), never ISO.
 */
export function writeInstructions(
  ws: ExcelJS.Worksheet,
  info: {
    cercleName: string;
    cercleCode: string;
    quarter: Quarter;
    communes: number;
    deadlines: QuarterDeadlines;
    returned: { reason: string; decidedAt: string; number: number } | undefined;
    previous: string;
    /** The region's word on the last quarter and this one (`regionFeedbackLines`), shown first. */
    feedback?: readonly string[];
  },
): void {
  ws.getColumn(1).width = 95;
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
  const lines: [string, 'title' | 'alert' | 'notice' | 'head' | 'text'][] = [
    [
      `OISE — saisie du ${quarterLabel(info.quarter)}, cercle de ${info.cercleName} (${info.cercleCode})`,
      'title',
    ],
    ['', 'text'],
  ];
  if (info.feedback?.length) {
    lines.push(
      ['Retour de la région', 'head'],
      ...info.feedback.map((text) => [text, 'notice'] as [string, 'notice']),
      ['', 'text'],
    );
  }
  if (info.returned) {
    lines.push(
      [
        `Trimestre renvoyé par la région le ${formatDateFr(info.returned.decidedAt)} (transmission n° ${info.returned.number}).`,
        'alert',
      ],
      [`Motif : ${info.returned.reason}`, 'alert'],
      [
        'Corrigez ce qui est demandé, importez le classeur, puis transmettez de nouveau (oise quarter submit).',
        'alert',
      ],
      ['', 'text'],
    );
  }
  lines.push(
    ['Calendrier', 'head'],
    [
      `Trimestre du ${formatDateFr(info.deadlines.opens)} au ${formatDateFr(info.deadlines.ends)} ; à transmettre à la région au plus tard le ${formatDateFr(info.deadlines.cercleDue)}.`,
      'text',
    ],
    ['', 'text'],
    ['Comment remplir', 'head'],
    [
      `Une feuille par domaine : une ligne par commune (${info.communes} communes), une colonne par indicateur.`,
      'text',
    ],
    [
      'Pour les indicateurs ventilés par sexe, remplissez F et M ; le total est facultatif, mais s’il est donné il doit être égal à F + M.',
      'text',
    ],
    [
      `La colonne grise à droite de chaque case rappelle la valeur du trimestre précédent (${info.previous}) ; elle n'est pas importée.`,
      'text',
    ],
    [
      'Les cases jaunes contiennent les valeurs déjà enregistrées : modifiez-les si besoin. Vider une case jaune supprime la valeur enregistrée.',
      'text',
    ],
    [
      'Les lignes 2 à 4 de chaque feuille donnent le libellé, le code, la forme attendue (nombre entier, oui/non…) avec l’unité, et les bornes : une valeur hors bornes est refusée.',
      'text',
    ],
    [
      'Les taux (par exemple le taux de recouvrement) ne se saisissent pas : OISE les calcule à partir de leur numérateur et de leur dénominateur.',
      'text',
    ],
    [
      'Une partie ne peut dépasser son tout (par exemple les CSCOM fonctionnels ne dépassent pas les CSCOM).',
      'text',
    ],
    [
      'Feuilles « Liste des élus », « Formations » et « Activités CCC » : une ligne par personne, formation ou activité ; choisissez dans les listes. Chaque en-tête dit entre parenthèses ce qu’il attend : (année), (jj/mm/aaaa), (F/M), (liste)… ; d’une date donnée là où une année est demandée, l’import retient l’année. Les colonnes marquées * sont obligatoires.',
      'text',
    ],
    ['Ne renommez pas et ne déplacez pas les feuilles ; ne modifiez pas la colonne « Identifiant ».', 'text'],
    ['', 'text'],
    ['Importer', 'head'],
    [
      'Enregistrez le classeur (format .xlsx), puis : oise import --dir DOSSIER_DU_NŒUD classeur.xlsx',
      'text',
    ],
    [
      'Rien n’est enregistré tant qu’une valeur est refusée : OISE indique la feuille, la ligne et la colonne de chaque problème, et quoi faire.',
      'text',
    ],
    [
      'Une valeur inhabituelle par rapport à l’historique de la commune est signalée (« attention ») mais enregistrée.',
      'text',
    ],
    [
      'Vous pouvez importer aussi souvent que vous voulez ; quand le trimestre est complet : oise quarter submit --dir DOSSIER --quarter ' +
        `${info.quarter.year}Q${info.quarter.quarter}`,
      'text',
    ],
  );
  lines.forEach(([text, style], i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
    // Spreadsheet programs do not grow a row for wrapped text they did not lay out themselves:
    // give each line its height (about 85 characters a line at this width), for screen and print.
    if (style === 'text' || style === 'alert' || style === 'notice')
      ws.getRow(i + 1).height = 15 * Math.max(1, Math.ceil(text.length / 85));
    if (style === 'title') cell.font = { bold: true, size: 14, color: { argb: COLORS.title } };
    if (style === 'head') cell.font = { bold: true, size: 12 };
    if (style === 'notice') {
      cell.font = { bold: true, color: { argb: 'FF1F3864' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    }
    if (style === 'alert') {
      cell.font = { bold: true, color: { argb: 'FF9C0006' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
    }
  });
}
