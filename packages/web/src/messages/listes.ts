import { formatCountOf } from '../views/format.js';
import type { MessageTable } from './lang.js';

/*
 * Listes (listes-page, record-form-page, record-fields, areas/listes). The lists' names, their
 * fields' labels and their choices are entry's (data, French).
 */

const fr = {
  indexTitle: (quarter: string) => `Listes — ${quarter}`,
  indexHeading: (quarter: string) => `Listes du cercle — ${quarter}`,
  quarter: 'Trimestre',
  byQuarter:
    'Les élus, les formations et les activités se saisissent par trimestre ; les partenariats valent pour tous les trimestres.',
  fourLists: 'Les quatre listes',
  listsCaption: "Listes du cercle et nombre d'entrées",
  list: 'Liste',
  entries: 'Entrées',
  period: 'Période',
  allQuarters: 'tous les trimestres',
  allLists: 'Toutes les listes',
  listReadOnly: 'Liste en lecture seule : ',
  roleReadOnly: 'Votre rôle permet de consulter les listes, pas de les modifier.',
  entriesOf: (n: number, cercle: string) =>
    `${formatCountOf(n, 'entrée', 'entrées', 'fr')} — cercle de ${cercle}`,
  add: 'Ajouter',
  addTo: (list: string) => ` à la liste « ${list} »`,
  noEntry: 'Aucune entrée',
  forThisQuarter: ' pour ce trimestre',
  tableOf: (title: string) => `${title} (tableau)`,
  actions: 'Actions',
  edit: 'Modifier',
  remove: 'Supprimer',
  quoted: (name: string) => ` « ${name} »`,
  result: 'Résultat',
  toCheck: 'À vérifier : ',
  doneAdded: 'Entrée ajoutée',
  doneEdited: 'Entrée modifiée',
  doneRemoved: 'Entrée supprimée',
  doneOf: (done: string, name: string) => `${done}${name ? ` : ${name}` : ''}.`,
  // record-form-page
  editHeading: (name: string) => `Modifier « ${name} »`,
  notSaved: "L'entrée n'a pas été enregistrée",
  fieldSaid: ' : ',
  required: 'Les champs marqués « obligatoire » doivent être remplis.',
  saveChanges: 'Enregistrer les modifications',
  saveEntry: "Enregistrer l'entrée",
  cancelToList: 'Annuler, revenir à la liste',
  backToList: 'Revenir à la liste',
  bounds: (min: number, max: number) => ` (de ${min} à ${max})`,
  hintYear: (bounds: string) => `L'année sur 4 chiffres, par exemple 2016${bounds}.`,
  hintInteger: (bounds: string) => `Un nombre entier${bounds}.`,
  hintNumber: (bounds: string, form: string) =>
    `Un nombre, par exemple 1,5${bounds}${form ? ` — en ${form}` : ''}.`,
  hintDate: 'Une date (jour, mois, année).',
  yes: 'oui',
  no: 'non',
  requiredMark: ' (obligatoire)',
  error: 'Erreur : ',
  choose: '— choisissez —',
  removeHeading: (name: string, list: string) => `Supprimer « ${name} » — ${list}`,
  removeRefused: 'Suppression refusée : ',
  willBeRemoved: (quarter: string) =>
    `Cette entrée sera supprimée de la liste${quarter ? ` du ${quarter}` : ''}, ici et, au prochain paquet, à la région.`,
  theEntry: "L'entrée",
  removeThis: 'Supprimer cette entrée',
  cancelKeep: "Annuler, garder l'entrée",
  // areas/listes
  unknownQuarterTitle: 'Trimestre inconnu',
  notAQuarter: (text: string) => `« ${text} » n'est pas un trimestre : écrivez par exemple 2025Q1.`,
  unknownListTitle: 'Liste inconnue',
  notAList: (text: string) =>
    `« ${text} » n'est pas une liste : choisissez élus, formations, activités ou partenariats dans Listes.`,
  noEntryTitle: 'Entrée introuvable',
  noSuchEntry: "Cette entrée n'est pas (ou plus) dans la liste : rouvrez la liste.",
  entryGone:
    "Cette entrée n'est pas (ou plus) dans la liste : elle a peut-être été supprimée. Rouvrez la liste.",
  fieldTooLongTitle: 'Champ trop long',
  fieldTooLong: (label: string, max: number) =>
    `« ${label} » dépasse ${max} caractères : rien n'a été enregistré.`,
  noListsTitle: 'Pas de listes ici',
  noLists:
    "Les listes des élus, formations, activités et partenariats se tiennent sur le nœud d'un cercle (CCC).",
};

