import { formatCountOf } from '../views/format.js';
import type { MessageTable } from './lang.js';

/* The entry workbook and the import (import-page, areas/saisie-import, uploads/receive-import). */

const fr = {
  title: (quarter: string) => `Classeur et import — ${quarter}`,
  quarter: 'Trimestre',
  backToGrid: (quarter: string) => `Retour à la grille de saisie du ${quarter}`,
  download: 'Télécharger',
  downloadIntro:
    'Le classeur Excel de saisie du cercle (une feuille par domaine, valeurs déjà saisies pré-remplies, valeurs du trimestre précédent en gris), et les fiches de collecte papier des communes (une feuille A4 par commune), comme les écrivent « oise template » et « oise fiches ».',
  downloadWorkbook: 'Télécharger le classeur de saisie',
  downloadForms: 'Télécharger les fiches de collecte',
  importTitle: 'Importer un fichier rempli',
  importIntro: (quarter: string) =>
    `Chaque ligne est vérifiée comme à la commande « oise import » : type, bornes, F + M = total, partie ≤ tout, valeurs inhabituelles pour la commune. Les lignes d'un fichier CSV doivent être du ${quarter}.`,
  fileLabel: 'Classeur ou fichier CSV rempli',
  fileHint: 'Le classeur de saisie (.xlsx) ou un fichier CSV (.csv), 64 Mio au plus.',
  whatToDo: 'Que faire du fichier',
  checkOnly: "Vérifier seulement (rien n'est enregistré)",
  importValid: 'Importer les lignes valides',
  refusedNeverSaved: 'Les lignes refusées ne sont jamais enregistrées ; elles sont listées avec leur motif.',
  importButton: 'Importer',
  roleNoImport: "Votre rôle permet de télécharger le classeur, pas d'importer des valeurs.",
  // result
  checkResult: 'Résultat de la vérification',
  importResult: "Résultat de l'import",
  fileSaid: (file: string, summary: string) => `« ${file} » : ${summary}`,
  summary: 'Résumé',
  file: 'Fichier',
  linesRead: 'Lignes lues',
  linesWouldBeStored: 'Lignes qui seraient enregistrées',
  linesStored: 'Lignes enregistrées',
  linesRefused: 'Lignes refusées',
  warnings: 'Avertissements',
  journalChanges: 'Changements au journal',
  findings: 'Constats',
  noFinding: 'Aucun constat : toutes les lignes sont valides.',
  findingsCaption: (file: string) => `Constats de « ${file} », ligne par ligne`,
  sheet: 'Feuille',
  line: 'Ligne',
  column: 'Colonne',
  severity: 'Gravité',
  message: 'Message',
  severityError: 'refusé',
  severityWarning: 'à vérifier',
  importAnother: 'Importer un autre fichier',
  seeGrid: 'Voir la grille de saisie',
  // the summary sentence (the step's last word too)
  nothingStored: (dryRun: boolean, errors: number) =>
    `rien ${dryRun ? 'ne serait' : "n'a été"} enregistré : aucune ligne valide (${formatCountOf(errors, 'erreur', 'erreurs', 'fr')}). Corrigez le fichier d'après le tableau des constats, puis recommencez.`,
  dryRunSummary: (stored: number, refused: number) =>
    `vérification seule, rien n'a été enregistré : ${formatCountOf(stored, 'ligne serait enregistrée', 'lignes seraient enregistrées', 'fr')}, ${formatCountOf(refused, 'ligne refusée', 'lignes refusées', 'fr')}.`,
  unchangedSummary: (stored: number, refused: number) =>
    `aucune modification : ${formatCountOf(stored, 'ligne identique', 'lignes identiques', 'fr')} à ce qui est enregistré, ${formatCountOf(refused, 'ligne refusée', 'lignes refusées', 'fr')}.`,
  storedSummary: (stored: number, refused: number, journal: number) =>
    `${formatCountOf(stored, 'ligne enregistrée', 'lignes enregistrées', 'fr')}, ${formatCountOf(refused, 'ligne refusée', 'lignes refusées', 'fr')} ; ${formatCountOf(journal, 'changement', 'changements', 'fr')} au journal.`,
  // areas/saisie-import
  unknownQuarterTitle: 'Trimestre inconnu',
  notAQuarter: (text: string) => `« ${text} » n'est pas un trimestre : écrivez par exemple 2025Q1.`,
  noResultTitle: 'Résultat introuvable',
  resultGone:
    "Ce résultat n'existe pas, ou le serveur a redémarré depuis : importez le fichier de nouveau (« Vérifier seulement » n'enregistre rien).",
  formQuarter: (text: string) =>
    `« ${text} » n'est pas un trimestre : choisissez le trimestre en haut de la page, puis recommencez.`,
  formMode:
    "Choisissez « Vérifier seulement » ou « Importer les lignes valides », puis « Importer » : rien n'a été enregistré.",
  checkJob: (file: string) => `Vérification de « ${file} »`,
  importJob: (file: string) => `Import de « ${file} »`,
  // uploads/receive-import
  requestTooLarge:
    "Le fichier dépasse la limite de 64 Mio : rien n'a été gardé ni enregistré. Un classeur de saisie pèse bien moins ; vérifiez le fichier.",
  fileTooLarge: (file: string) =>
    `Le fichier « ${file} » dépasse la limite de 64 Mio : rien n'a été gardé ni enregistré. Un classeur de saisie pèse bien moins ; vérifiez le fichier.`,
  tooManyFiles: "Un seul fichier à la fois : rien n'a été gardé. Importez-les l'un après l'autre.",
  broken: "L'envoi a été interrompu ou est illisible : rien n'a été enregistré. Recommencez.",
  fileRefused: "Le fichier est refusé : rien n'a été enregistré.",
  noFile:
    'Aucun fichier choisi : choisissez le classeur de saisie rempli (.xlsx) ou un fichier CSV, puis « Importer ».',
  notMultipart: 'Envoi illisible : utilisez le formulaire « Importer » de cette page.',
  notWorkbook: (file: string) =>
    `« ${file} » n'est ni un classeur Excel (.xlsx) ni un fichier CSV (.csv, .tsv, .txt) : rien n'a été enregistré. Choisissez le classeur de saisie rempli ou un fichier CSV.`,
};

