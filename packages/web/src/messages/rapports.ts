import { formatCount, formatCountOf } from '../views/format.js';
import type { MessageTable } from './lang.js';

/** What a consolidation did, counted (from `@oise/consolidate`'s result). */
export interface ConsolidationCounts {
  full: boolean;
  units: number;
  computed: number;
  inserted: number;
  updated: number;
  cleared: number;
  unchanged: number;
}

/*
 * Rapports and consolidation (rapports-page, publication-page, areas/rapports, areas/consolidation).
 * Reports' titles and the step sentences of the packages stay French (data).
 */

const fr = {
  title: 'Rapports',
  publishNational: 'Publier les rapports',
  publishOther: 'Écrire les rapports',
  aboutNational:
    "Écrit le rapport national consolidé du trimestre (classeur, graphiques, carte) et la synthèse pour le comité national d'orientation (CNO), les publie comme documents pour les régions et les cercles, et écrit les paquets qui les leur portent.",
  aboutRegion:
    "Écrit la synthèse régionale du trimestre, la synthèse pour le comité régional d'orientation (CRO) et le rapport de chaque cercle, dans le dossier des rapports du nœud.",
  aboutCercle:
    "Écrit le rapport d'activité du CCC du trimestre et la synthèse pour le comité local d'orientation (CLO), dans le dossier des rapports du nœud.",
  notConsolidated:
    "Des lignes sont arrivées depuis la dernière consolidation : les rapports ne les compteraient pas. Consolidez d'abord depuis ",
  fromHome: "l'accueil",
  running: (title: string) => `${title} : en cours, `,
  followProgress: 'suivre son avancement',
  documents: 'Documents',
  noReport: (national: boolean) =>
    `Aucun rapport pour le moment : ni reçu du national, ni ${national ? 'publié' : 'écrit'} ici.`,
  otherFiles: 'Autres fichiers',
  quarterCaption: (quarter: string) => `Rapports du ${quarter}, reçus et écrits ici`,
  otherCaption: 'Fichiers du dossier des rapports sans trimestre dans leur nom',
  document: 'Document',
  file: 'Fichier',
  origin: 'Origine',
  size: 'Taille',
  updatedOn: 'Mis à jour le',
  action: 'Action',
  download: 'Télécharger',
  downloadFile: (name: string) => `Télécharger ${name}`,
  originReceived: 'reçu du national',
  originPublished: 'publié ici',
  originGenerated: 'écrit ici',
  // The committees' syntheses: who each is for (`committee` of a report file).
  committeeFor: (code: string) =>
    ({
      CLO: "Pour le comité local d'orientation (CLO)",
      CRO: "Pour le comité régional d'orientation (CRO)",
      CNO: "Pour le comité national d'orientation (CNO)",
    })[code] ?? `Pour le comité ${code}`,
  // publication-page
  reportsOf: (quarter: string) => `Rapports du ${quarter}`,
  reportsWritten: 'Rapports écrits',
  completeness: (report: string, rate: string, reporting: number, expected: number) =>
    `${report} : complétude ${rate} (${formatCount(reporting, 'fr')} sur ${formatCount(expected, 'fr')})`,
  notApplicable: 'sans objet',
  nothingConsolidated: ' — aucun chiffre consolidé : consolidez, puis recommencez.',
  documentsPublished: (inserted: number, updated: number, unchanged: number, removed: number) =>
    `Documents publiés : ${formatCountOf(inserted, 'nouveau', 'nouveaux', 'fr')}, ${formatCount(updated, 'fr')} mis à jour, ${formatCountOf(unchanged, 'inchangé', 'inchangés', 'fr')}, ${formatCountOf(removed, 'retiré', 'retirés', 'fr')}.`,
  consolidatedFor: (units: string) => `Trimestre consolidé pour : ${units}.`,
  seeAll: 'Voir tous les rapports',
  filesWritten: 'Fichiers écrits',
  filesCaption: (n: number) => `Les ${formatCountOf(n, 'fichier', 'fichiers', 'fr')} du dossier des rapports`,
  replaced: 'remplacé depuis',
  bundlesForRegions: 'Paquets pour les régions',
  noBundle: "Aucun paquet écrit : les régions ont déjà tout, ou aucune n'est enrôlée.",
  bundlesCaption: "Paquets descendants écrits dans la boîte d'envoi",
  recipient: 'Destinataire',
  rows: 'Lignes',
  bundlesToSend: 'Les paquets à envoyer',
  bundlesStep: 'paquets pour les régions',
  siteStep: 'site public',
  siteWritten: (pages: number, dir: string) =>
    `Site public réécrit : ${formatCountOf(pages, 'page', 'pages', 'fr')} dans ${dir} (à copier chez l'hébergeur ou sur une clé USB).`,
  siteNotWritten: (problem: string) =>
    `Les rapports sont publiés, mais le site public n'a pas été réécrit : ${problem} Corrigez, puis publiez de nouveau ou lancez « oise site ».`,
  // areas/rapports
  noFileTitle: 'Rapport introuvable',
  noFile:
    "Ce fichier n'est pas (ou plus) parmi les rapports du nœud : rouvrez la page Rapports et choisissez-le dans la liste.",
  noResultTitle: 'Publication inconnue',
  noResult:
    "Cette publication n'existe pas, n'est pas terminée, ou le serveur a redémarré depuis : ses fichiers sont dans la page Rapports.",
  unknownQuarterTitle: 'Trimestre inconnu',
  notAQuarter: (text: string) =>
    `« ${text} » n'est pas un trimestre : choisissez-en un dans la liste de la page Rapports.`,
  publishJob: (national: boolean, quarter: string) =>
    `${national ? 'Publication des rapports' : 'Rapports'} du ${quarter}`,
  publishDone: (workbooks: number, files: number, bundles: number) =>
    `${formatCountOf(workbooks, 'classeur écrit', 'classeurs écrits', 'fr')}, ${formatCountOf(files, 'fichier', 'fichiers', 'fr')}${bundles ? `, ${formatCountOf(bundles, 'paquet', 'paquets', 'fr')} pour les régions` : ''}.`,
  // areas/consolidation
  consolidationJob: 'Consolidation des agrégats',
  nothingToConsolidate: 'rien à consolider : aucune valeur nouvelle.',
  quartersOf: (years: string) => `trimestres de ${years}`,
  yearsRange: (first: string, last: string) => `${first} à ${last}`,
  consolidationDone: (r: ConsolidationCounts, which: string) =>
    `consolidation ${r.full ? 'complète' : 'des changements'} : ${formatCountOf(r.units, 'collectivité', 'collectivités', 'fr')}${which ? ` (${which})` : ''} ; ${formatCountOf(r.computed, 'chiffre calculé', 'chiffres calculés', 'fr')} — ${formatCountOf(r.inserted, 'nouveau', 'nouveaux', 'fr')}, ${formatCountOf(r.updated, 'modifié', 'modifiés', 'fr')}, ${formatCountOf(r.cleared, 'vidé', 'vidés', 'fr')}, ${formatCountOf(r.unchanged, 'inchangé', 'inchangés', 'fr')}.`,
};

