import { formatCount, formatCountOf } from '../views/format.js';
import type { MessageTable } from './lang.js';

/* Saisie: the entry grid (saisie-page, entry-grid-table, cell-state, the grid's script, areas/saisie). */

const fr = {
  title: (domain: string, quarter: string) => `Saisie — ${domain} — ${quarter}`,
  heading: (quarter: string) => `Saisie — ${quarter}`,
  quarterAndDomain: 'Trimestre et domaine',
  domains: 'Domaines',
  quarterState: 'État du trimestre : ',
  cercleOf: (name: string, code: string, communes: number) =>
    ` — cercle de ${name} (${code}), ${formatCount(communes, 'fr')} communes.`,
  workbookLink:
    'Classeur Excel et fichiers CSV : télécharger le classeur de saisie, importer un fichier rempli',
  readOnlyCells: 'Cases en lecture seule : ',
  roleReadOnly: 'Votre rôle permet de consulter la saisie, pas de la modifier.',
  noIndicator: 'Aucun indicateur à saisir dans ce domaine.',
  help: (previous: string) =>
    `Tab et Maj+Tab passent d'une case à l'autre ; les flèches et Entrée aussi (Entrée descend à la commune suivante). En gris à droite de chaque case, la valeur du ${previous}.`,
  helpSave:
    ' Chaque valeur est vérifiée et enregistrée dès que vous quittez sa case ; videz une case pour effacer sa valeur.',
  saveGrid: 'Enregistrer la grille',
  written: (n: number) => formatCountOf(n, 'valeur enregistrée', 'valeurs enregistrées', 'fr'),
  refused: (n: number) =>
    `${formatCountOf(n, 'refusée', 'refusées', 'fr')} (non enregistrée${n > 1 ? 's' : ''})`,
  warnings: (n: number) => `${formatCount(n, 'fr')} à vérifier`,
  saveResult: "Résultat de l'enregistrement",
  // entry-grid-table
  caption: (domain: string, previous: string) =>
    `${domain} : une ligne par commune, une colonne par indicateur ; en gris, la valeur du ${previous}`,
  commune: 'Commune',
  total: 'Total',
  yesNo: 'oui ou non',
  textValue: 'texte',
  between: (min: string, max: string) => `de ${min} à ${max}`,
  atLeast: (min: string) => `au moins ${min}`,
  atMost: (max: string) => `au plus ${max}`,
  wholeNumber: 'nombre entier',
  partOf: (whole: string) => ` · partie de « ${whole} »`,
  previousOf: (previous: string) => `${previous} : `,
  // cell-state
  stateSaved: 'enregistré',
  stateWarning: 'enregistré, à vérifier',
  stateRefused: 'refusé, non enregistré',
  stateLocked: 'verrouillé, non enregistré',
  said: (label: string, said: string) => `${label} : ${said}`,
  // the grid's script (given as data attributes; {status} is the HTTP status)
  scriptSaving: 'enregistrement…',
  scriptRefusedStatus:
    'non enregistré : le serveur a refusé la demande ({status}). Rechargez la page, puis retapez la valeur.',
  scriptNoServer:
    'non enregistré : le serveur ne répond pas. Vérifiez que « oise ui » tourne, puis retapez la valeur.',
  scriptSeparator: ' : ',
  // areas/saisie
  unknownQuarterTitle: 'Trimestre inconnu',
  notAQuarter: (text: string) => `« ${text} » n'est pas un trimestre : écrivez par exemple 2025Q1.`,
  unknownDomainTitle: 'Domaine inconnu',
  notADomain: (text: string) =>
    `« ${text} » n'est pas un domaine de saisie : choisissez-en un dans le menu des domaines.`,
  formTooLongTitle: 'Formulaire trop long',
  tooManyCells: (max: number) => `Une grille a au plus ${max} cases : rien n'a été enregistré.`,
  badCell:
    'Demande mal formée : la page attendait trimestre, commune, indicateur, catégorie et valeur. Rechargez la page, puis recommencez.',
};

const en = {
  title: (domain: string, quarter: string) => `Data entry — ${domain} — ${quarter}`,
  heading: (quarter: string) => `Data entry — ${quarter}`,
  quarterAndDomain: 'Quarter and domain',
  domains: 'Domains',
  quarterState: 'State of the quarter: ',
  cercleOf: (name: string, code: string, communes: number) =>
    ` — cercle of ${name} (${code}), ${formatCountOf(communes, 'commune', 'communes', 'en')}.`,
  workbookLink: 'Excel workbook and CSV files: download the entry workbook, import a filled-in file',
  readOnlyCells: 'Read-only cells: ',
  roleReadOnly: 'Your role lets you view the entries, not change them.',
  noIndicator: 'No indicator to enter in this domain.',
  help: (previous: string) =>
    `Tab and Shift+Tab move from one cell to the next; so do the arrows and Enter (Enter goes down to the next commune). In grey to the right of each cell, the value of the ${previous}.`,
  helpSave:
    ' Each value is checked and saved as soon as you leave its cell; empty a cell to erase its value.',
  saveGrid: 'Save the grid',
  written: (n: number) => formatCountOf(n, 'value saved', 'values saved', 'en'),
  refused: (n: number) => `${formatCount(n, 'en')} refused (not saved)`,
  warnings: (n: number) => `${formatCount(n, 'en')} to check`,
  saveResult: 'Result of saving',
  caption: (domain: string, previous: string) =>
    `${domain}: one row per commune, one column per indicator; in grey, the value of the ${previous}`,
  commune: 'Commune',
  total: 'Total',
  yesNo: 'yes or no',
  textValue: 'text',
  between: (min: string, max: string) => `from ${min} to ${max}`,
  atLeast: (min: string) => `at least ${min}`,
  atMost: (max: string) => `at most ${max}`,
  wholeNumber: 'whole number',
  partOf: (whole: string) => ` · part of "${whole}"`,
  previousOf: (previous: string) => `${previous}: `,
  stateSaved: 'saved',
  stateWarning: 'saved, to check',
  stateRefused: 'refused, not saved',
  stateLocked: 'locked, not saved',
  said: (label: string, said: string) => `${label}: ${said}`,
  scriptSaving: 'saving…',
  scriptRefusedStatus:
    'not saved: the server refused the request ({status}). Reload the page, then type the value again.',
  scriptNoServer:
    'not saved: the server does not answer. Check that "oise ui" is running, then type the value again.',
  scriptSeparator: ': ',
  unknownQuarterTitle: 'Unknown quarter',
  notAQuarter: (text: string) => `"${text}" is not a quarter: write for example 2025Q1.`,
  unknownDomainTitle: 'Unknown domain',
  notADomain: (text: string) => `"${text}" is not an entry domain: choose one in the menu of domains.`,
  formTooLongTitle: 'Form too long',
  tooManyCells: (max: number) => `A grid has at most ${max} cells: nothing was saved.`,
  badCell:
    'Malformed request: the page expected quarter, commune, indicator, category and value. Reload the page, then try again.',
} satisfies typeof fr;

export const saisieText: MessageTable<typeof fr> = { fr, en };
