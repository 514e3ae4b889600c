import { CHILD_STATUS_LABELS, type QuarterState, RECEPTION_LABELS, type Reception } from '@oise/workflow';
import { formatCount, formatCountOf } from '../views/format.js';
import type { MessageTable } from './lang.js';

/** What was just done on a review page (`?fait=…` after the redirect). */
export const DONE_KINDS = ['valide', 'consolide', 'renvoye', 'note', 'note-inchangee'] as const;
export type DoneKind = (typeof DONE_KINDS)[number];

/** The workflow's words for a child's quarter and its reception, in English. */
const CHILD_STATUS_EN: Record<QuarterState, string> = {
  open: 'not submitted',
  submitted: 'submitted',
  validated: 'validated',
  returned: 'returned',
  consolidated: 'consolidated',
};
const RECEPTION_EN: Record<Reception, string> = {
  'on-time': 'on time',
  late: 'late',
  overdue: 'late',
  expected: 'expected',
};

/*
 * Trimestres (areas/trimestres, trimestres-page, child-quarter, review-page, region-review-page,
 * figure-lines-table): the children × quarters board and a child's quarter in review.
 */

const fr = {
  // the board
  title: 'Trimestres',
  childHeading: (national: boolean): string => (national ? 'Région' : 'Cercle'),
  boardIntro: (national: boolean, node: string) =>
    `Les trimestres ${national ? 'des régions du pays :' : 'des cercles de la région'} ${node} : ce que chacun a transmis, quand il a été reçu, et combien de communes ont des valeurs. Ouvrez un trimestre pour le revoir et décider.`,
  shownQuarters: 'Trimestres affichés',
  quarters: 'Trimestres',
  show: 'Afficher',
  boardTitle: (national: boolean) => `Tableau des ${national ? 'régions' : 'cercles'}`,
  noChild: (national: boolean) => `Aucun ${national ? 'région' : 'cercle'} dans le territoire de ce nœud.`,
  boardCaption: (national: boolean) =>
    `${national ? 'Régions' : 'Cercles'} × trimestres : état, réception, complétude`,
  reviewLink: (quarter: string, name: string) => ` — revoir le ${quarter} de ${name}`,
  absent: 'absent du territoire',
  // a child's quarter (child-quarter)
  childStatus: (state: QuarterState) => CHILD_STATUS_LABELS[state],
  reception: (reception: Reception) => RECEPTION_LABELS[reception],
  receivedOn: (when: string, reception: string) => `reçu le ${when}, ${reception}`,
  nothingReceived: (overdue: string, due: string) => `rien reçu, ${overdue} (attendu le ${due})`,
  expectedOn: (expected: string, due: string) => `${expected} le ${due}`,
  communesOf: (reporting: number, expected: number) =>
    `${formatCount(reporting, 'fr')} / ${formatCountOf(expected, 'commune', 'communes', 'fr')}`,
  submissionNo: (n: number) => `transmission n° ${n}`,
  cerclesNotValidated: (n: number) => formatCountOf(n, 'cercle non validé', 'cercles non validés', 'fr'),
  entriesMissing: (n: number) => formatCountOf(n, 'saisie manquante', 'saisies manquantes', 'fr'),
  receptionHidden: 'Réception : ',
  completenessHidden: 'Complétude : ',
  // the review page
  backToBoard: 'Retour au tableau des trimestres',
  backToCercles: (region: string) => `Retour aux cercles de ${region}`,
  communesOfTitle: (cercle: string, quarter: string) => `Communes de ${cercle} — ${quarter}`,
  stateTitle: 'État du trimestre',
  state: 'État',
  submittedBy: (n: number, when: string, by: string | null) =>
    ` — transmission n° ${n} du ${when}${by ? ` par ${by}` : ''}`,
  cerclesNotValidatedAt: 'Cercles non validés à la transmission',
  entriesMissingAt: 'Saisies manquantes à la transmission',
  receptionTerm: 'Réception',
  late: 'en retard',
  dueDate: 'Date limite',
  completeness: 'Complétude',
  withValues: (text: string) => `${text} avec des valeurs`,
  decision: 'Décision',
  decidedBy: (when: string, who: string) => ` le ${when} par ${who}`,
  lastReturnReason: 'Motif du dernier renvoi',
  done: (kind: DoneKind, outbox: string) =>
    ({
      valide: `Trimestre validé. ${outbox} Les valeurs du cercle partent aussi vers le national dans le paquet montant.`,
      consolide: `Trimestre de la région enregistré comme consolidé. ${outbox}`,
      renvoye: `Trimestre renvoyé au cercle avec son motif : il peut de nouveau être saisi. ${outbox}`,
      note: `Note du CSR enregistrée. ${outbox}`,
      'note-inchangee': "La note n'a pas changé : rien n'a été écrit.",
    })[kind],
  outboxWaiting: (who: string) =>
    `Le paquet pour ${who} est dans la boîte d'envoi (ci-dessous, et dans Paquets) : portez-le ou envoyez-le.`,
  outboxEmpty: (who: string) =>
    `Aucun paquet n'est en attente pour ${who} : il n'est peut-être pas enrôlé ici (Réglages), ou le paquet est déjà parti.`,
  noDecisionOpen: (state: string) =>
    `Aucune décision à prendre : le trimestre est ${state}, il n'y a pas de transmission en attente.`,
  noDecisionDone: (state: string) => `Aucune décision à prendre : le trimestre est déjà ${state}.`,
  roleMayNotDecide:
    'Votre rôle ne permet pas de décider : un compte « validation » ou « admin » valide ou renvoie.',
  validateHintNational:
    'Valider enregistre le trimestre de la région comme consolidé, et écrit le paquet qui le lui dit.',
  validateHintRegion:
    'Valider accepte la dernière transmission : la décision part au cercle, et ses valeurs au national.',
  validate: 'Valider',
  reason: 'Motif',
  reasonHint: 'Obligatoire : ce que le cercle doit corriger avant de transmettre de nouveau.',
  giveBack: 'Renvoyer',
  cercleNotesTitle: 'Notes du CSR sur les cercles',
  noCercleNote: 'Aucune note du CSR sur les cercles de cette région pour ce trimestre.',
  noteWrittenBy: (author: string, when: string) => `Écrite par ${author}, mise à jour le ${when}.`,
  noteTitle: 'Note du CSR',
  noteVersion: (author: string, when: string, revision: number) =>
    `Écrite par ${author}, mise à jour le ${when} (version ${revision}).`,
  noNote: 'Aucune note pour ce trimestre.',
  noteHint:
    'Le cercle la lit sur son accueil ; elle part avec le prochain paquet, vers le cercle et le national.',
  saveNote: 'Enregistrer la note',
  waitingTitle: (who: string) => `Paquets en attente pour ${who}`,
  waitingCaption: (who: string) => `Paquets écrits pour ${who}, à porter (clé USB, courriel) ou à envoyer`,
  yes: 'oui',
  no: 'non',
  // values
  valuesTitle: 'Valeurs du trimestre',
  valuesIntro: (quarter: string, before: number) =>
    `Chaque valeur du ${quarter} à côté des ${before} trimestres précédents de la même commune, un domaine à la fois. `,
  unusualCount: (n: number) =>
    `${formatCount(n, 'fr')} valeur${n > 1 ? 's' : ''} inhabituelle${n > 1 ? 's' : ''} (règle de la saisie : loin de la médiane des trimestres précédents de la commune).`,
  noUnusual: 'Aucune valeur inhabituelle.',
  unusualCaption: 'Valeurs inhabituelles, tous domaines',
  noValues: 'Aucune valeur saisie sur ces trimestres.',
  domainsNav: 'Domaines des valeurs',
  domain: 'Domaine',
  indicator: 'Indicateur',
  cercle: 'Cercle',
  commune: 'Commune',
  inReview: ' (en revue)',
  check: 'Contrôle',
  unusual: 'inhabituel',
  inUnit: (unit: string) => ` en ${unit}`,
  communesTitle: 'Complétude par commune',
  communesCaption: (quarter: string) =>
    `Indicateurs saisis par commune au ${quarter}, sur les indicateurs à saisir`,
  entered: 'Indicateurs saisis',
  expected: 'Attendus',
  noValue: ' (aucune valeur)',
  // national's review by cercles
  cerclesTitle: 'Cercles de la région',
  staleAggregates:
    "Les chiffres des cercles sont ceux de la dernière consolidation : des valeurs sont arrivées depuis. Lancez « Consolider maintenant » depuis l'accueil pour les y ajouter.",
  cerclesCaption: (quarter: string) =>
    `Complétude, saisies manquantes et valeurs inhabituelles de chaque cercle au ${quarter}`,
  communesWithValues: 'Communes avec des valeurs',
  missingEntries: 'Saisies manquantes',
  unusualValues: 'Valeurs inhabituelles',
  communes: 'Communes',
  outOf: (n: number) => `sur ${formatCount(n, 'fr')}`,
  hasNote: 'oui (ci-dessous)',
  noNoteShort: 'aucune',
  missingHint:
    "Saisies manquantes : les communes × indicateurs à saisir sans valeur, d'après les agrégats de la consolidation. Les chiffres de chaque commune sont sur la page de son cercle.",
  communesLink: (cercle: string) => `Communes de ${cercle}`,
  arrivedSince: (n: number) => ` (${formatCountOf(n, 'valeur arrivée', 'valeurs arrivées', 'fr')} depuis)`,
  figuresTitle: 'Chiffres des cercles',
  figuresIntro: (quarter: string, before: number) =>
    `Chaque chiffre d'un cercle au ${quarter} (la somme de ses communes, ou la règle de l'indicateur) à côté des ${before} trimestres précédents, un domaine à la fois. `,
  unusualFigures: (n: number) =>
    `${formatCount(n, 'fr')} chiffre${n > 1 ? 's' : ''} inhabituel${n > 1 ? 's' : ''} (règle de la saisie : loin de la médiane des trimestres précédents du cercle).`,
  noUnusualFigure: 'Aucun chiffre inhabituel.',
  unusualFiguresCaption: 'Chiffres inhabituels des cercles, tous domaines',
  noFigures: 'Aucun chiffre consolidé pour les cercles sur ces trimestres.',
  figuresNav: 'Domaines des chiffres',
  communesByCercle: (domain: string) => `Communes par cercle, ${domain}`,
  communesOfDomain: (domain: string) => `Les communes, ${domain.toLowerCase()} : `,
  // refusals (areas/trimestres)
  unknownQuarterTitle: 'Trimestre inconnu',
  notAQuarter: (text: string) =>
    `« ${text} » n'est pas un trimestre : écrivez par exemple ?trimestres=2025Q1,2024Q4.`,
  quarterNotFoundTitle: 'Trimestre introuvable',
  noReviewAt: (path: string) =>
    `Il n'y a pas de trimestre à revoir à l'adresse ${path} : choisissez-en un dans le tableau des trimestres.`,
  unknownDomainTitle: 'Domaine inconnu',
  notADomain: (text: string) =>
    `« ${text} » n'est pas un domaine : choisissez-en un dans le menu des domaines de la page.`,
  unknownCercleTitle: 'Cercle inconnu',
  notACercle: (text: string) =>
    `« ${text} » n'est pas un cercle : choisissez-en un dans le tableau des cercles de la région.`,
  noChildrenTitle: 'Pas de trimestres à suivre ici',
  noChildren:
    "Un cercle n'a pas d'unités sous lui : le tableau des trimestres est sur les nœuds de la région et du national. Voyez l'accueil pour le trimestre du cercle.",
  cercleNotOf: (cercle: string, unit: string, quarter: string) =>
    `${cercle} n'est pas un cercle de ${unit} au ${quarter} : choisissez un cercle dans le tableau des cercles de la région.`,
  notAChild: (unit: string, region: boolean, quarter: string) =>
    `${unit} n'est pas ${region ? 'un cercle de cette région' : 'une région du pays'} au ${quarter} : choisissez un trimestre dans le tableau des trimestres.`,
  emptyNote: 'La note est vide : écrivez son texte dans « Note du CSR », puis enregistrez.',
  reasonRequired:
    "Le motif est obligatoire : écrivez dans « Motif » ce que le cercle doit corriger, puis cliquez sur « Renvoyer ». Rien n'a été enregistré.",
};