const en = {
  title: 'Reports',
  publishNational: 'Publish the reports',
  publishOther: 'Write the reports',
  aboutNational:
    "Writes the quarter's consolidated national report (workbook, charts, map) and the summary for the national orientation committee (CNO), publishes them as documents for the regions and cercles, and writes the bundles that carry them there.",
  aboutRegion:
    "Writes the quarter's regional summary, the summary for the regional orientation committee (CRO) and each cercle's report, in the node's reports folder.",
  aboutCercle:
    "Writes the CCC's activity report of the quarter and the summary for the local orientation committee (CLO), in the node's reports folder.",
  notConsolidated:
    'Rows have arrived since the last consolidation: the reports would not count them. Consolidate first from ',
  fromHome: 'the home page',
  running: (title: string) => `${title}: running, `,
  followProgress: 'follow its progress',
  documents: 'Documents',
  noReport: (national: boolean) =>
    `No report for now: none received from national, none ${national ? 'published' : 'written'} here.`,
  otherFiles: 'Other files',
  quarterCaption: (quarter: string) => `Reports of the ${quarter}, received and written here`,
  otherCaption: 'Files of the reports folder without a quarter in their name',
  document: 'Document',
  file: 'File',
  origin: 'Origin',
  size: 'Size',
  updatedOn: 'Updated on',
  action: 'Action',
  download: 'Download',
  downloadFile: (name: string) => `Download ${name}`,
  originReceived: 'received from national',
  originPublished: 'published here',
  originGenerated: 'written here',
  committeeFor: (code: string) =>
    ({
      CLO: 'For the local orientation committee (CLO)',
      CRO: 'For the regional orientation committee (CRO)',
      CNO: 'For the national orientation committee (CNO)',
    })[code] ?? `For the committee ${code}`,
  reportsOf: (quarter: string) => `Reports of the ${quarter}`,
  reportsWritten: 'Reports written',
  completeness: (report: string, rate: string, reporting: number, expected: number) =>
    `${report}: completeness ${rate} (${formatCount(reporting, 'en')} of ${formatCount(expected, 'en')})`,
  notApplicable: 'not applicable',
  nothingConsolidated: ' — no consolidated figure: consolidate, then try again.',
  documentsPublished: (inserted: number, updated: number, unchanged: number, removed: number) =>
    `Documents published: ${formatCount(inserted, 'en')} new, ${formatCount(updated, 'en')} updated, ${formatCount(unchanged, 'en')} unchanged, ${formatCount(removed, 'en')} removed.`,
  consolidatedFor: (units: string) => `Quarter consolidated for: ${units}.`,
  seeAll: 'See all the reports',
  filesWritten: 'Files written',
  filesCaption: (n: number) => `The ${formatCountOf(n, 'file', 'files', 'en')} of the reports folder`,
  replaced: 'replaced since',
  bundlesForRegions: 'Bundles for the regions',
  noBundle: 'No bundle written: the regions already have everything, or none is enrolled.',
  bundlesCaption: 'Downward bundles written in the outbox',
  recipient: 'Recipient',
  rows: 'Rows',
  bundlesToSend: 'The bundles to send',
  bundlesStep: 'bundles for the regions',
  siteStep: 'public site',
  siteWritten: (pages: number, dir: string) =>
    `Public site written again: ${formatCountOf(pages, 'page', 'pages', 'en')} in ${dir} (to copy to the web host or a USB key).`,
  siteNotWritten: (problem: string) =>
    `The reports are published, but the public site was not written again: ${problem} Fix it, then publish again or run "oise site".`,
  noFileTitle: 'Report not found',
  noFile:
    "This file is not (or no longer) among the node's reports: open the Reports page again and choose it in the list.",
  noResultTitle: 'Unknown publication',
  noResult:
    'This publication does not exist, is not finished, or the server has restarted since: its files are on the Reports page.',
  unknownQuarterTitle: 'Unknown quarter',
  notAQuarter: (text: string) => `"${text}" is not a quarter: choose one in the list of the Reports page.`,
  publishJob: (national: boolean, quarter: string) =>
    `${national ? 'Publication of the reports' : 'Reports'} of the ${quarter}`,
  publishDone: (workbooks: number, files: number, bundles: number) =>
    `${formatCountOf(workbooks, 'workbook written', 'workbooks written', 'en')}, ${formatCountOf(files, 'file', 'files', 'en')}${bundles ? `, ${formatCountOf(bundles, 'bundle', 'bundles', 'en')} for the regions` : ''}.`,
  consolidationJob: 'Consolidation of the aggregates',
  nothingToConsolidate: 'nothing to consolidate: no new value.',
  quartersOf: (years: string) => `quarters of ${years}`,
  yearsRange: (first: string, last: string) => `${first} to ${last}`,
  consolidationDone: (r: ConsolidationCounts, which: string) =>
    `${r.full ? 'full consolidation' : 'consolidation of the changes'}: ${formatCountOf(r.units, 'local authority', 'local authorities', 'en')}${which ? ` (${which})` : ''}; ${formatCountOf(r.computed, 'figure computed', 'figures computed', 'en')} — ${formatCount(r.inserted, 'en')} new, ${formatCount(r.updated, 'en')} changed, ${formatCount(r.cleared, 'en')} cleared, ${formatCount(r.unchanged, 'en')} unchanged.`,
} satisfies typeof fr;

export const rapportsText: MessageTable<typeof fr> = { fr, en };
