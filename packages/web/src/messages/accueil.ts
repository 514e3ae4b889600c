import { formatCount, formatCountOf } from '../views/format.js';
import type { MessageTable } from './lang.js';

/* The home page (accueil-page, submission-panel, waiting-bundles, consolidation-state, areas/accueil). */

const fr = {
  title: 'Accueil',
  setupPending:
    "La mise en place de ce nœud n'est pas terminée (clé à remettre, paquet de démarrage du parent ou territoire à prendre) :",
  setupLink: 'Mise en place du nœud',
  shownQuarter: 'Trimestre affiché',
  show: 'Afficher',
  waitingTitle: "Paquets en attente d'envoi",
  waitingCaption: 'Paquets écrits pour les voisins, pas encore envoyés ni emportés',
  allBundles: 'Tous les paquets',
  state: 'État',
  submissionOf: (n: number, when: string) => ` — transmission n° ${formatCount(n, 'fr')} du ${when}`,
  dueBy: 'À transmettre au plus tard le',
  overdue: 'date limite dépassée',
  missingAtSubmission: 'Valeurs manquantes à la transmission',
  deciderCercle: 'Décision de la région',
  waitingCercle: 'en attente de la décision de la région',
  deciderRegion: 'Décision du national',
  waitingRegion: 'en attente de la consolidation nationale',
  csrNote: 'Note du CSR',
  noteBy: (author: string, when: string) => `Écrite par ${author}, mise à jour le ${when}.`,
  noNote: 'Aucune note du CSR pour ce trimestre.',
  decision: 'Décision',
  decidedBy: (when: string, who: string) => ` le ${when} par ${who}`,
  reason: 'Motif',
  submittedWaiting: (waiting: string) => `Transmis : ${waiting}.`,
  notSubmitted: "Le trimestre n'a pas encore été transmis.",
  lastReturnReason: 'Motif du dernier renvoi : ',
  regionsDue: 'Les régions transmettent au plus tard le',
  nationalDue: 'Consolidation nationale attendue le',
  // waiting-bundles
  noWaiting: "Aucun paquet en attente d'envoi.",
  recipient: 'Destinataire',
  file: 'Fichier',
  size: 'Taille',
  action: 'Action',
  download: 'Télécharger',
  downloadFile: (name: string) => `Télécharger ${name}`,
  // submission-panel
  submitTitle: 'Transmettre le trimestre',
  recheck: (quarter: string) =>
    `Avant la transmission, les valeurs enregistrées du ${quarter} sont revérifiées comme à la commande « oise quarter submit » (bornes, F + M = total, partie ≤ tout).`,
  blockingIntro: (n: number) =>
    `${formatCountOf(n, 'problème bloquant', 'problèmes bloquants', 'fr')} : la transmission est refusée tant qu'${n > 1 ? 'ils restent' : 'il reste'}. Corrigez dans la `,
  entryLink: 'Saisie',
  noBlocking: 'Aucun problème bloquant.',
  /** A blocking finding: the commune, the indicator (its category), entry's own French message. */
  finding: (where: string, message: string) => `${where} : ${message}`,
  afterSubmit:
    "Ensuite le trimestre est en lecture seule jusqu'à un renvoi de la région ; le paquet pour la région est écrit aussitôt dans la boîte d'envoi.",
  noMissing: 'Aucune saisie manquante : toutes les valeurs attendues sont enregistrées.',
  missingIntro: (missing: number, expected: number) =>
    `${formatCountOf(missing, 'saisie manquante', 'saisies manquantes', 'fr')} sur ${formatCountOf(expected, 'attendue', 'attendues', 'fr')} : le trimestre peut être transmis incomplet, les manques sont comptés.`,
  missingDetails: 'Voir les saisies manquantes, commune par commune',
  missingOfUnit: (unit: string, n: number, which: string) =>
    `${unit} : ${formatCountOf(n, 'indicateur', 'indicateurs', 'fr')} sans valeur (${which})`,
  submitted: (quarter: string, number: number, missing: number, expected: number) =>
    `${quarter.charAt(0).toUpperCase()}${quarter.slice(1)} transmis (transmission n° ${formatCount(number, 'fr')}) ; ${formatCountOf(missing, 'saisie manquante', 'saisies manquantes', 'fr')} sur ${formatCount(expected, 'fr')}.`,
  bundleInOutbox: (recipient: string, file: string) =>
    `Le paquet pour ${recipient} (${file}) est dans la boîte d'envoi, prêt à télécharger dans `,
  bundleForUsb: ' pour une clé USB ou un courriel.',
  bundlesLink: 'Paquets',
  notEnrolled: (code: string) =>
    `Pas de paquet pour ${code} : ce voisin n'est pas enrôlé ici ; la transmission partira dans son premier paquet.`,
  refusedIntro: (n: number) =>
    `Transmission refusée : ${formatCountOf(n, 'problème bloquant', 'problèmes bloquants', 'fr')}. Corrigez-${n > 1 ? 'les' : 'le'} dans la `,
  submitAgain: ', puis transmettez de nouveau.',
  // consolidation-state
  consolidationTitle: 'État de la consolidation',
  upToDate: 'à jour',
  nothingYet: 'rien à consolider : aucune valeur reçue pour le moment.',
  allCounted: 'les agrégats comptent tout ce que le nœud a reçu.',
  notUpToDate: 'pas à jour',
  noConsolidationYet: 'aucune consolidation encore : ',
  arrivedSince: 'arrivé depuis la dernière consolidation : ',
  rows: (n: number) => formatCountOf(n, 'ligne', 'lignes', 'fr'),
  referenceRows: (n: number) =>
    `, et ${formatCountOf(n, 'changement', 'changements', 'fr')} du territoire ou du catalogue (tout sera recalculé)`,
  consolidationRunning: 'Une consolidation est en cours : ',
  followProgress: 'suivre son avancement',
  consolidateNow: 'Consolider maintenant',
  consolidateHint: 'Recalcule les agrégats de ce qui est arrivé, comme le passage quotidien.',
  lagCaption: 'Lignes arrivées depuis la dernière consolidation, par cercle et trimestre',
  quarter: 'Trimestre',
  unit: 'Collectivité',
  values: 'Valeurs',
  submissions: 'Transmissions',
  receptions: 'Réceptions',
  // areas/accueil
  unknownQuarterTitle: 'Trimestre inconnu',
  notAQuarter: (text: string) => `« ${text} » n'est pas un trimestre : écrivez par exemple 2025Q1.`,
  noQuarterToSubmit:
    "Le formulaire ne dit pas quel trimestre transmettre : rechargez l'accueil, puis recommencez.",
  submitJob: (quarter: string) => `Transmission du ${quarter}`,
  submitDone: (number: number) =>
    `trimestre transmis (transmission n° ${formatCount(number, 'fr')}) ; le paquet est dans la boîte d'envoi.`,
  submitRefused: (n: number) =>
    `transmission refusée : ${formatCountOf(n, 'problème bloquant', 'problèmes bloquants', 'fr')}.`,
};