const en = {
  title: 'Quarters',
  childHeading: (national: boolean): string => (national ? 'Region' : 'Cercle'),
  boardIntro: (national: boolean, node: string) =>
    `The quarters of ${national ? 'the regions of the country:' : 'the cercles of the region'} ${node}: what each has submitted, when it was received, and how many communes have values. Open a quarter to review it and decide.`,
  shownQuarters: 'Quarters shown',
  quarters: 'Quarters',
  show: 'Show',
  boardTitle: (national: boolean) => `Board of the ${national ? 'regions' : 'cercles'}`,
  noChild: (national: boolean) => `No ${national ? 'region' : 'cercle'} in this node's territory.`,
  boardCaption: (national: boolean) =>
    `${national ? 'Regions' : 'Cercles'} × quarters: state, reception, completeness`,
  reviewLink: (quarter: string, name: string) => ` — review the ${quarter} of ${name}`,
  absent: 'not in the territory',
  childStatus: (state: QuarterState) => CHILD_STATUS_EN[state],
  reception: (reception: Reception) => RECEPTION_EN[reception],
  receivedOn: (when: string, reception: string) => `received on ${when}, ${reception}`,
  nothingReceived: (overdue: string, due: string) => `nothing received, ${overdue} (expected by ${due})`,
  expectedOn: (expected: string, due: string) => `${expected} by ${due}`,
  communesOf: (reporting: number, expected: number) =>
    `${formatCount(reporting, 'en')} / ${formatCountOf(expected, 'commune', 'communes', 'en')}`,
  submissionNo: (n: number) => `submission no. ${n}`,
  cerclesNotValidated: (n: number) => formatCountOf(n, 'cercle not validated', 'cercles not validated', 'en'),
  entriesMissing: (n: number) => formatCountOf(n, 'entry missing', 'entries missing', 'en'),
  receptionHidden: 'Reception: ',
  completenessHidden: 'Completeness: ',
  backToBoard: 'Back to the quarters board',
  backToCercles: (region: string) => `Back to the cercles of ${region}`,
  communesOfTitle: (cercle: string, quarter: string) => `Communes of ${cercle} — ${quarter}`,
  stateTitle: 'State of the quarter',
  state: 'State',
  submittedBy: (n: number, when: string, by: string | null) =>
    ` — submission no. ${n} of ${when}${by ? ` by ${by}` : ''}`,
  cerclesNotValidatedAt: 'Cercles not validated at submission',
  entriesMissingAt: 'Entries missing at submission',
  receptionTerm: 'Reception',
  late: 'late',
  dueDate: 'Due date',
  completeness: 'Completeness',
  withValues: (text: string) => `${text} with values`,
  decision: 'Decision',
  decidedBy: (when: string, who: string) => ` on ${when} by ${who}`,
  lastReturnReason: 'Reason of the last return',
  done: (kind: DoneKind, outbox: string) =>
    ({
      valide: `Quarter validated. ${outbox} The cercle's values also go to national in the upward bundle.`,
      consolide: `The region's quarter is recorded as consolidated. ${outbox}`,
      renvoye: `Quarter returned to the cercle with its reason: it can be entered again. ${outbox}`,
      note: `CSR's note saved. ${outbox}`,
      'note-inchangee': 'The note has not changed: nothing was written.',
    })[kind],
  outboxWaiting: (who: string) =>
    `The bundle for ${who} is in the outbox (below, and in Bundles): carry it or send it.`,
  outboxEmpty: (who: string) =>
    `No bundle is waiting for ${who}: it may not be enrolled here (Settings), or the bundle has already left.`,
  noDecisionOpen: (state: string) =>
    `No decision to take: the quarter is ${state}, no submission is waiting.`,
  noDecisionDone: (state: string) => `No decision to take: the quarter is already ${state}.`,
  roleMayNotDecide: 'Your role may not decide: a « validation » or « admin » account validates or returns.',
  validateHintNational:
    "Validate records the region's quarter as consolidated, and writes the bundle that tells it so.",
  validateHintRegion:
    'Validate accepts the last submission: the decision goes to the cercle, and its values to national.',
  validate: 'Validate',
  reason: 'Reason',
  reasonHint: 'Required: what the cercle must correct before submitting again.',
  giveBack: 'Return',
  cercleNotesTitle: "The CSR's notes on the cercles",
  noCercleNote: "No CSR's note on this region's cercles for this quarter.",
  noteWrittenBy: (author: string, when: string) => `Written by ${author}, updated on ${when}.`,
  noteTitle: "CSR's note",
  noteVersion: (author: string, when: string, revision: number) =>
    `Written by ${author}, updated on ${when} (version ${revision}).`,
  noNote: 'No note for this quarter.',
  noteHint: 'The cercle reads it on its home page; it goes with the next bundle, to the cercle and national.',
  saveNote: 'Save the note',
  waitingTitle: (who: string) => `Bundles waiting for ${who}`,
  waitingCaption: (who: string) => `Bundles written for ${who}, to carry (USB key, e-mail) or to send`,
  yes: 'yes',
  no: 'no',
  valuesTitle: "The quarter's values",
  valuesIntro: (quarter: string, before: number) =>
    `Each value of the ${quarter} beside the ${before} quarters before of the same commune, one domain at a time. `,
  unusualCount: (n: number) =>
    `${formatCountOf(n, 'unusual value', 'unusual values', 'en')} (entry's rule: far from the median of the commune's quarters before).`,
  noUnusual: 'No unusual value.',
  unusualCaption: 'Unusual values, all domains',
  noValues: 'No value entered in these quarters.',
  domainsNav: 'Domains of the values',
  domain: 'Domain',
  indicator: 'Indicator',
  cercle: 'Cercle',
  commune: 'Commune',
  inReview: ' (in review)',
  check: 'Check',
  unusual: 'unusual',
  inUnit: (unit: string) => ` in ${unit}`,
  communesTitle: 'Completeness by commune',
  communesCaption: (quarter: string) => `Indicators entered by commune in the ${quarter}, of those to enter`,
  entered: 'Indicators entered',
  expected: 'Expected',
  noValue: ' (no value)',
  cerclesTitle: 'Cercles of the region',
  staleAggregates:
    "The cercles' figures are those of the last consolidation: values have arrived since. Run « Consolidate now » from the home page to add them.",
  cerclesCaption: (quarter: string) =>
    `Completeness, entries missing and unusual values of each cercle in the ${quarter}`,
  communesWithValues: 'Communes with values',
  missingEntries: 'Entries missing',
  unusualValues: 'Unusual values',
  communes: 'Communes',
  outOf: (n: number) => `of ${formatCount(n, 'en')}`,
  hasNote: 'yes (below)',
  noNoteShort: 'none',
  missingHint:
    "Entries missing: the communes × indicators to enter without a value, from the consolidation's aggregates. Each commune's figures are on its cercle's page.",
  communesLink: (cercle: string) => `Communes of ${cercle}`,
  arrivedSince: (n: number) => ` (${formatCountOf(n, 'value arrived', 'values arrived', 'en')} since)`,
  figuresTitle: "The cercles' figures",
  figuresIntro: (quarter: string, before: number) =>
    `Each figure of a cercle in the ${quarter} (the sum of its communes, or the indicator's rule) beside the ${before} quarters before, one domain at a time. `,
  unusualFigures: (n: number) =>
    `${formatCountOf(n, 'unusual figure', 'unusual figures', 'en')} (entry's rule: far from the median of the cercle's quarters before).`,
  noUnusualFigure: 'No unusual figure.',
  unusualFiguresCaption: "The cercles' unusual figures, all domains",
  noFigures: 'No consolidated figure for the cercles in these quarters.',
  figuresNav: 'Domains of the figures',
  communesByCercle: (domain: string) => `Communes by cercle, ${domain}`,
  communesOfDomain: (domain: string) => `The communes, ${domain}: `,
  unknownQuarterTitle: 'Unknown quarter',
  notAQuarter: (text: string) => `« ${text} » is not a quarter: write for example ?trimestres=2025Q1,2024Q4.`,
  quarterNotFoundTitle: 'Quarter not found',
  noReviewAt: (path: string) => `There is no quarter to review at ${path}: choose one in the quarters board.`,
  unknownDomainTitle: 'Unknown domain',
  notADomain: (text: string) => `« ${text} » is not a domain: choose one in the page's domain menu.`,
  unknownCercleTitle: 'Unknown cercle',
  notACercle: (text: string) => `« ${text} » is not a cercle: choose one in the region's table of cercles.`,
  noChildrenTitle: 'No quarters to follow here',
  noChildren:
    "A cercle has no units below it: the quarters board is at the region and national nodes. See the home page for the cercle's quarter.",
  cercleNotOf: (cercle: string, unit: string, quarter: string) =>
    `${cercle} is not a cercle of ${unit} in the ${quarter}: choose a cercle in the region's table of cercles.`,
  notAChild: (unit: string, region: boolean, quarter: string) =>
    `${unit} is not ${region ? 'a cercle of this region' : 'a region of the country'} in the ${quarter}: choose a quarter in the quarters board.`,
  emptyNote: "The note is empty: write its text in « CSR's note », then save.",
  reasonRequired:
    'The reason is required: write in « Reason » what the cercle must correct, then click « Return ». Nothing was saved.',
} satisfies typeof fr;

export const trimestresText: MessageTable<typeof fr> = { fr, en };