const en = {
  indexTitle: (quarter: string) => `Lists — ${quarter}`,
  indexHeading: (quarter: string) => `The cercle's lists — ${quarter}`,
  quarter: 'Quarter',
  byQuarter:
    'Elected officials, trainings and activities are entered by quarter; partnerships hold for every quarter.',
  fourLists: 'The four lists',
  listsCaption: "The cercle's lists and their number of entries",
  list: 'List',
  entries: 'Entries',
  period: 'Period',
  allQuarters: 'every quarter',
  allLists: 'All the lists',
  listReadOnly: 'Read-only list: ',
  roleReadOnly: 'Your role lets you view the lists, not change them.',
  entriesOf: (n: number, cercle: string) =>
    `${formatCountOf(n, 'entry', 'entries', 'en')} — cercle of ${cercle}`,
  add: 'Add',
  addTo: (list: string) => ` to the list "${list}"`,
  noEntry: 'No entry',
  forThisQuarter: ' for this quarter',
  tableOf: (title: string) => `${title} (table)`,
  actions: 'Actions',
  edit: 'Edit',
  remove: 'Delete',
  quoted: (name: string) => ` "${name}"`,
  result: 'Result',
  toCheck: 'To check: ',
  doneAdded: 'Entry added',
  doneEdited: 'Entry changed',
  doneRemoved: 'Entry deleted',
  doneOf: (done: string, name: string) => `${done}${name ? `: ${name}` : ''}.`,
  editHeading: (name: string) => `Edit "${name}"`,
  notSaved: 'The entry was not saved',
  fieldSaid: ': ',
  required: 'The fields marked "required" must be filled in.',
  saveChanges: 'Save the changes',
  saveEntry: 'Save the entry',
  cancelToList: 'Cancel, back to the list',
  backToList: 'Back to the list',
  bounds: (min: number, max: number) => ` (from ${min} to ${max})`,
  hintYear: (bounds: string) => `The year in 4 digits, for example 2016${bounds}.`,
  hintInteger: (bounds: string) => `A whole number${bounds}.`,
  hintNumber: (bounds: string, form: string) =>
    `A number, for example 1,5${bounds}${form ? ` — in ${form}` : ''}.`,
  hintDate: 'A date (day, month, year).',
  yes: 'yes',
  no: 'no',
  requiredMark: ' (required)',
  error: 'Error: ',
  choose: '— choose —',
  removeHeading: (name: string, list: string) => `Delete "${name}" — ${list}`,
  removeRefused: 'Deletion refused: ',
  willBeRemoved: (quarter: string) =>
    `This entry will be deleted from the list${quarter ? ` of the ${quarter}` : ''}, here and, with the next bundle, at the region.`,
  theEntry: 'The entry',
  removeThis: 'Delete this entry',
  cancelKeep: 'Cancel, keep the entry',
  unknownQuarterTitle: 'Unknown quarter',
  notAQuarter: (text: string) => `"${text}" is not a quarter: write for example 2025Q1.`,
  unknownListTitle: 'Unknown list',
  notAList: (text: string) =>
    `"${text}" is not a list: choose elected officials, trainings, activities or partnerships in Lists.`,
  noEntryTitle: 'Entry not found',
  noSuchEntry: 'This entry is not (or no longer) in the list: open the list again.',
  entryGone: 'This entry is not (or no longer) in the list: it may have been deleted. Open the list again.',
  fieldTooLongTitle: 'Field too long',
  fieldTooLong: (label: string, max: number) => `"${label}" is over ${max} characters: nothing was saved.`,
  noListsTitle: 'No lists here',
  noLists:
    "The lists of elected officials, trainings, activities and partnerships are kept on a cercle's node (CCC).",
} satisfies typeof fr;

export const listesText: MessageTable<typeof fr> = { fr, en };
export type ListesText = typeof fr;