const en = {
  title: 'Home',
  setupPending:
    "This node's set-up is not finished (key to hand over, the parent's starter package or the territory to take):",
  setupLink: 'Setting up the node',
  shownQuarter: 'Quarter shown',
  show: 'Show',
  waitingTitle: 'Bundles waiting to be sent',
  waitingCaption: 'Bundles written for the neighbours, not yet sent or carried',
  allBundles: 'All bundles',
  state: 'State',
  submissionOf: (n: number, when: string) => ` — submission no. ${formatCount(n, 'en')} of ${when}`,
  dueBy: 'To submit by',
  overdue: 'deadline passed',
  missingAtSubmission: 'Values missing at submission',
  deciderCercle: "The region's decision",
  waitingCercle: "waiting for the region's decision",
  deciderRegion: "National's decision",
  waitingRegion: 'waiting for national consolidation',
  csrNote: "The CSR's note",
  noteBy: (author: string, when: string) => `Written by ${author}, updated on ${when}.`,
  noNote: 'No note from the CSR for this quarter.',
  decision: 'Decision',
  decidedBy: (when: string, who: string) => ` on ${when} by ${who}`,
  reason: 'Reason',
  submittedWaiting: (waiting: string) => `Submitted: ${waiting}.`,
  notSubmitted: 'The quarter has not been submitted yet.',
  lastReturnReason: 'Reason of the last return: ',
  regionsDue: 'The regions submit by',
  nationalDue: 'National consolidation expected on',
  noWaiting: 'No bundle waiting to be sent.',
  recipient: 'Recipient',
  file: 'File',
  size: 'Size',
  action: 'Action',
  download: 'Download',
  downloadFile: (name: string) => `Download ${name}`,
  submitTitle: 'Submit the quarter',
  recheck: (quarter: string) =>
    `Before submission, the values saved for the ${quarter} are checked again as the command "oise quarter submit" does (bounds, F + M = total, part ≤ whole).`,
  blockingIntro: (n: number) =>
    `${formatCountOf(n, 'blocking problem', 'blocking problems', 'en')}: submission is refused while ${n === 1 ? 'it remains' : 'they remain'}. Correct them in `,
  entryLink: 'Data entry',
  noBlocking: 'No blocking problem.',
  finding: (where: string, message: string) => `${where}: ${message}`,
  afterSubmit:
    'The quarter is then read-only until the region returns it; the bundle for the region is written at once in the outbox.',
  noMissing: 'No missing entry: every expected value is saved.',
  missingIntro: (missing: number, expected: number) =>
    `${formatCountOf(missing, 'missing entry', 'missing entries', 'en')} out of ${formatCount(expected, 'en')} expected: the quarter may be submitted incomplete, the gaps are counted.`,
  missingDetails: 'See the missing entries, commune by commune',
  missingOfUnit: (unit: string, n: number, which: string) =>
    `${unit}: ${formatCountOf(n, 'indicator', 'indicators', 'en')} without a value (${which})`,
  submitted: (quarter: string, number: number, missing: number, expected: number) =>
    `${quarter.charAt(0).toUpperCase()}${quarter.slice(1)} submitted (submission no. ${formatCount(number, 'en')}); ${formatCountOf(missing, 'missing entry', 'missing entries', 'en')} out of ${formatCount(expected, 'en')}.`,
  bundleInOutbox: (recipient: string, file: string) =>
    `The bundle for ${recipient} (${file}) is in the outbox, ready to download in `,
  bundleForUsb: ' for a USB key or an e-mail.',
  bundlesLink: 'Bundles',
  notEnrolled: (code: string) =>
    `No bundle for ${code}: this neighbour is not enrolled here; the submission will leave in its first bundle.`,
  refusedIntro: (n: number) =>
    `Submission refused: ${formatCountOf(n, 'blocking problem', 'blocking problems', 'en')}. Correct ${n === 1 ? 'it' : 'them'} in `,
  submitAgain: ', then submit again.',
  consolidationTitle: 'State of consolidation',
  upToDate: 'up to date',
  nothingYet: 'nothing to consolidate: no value received so far.',
  allCounted: 'the aggregates count everything the node has received.',
  notUpToDate: 'not up to date',
  noConsolidationYet: 'no consolidation yet: ',
  arrivedSince: 'arrived since the last consolidation: ',
  rows: (n: number) => formatCountOf(n, 'row', 'rows', 'en'),
  referenceRows: (n: number) =>
    `, and ${formatCountOf(n, 'change', 'changes', 'en')} to the territory or the catalog (everything will be recomputed)`,
  consolidationRunning: 'A consolidation is running: ',
  followProgress: 'follow its progress',
  consolidateNow: 'Consolidate now',
  consolidateHint: 'Recomputes the aggregates of what arrived, as the daily pass does.',
  lagCaption: 'Rows arrived since the last consolidation, by cercle and quarter',
  quarter: 'Quarter',
  unit: 'Local authority',
  values: 'Values',
  submissions: 'Submissions',
  receptions: 'Receptions',
  unknownQuarterTitle: 'Unknown quarter',
  notAQuarter: (text: string) => `"${text}" is not a quarter: write for example 2025Q1.`,
  noQuarterToSubmit: 'The form does not say which quarter to submit: reload the home page, then try again.',
  submitJob: (quarter: string) => `Submission of the ${quarter}`,
  submitDone: (number: number) =>
    `quarter submitted (submission no. ${formatCount(number, 'en')}); the bundle is in the outbox.`,
  submitRefused: (n: number) =>
    `submission refused: ${formatCountOf(n, 'blocking problem', 'blocking problems', 'en')}.`,
} satisfies typeof fr;

export const accueilText: MessageTable<typeof fr> = { fr, en };
export type AccueilText = typeof fr;