const en = {
  title: (quarter: string) => `Workbook and import — ${quarter}`,
  quarter: 'Quarter',
  backToGrid: (quarter: string) => `Back to the entry grid of the ${quarter}`,
  download: 'Download',
  downloadIntro:
    'The cercle\'s Excel entry workbook (one sheet per domain, values already entered filled in, the previous quarter\'s values in grey), and the communes\' paper collection forms (one A4 sheet per commune), as "oise template" and "oise fiches" write them.',
  downloadWorkbook: 'Download the entry workbook',
  downloadForms: 'Download the collection forms',
  importTitle: 'Import a filled-in file',
  importIntro: (quarter: string) =>
    `Each line is checked as the command "oise import" does: type, bounds, F + M = total, part ≤ whole, unusual values for the commune. The lines of a CSV file must be of the ${quarter}.`,
  fileLabel: 'Filled-in workbook or CSV file',
  fileHint: 'The entry workbook (.xlsx) or a CSV file (.csv), 64 MiB at most.',
  whatToDo: 'What to do with the file',
  checkOnly: 'Check only (nothing is saved)',
  importValid: 'Import the valid lines',
  refusedNeverSaved: 'Refused lines are never saved; they are listed with their reason.',
  importButton: 'Import',
  roleNoImport: 'Your role lets you download the workbook, not import values.',
  checkResult: 'Result of the check',
  importResult: 'Result of the import',
  fileSaid: (file: string, summary: string) => `"${file}": ${summary}`,
  summary: 'Summary',
  file: 'File',
  linesRead: 'Lines read',
  linesWouldBeStored: 'Lines that would be saved',
  linesStored: 'Lines saved',
  linesRefused: 'Lines refused',
  warnings: 'Warnings',
  journalChanges: 'Changes in the journal',
  findings: 'Findings',
  noFinding: 'No finding: every line is valid.',
  findingsCaption: (file: string) => `Findings of "${file}", line by line`,
  sheet: 'Sheet',
  line: 'Line',
  column: 'Column',
  severity: 'Severity',
  message: 'Message',
  severityError: 'refused',
  severityWarning: 'to check',
  importAnother: 'Import another file',
  seeGrid: 'See the entry grid',
  nothingStored: (dryRun: boolean, errors: number) =>
    `nothing ${dryRun ? 'would be' : 'was'} saved: no valid line (${formatCountOf(errors, 'error', 'errors', 'en')}). Correct the file from the table of findings, then try again.`,
  dryRunSummary: (stored: number, refused: number) =>
    `check only, nothing was saved: ${formatCountOf(stored, 'line would be saved', 'lines would be saved', 'en')}, ${formatCountOf(refused, 'line refused', 'lines refused', 'en')}.`,
  unchangedSummary: (stored: number, refused: number) =>
    `no change: ${formatCountOf(stored, 'line', 'lines', 'en')} identical to what is saved, ${formatCountOf(refused, 'line refused', 'lines refused', 'en')}.`,
  storedSummary: (stored: number, refused: number, journal: number) =>
    `${formatCountOf(stored, 'line saved', 'lines saved', 'en')}, ${formatCountOf(refused, 'line refused', 'lines refused', 'en')}; ${formatCountOf(journal, 'change', 'changes', 'en')} in the journal.`,
  unknownQuarterTitle: 'Unknown quarter',
  notAQuarter: (text: string) => `"${text}" is not a quarter: write for example 2025Q1.`,
  noResultTitle: 'Result not found',
  resultGone:
    'This result does not exist, or the server has restarted since: import the file again ("Check only" saves nothing).',
  formQuarter: (text: string) =>
    `"${text}" is not a quarter: choose the quarter at the top of the page, then try again.`,
  formMode: 'Choose "Check only" or "Import the valid lines", then "Import": nothing was saved.',
  checkJob: (file: string) => `Check of "${file}"`,
  importJob: (file: string) => `Import of "${file}"`,
  requestTooLarge:
    'The file is over the limit of 64 MiB: nothing was kept or saved. An entry workbook weighs much less; check the file.',
  fileTooLarge: (file: string) =>
    `The file "${file}" is over the limit of 64 MiB: nothing was kept or saved. An entry workbook weighs much less; check the file.`,
  tooManyFiles: 'One file at a time: nothing was kept. Import them one after the other.',
  broken: 'The upload was interrupted or cannot be read: nothing was saved. Try again.',
  fileRefused: 'The file is refused: nothing was saved.',
  noFile: 'No file chosen: choose the filled-in entry workbook (.xlsx) or a CSV file, then "Import".',
  notMultipart: 'Unreadable upload: use the "Import" form of this page.',
  notWorkbook: (file: string) =>
    `"${file}" is neither an Excel workbook (.xlsx) nor a CSV file (.csv, .tsv, .txt): nothing was saved. Choose the filled-in entry workbook or a CSV file.`,
} satisfies typeof fr;

export const saisieImportText: MessageTable<typeof fr> = { fr, en };
