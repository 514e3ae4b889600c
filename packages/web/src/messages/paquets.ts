import { formatCount, formatCountOf } from '../views/format.js';
import type { MessageTable } from './lang.js';

/*
 * Paquets (areas/paquets, paquets-page, paquets-results, journal-page, uploads/drop-bundles and
 * receive-bundles): the outbox, the steps of the page, the drop and the log. The packages' own
 * words (a refusal's reason, the send's outcome, the log's states) stay French.
 */

const fr = {
  // the page
  title: 'Paquets',
  journalLink: 'Journal des paquets',
  journalLinkAfter: ' : ce qui a été reçu, appliqué ou refusé, et pourquoi.',
  prepareTitle: 'Préparer les paquets',
  prepareIntro:
    "Écrit maintenant, pour chaque voisin enrôlé, le paquet signé de ce qu'il n'a pas encore reçu (comme la commande « oise export ») ; le passage du matin le fait aussi.",
  prepareRunning: 'Préparation en cours : ',
  seeProgress: "voir l'avancement",
  prepareButton: 'Préparer les paquets',
  toSendTitle: 'À envoyer',
  toSendCaption: 'Paquets écrits pour les voisins : téléchargez-les pour une clé USB ou un courriel.',
  httpTitle: 'Envoyer et recevoir par HTTP',
  noNeighbour: "Aucun voisin enrôlé : enrôlez d'abord la clé d'un voisin (Réglages, ou « oise enroll »).",
  addressesCaption: 'Adresse de la boîte de réception de chaque voisin enrôlé.',
  neighbour: 'Voisin',
  address: 'Adresse',
  waiting: 'En attente',
  relation: (parent: boolean): string => (parent ? 'parent' : 'enfant'),
  unusable: (url: string, problem: string) => `${url} — inutilisable : ${problem}`,
  noAddress: 'aucune adresse',
  noAddressSet:
    "Aucune adresse n'est réglée : les paquets attendent une clé USB ou un courriel. Pour les envoyer par le réseau, réglez l'adresse de la boîte de réception du voisin dans les Réglages, ou avec la commande :",
  nothingToSend: "Rien à envoyer pour le moment : aucun paquet n'attend pour un voisin qui a une adresse.",
  sendRunning: 'Envoi en cours : ',
  sendHint:
    "Chaque paquet en attente part vers l'adresse de son destinataire, du plus ancien au plus récent (comme « oise send ») ; le passage du matin le fait aussi.",
  sendButton: 'Envoyer maintenant',
  receiveTitle: 'Recevoir',
  receiveIntro:
    "Les paquets ne se demandent pas : chaque nœud envoie les siens à la boîte de réception de son voisin. Ceux des voisins arrivent donc d'eux-mêmes, et sont appliqués aussitôt, tant que la boîte de réception HTTP de ce nœud est ouverte.",
  inboxListens: 'La boîte de réception de ce nœud écoute sur ',
  inboxListensAfter: " : c'est l'adresse que les voisins règlent chez eux.",
  inboxClosed: "La boîte de réception HTTP de ce nœud n'est pas ouverte : lancez les pages avec ",
  inboxClosedOr: ' (ou ',
  inboxClosedAfter: '), ou déposez ci-dessous les paquets reçus par clé USB ou courriel.',
  bundles: (n: number) => (n === 0 ? 'aucun paquet' : formatCountOf(n, 'paquet', 'paquets', 'fr')),
  dropTitle: 'Déposer des paquets',
  dropIntro:
    "Les paquets reçus d'un voisin (clé USB, courriel) sont vérifiés comme à la commande « oise ingest » : signature d'une clé enrôlée, destinataire, empreinte. Chacun est appliqué ou refusé, avec sa raison.",
  dropField: 'Paquets reçus (fichiers .oise.gz)',
  dropHint: (files: number) =>
    `Jusqu'à ${formatCount(files, 'fr')} fichiers à la fois, 64 Mio au plus chacun.`,
  dropButton: 'Déposer des paquets',
  // the routes
  bundleNotFound: 'Paquet introuvable',
  bundleGone: "Ce paquet n'est pas (ou plus) dans la boîte d'envoi.",
  resultNotFound: 'Résultat introuvable',
  resultGone:
    "Ce résultat n'est plus gardé (le serveur a redémarré, ou d'autres opérations ont suivi) : le journal des paquets dit ce qui a été appliqué ou refusé.",
  unknownFilter: 'Filtre inconnu',
  unknownFilterText: (word: string) =>
    `« ${word} » n'est pas un filtre du journal : choisissez « tous » ou « refuses » (les liens en haut du journal).`,
  unknownPage: 'Page inconnue',
  unknownPageText: (page: string) =>
    `« ${page} » n'est pas un numéro de page : un nombre entier à partir de 1 (les liens en bas du journal).`,
  dropRefusedNow: (reason: string) => `Dépôt refusé pour l'instant : ${reason}`,
  dropJob: 'Dépôt de paquets',
  prepareJob: 'Préparation des paquets',
  sendJob: 'Envoi des paquets par HTTP',
  stepFile: (done: number, total: number, file: string) =>
    `fichier ${formatCount(done, 'fr')} sur ${formatCount(total, 'fr')} : ${file}`,
  stepNeighbour: (done: number, total: number, code: string) =>
    `voisin ${formatCount(done, 'fr')} sur ${formatCount(total, 'fr')} : ${code}`,
  stepBundle: (done: number, total: number, file: string, recipient: string) =>
    `paquet ${formatCount(done, 'fr')} sur ${formatCount(total, 'fr')} : ${file} pour ${recipient}`,
  dropWaits: 'en attente : une autre opération est en cours sur le nœud, le dépôt suit juste après.',
  stepConsolidation: (step: string) => `consolidation : ${step}`,
  // the drop (uploads)
  queued: 'reçu : un passage est en cours sur le nœud, ce paquet sera appliqué au prochain passage.',
  applied: (n: number) =>
    `appliqué : ${formatCountOf(n, 'ligne nouvelle ou modifiée', 'lignes nouvelles ou modifiées', 'fr')}.`,
  alreadyApplied: 'déjà appliqué : rien de nouveau.',
  refusedPlain: 'refusé.',
  unreadable: 'Envoi illisible : utilisez le formulaire « Déposer des paquets ».',
  fileRefused: (name: string, why: string) =>
    `Le fichier « ${name} » est refusé : ${why} Aucun fichier de ce dépôt n'a été gardé.`,
  requestTooLarge: (files: number) =>
    `Le dépôt dépasse la taille permise (${formatCount(files, 'fr')} fichiers de 64 Mio au plus) : rien n'a été gardé.`,
  fileTooLarge: (name: string) =>
    `Le fichier « ${name} » dépasse la limite de 64 Mio par fichier : aucun fichier de ce dépôt n'a été gardé. Un paquet OISE normal est bien plus petit ; vérifiez le fichier.`,
  tooManyFiles: (files: number) =>
    `Au plus ${formatCount(files, 'fr')} fichiers par dépôt : aucun n'a été gardé. Déposez-les en plusieurs fois.`,
  broken: "L'envoi a été interrompu ou est illisible : aucun fichier n'a été gardé. Recommencez.",
  notABundle: "Un fichier n'est pas un paquet d'un voisin enrôlé : aucun fichier n'a été gardé.",
  noFile: 'Aucun fichier choisi : choisissez un ou plusieurs paquets reçus (.oise.gz).',
  // the results
  verdict: (status: 'applied' | 'duplicate' | 'rejected' | 'ignored' | 'queued'): string =>
    ({
      applied: 'appliqué',
      duplicate: 'déjà reçu',
      rejected: 'refusé',
      ignored: 'pas un paquet',
      queued: 'en attente',
    })[status],
  dropDone: (files: number, applied: number, duplicate: number, refused: number, queued: number) =>
    `${formatCountOf(files, 'fichier déposé', 'fichiers déposés', 'fr')} : ${formatCountOf(applied, 'appliqué', 'appliqués', 'fr')}, ${formatCountOf(duplicate, 'déjà reçu', 'déjà reçus', 'fr')}, ${formatCountOf(refused, 'refusé', 'refusés', 'fr')}${queued ? `, ${formatCount(queued, 'fr')} en attente` : ''}.`,
  nothingNew: 'Rien de nouveau pour les voisins : aucun paquet écrit.',
  noNeighbourWritten: 'Aucun voisin enrôlé : aucun paquet écrit.',
  written: (n: number, to: string) =>
    `${formatCountOf(n, 'paquet écrit', 'paquets écrits', 'fr')} pour ${to}, dans la boîte d'envoi.`,
  nothingSentNoAddress: "Rien d'envoyé : aucun voisin qui attend un paquet n'a d'adresse réglée.",
  outboxEmpty: "Rien à envoyer : la boîte d'envoi est vide.",
  sent: (delivered: number, refused: number, failed: number) =>
    `${formatCountOf(delivered, 'paquet reçu', 'paquets reçus', 'fr')} par les voisins, ${formatCountOf(refused, 'refusé', 'refusés', 'fr')}, ${formatCountOf(failed, 'non envoyé', 'non envoyés', 'fr')}.`,
  dropResult: 'Résultat du dépôt',
  exportResult: 'Paquets préparés',
  sendResult: "Résultat de l'envoi",
  dropCaption: "Chaque fichier déposé, et ce qu'il est devenu.",
  file: 'Fichier',
  verdictHeading: 'Verdict',
  detail: 'Détail',
  fromBundle: (sender: string, sequence: number) => `de ${sender}, paquet n° ${sequence} — `,
  writtenCaption: 'Les paquets écrits, à envoyer ou à télécharger ci-dessous.',
  recipient: 'Destinataire',
  number: 'Numéro',
  content: 'Contenu',
  size: 'Taille',
  direction: (up: boolean): string => (up ? 'montant' : 'descendant'),
  ackOnly: 'accusé de réception seul',
  rows: (n: number) => formatCountOf(n, 'ligne', 'lignes', 'fr'),
  nothingNewFor: (codes: string) => `Rien de nouveau pour ${codes}.`,
  sentCaption: 'Chaque paquet envoyé, et la réponse du destinataire.',
  resultHeading: 'Résultat',
  failedHint:
    "Un paquet non envoyé reste dans la boîte d'envoi, avec ceux qui le suivent : le prochain envoi (ou le passage du matin) le reprend, ou téléchargez-le pour une clé USB.",
  withoutAddress: (code: string, files: number) =>
    `${code} : ${formatCountOf(files, 'paquet', 'paquets', 'fr')} en attente, sans adresse réglée (clé USB, ou une adresse dans les réglages).`,
  // the log
  journalTitle: 'Journal des paquets',
  backToPaquets: 'Retour aux paquets',
  byNeighbour: 'Par voisin',
  filterAll: 'Tous les paquets',
  filterRejected: 'Les paquets refusés',
  filterNav: 'Filtre du journal',
  noneRejected: 'Aucun paquet refusé.',
  noneYet: 'Aucun paquet reçu ni écrit pour le moment.',
  noExchange: 'Aucun échange pour le moment.',
  countsCaption: 'Paquets reçus de chaque voisin, par verdict, et paquets écrits pour lui.',
  applieds: 'Appliqués',
  duplicates: 'Déjà reçus',
  rejecteds: 'Refusés',
  writtenFor: 'Écrits pour lui',
  unknownSender: 'expéditeur inconnu',
  logCaption: (first: number, last: number, total: number) =>
    `Du plus récent au plus ancien : lignes ${formatCount(first, 'fr')} à ${formatCount(last, 'fr')} sur ${formatCount(total, 'fr')}.`,
  date: 'Date',
  way: 'Sens',
  state: 'État',
  reasonOrContent: 'Motif ou contenu',
  inOut: (incoming: boolean): string => (incoming ? 'reçu' : 'écrit'),
  forCode: (code: string) => `pour ${code}`,
  fromCode: (code: string) => `de ${code}`,
  claims: (code: string) => `expéditeur inconnu (se dit ${code})`,
  ackRows: 'aucune ligne (accusé de réception)',
  pagesNav: 'Pages du journal',
  previous: 'Page précédente',
  next: 'Page suivante',
  pageOf: (page: number, count: number) => `Page ${formatCount(page, 'fr')} sur ${formatCount(count, 'fr')}`,
};

const en = {
  title: 'Bundles',
  journalLink: 'Log of bundles',
  journalLinkAfter: ': what was received, applied or refused, and why.',
  prepareTitle: 'Prepare the bundles',
  prepareIntro:
    'Writes now, for each enrolled neighbour, the signed bundle of what it has not received yet (as the command « oise export »); the morning pass does it too.',
  prepareRunning: 'Preparing: ',
  seeProgress: 'see the progress',
  prepareButton: 'Prepare the bundles',
  toSendTitle: 'To send',
  toSendCaption: 'Bundles written for the neighbours: download them for a USB key or an e-mail.',
  httpTitle: 'Send and receive over HTTP',
  noNeighbour: 'No neighbour enrolled: first enrol a neighbour’s key (Settings, or « oise enroll »).',
  addressesCaption: 'Address of the inbox of each enrolled neighbour.',
  neighbour: 'Neighbour',
  address: 'Address',
  waiting: 'Waiting',
  relation: (parent: boolean): string => (parent ? 'parent node' : 'child'),
  unusable: (url: string, problem: string) => `${url} — unusable: ${problem}`,
  noAddress: 'no address',
  noAddressSet:
    'No address is set: the bundles wait for a USB key or an e-mail. To send them over the network, set the address of the neighbour’s inbox in Settings, or with the command:',
  nothingToSend: 'Nothing to send for now: no bundle waits for a neighbour that has an address.',
  sendRunning: 'Sending: ',
  sendHint:
    'Each waiting bundle goes to its recipient’s address, oldest first (as « oise send »); the morning pass does it too.',
  sendButton: 'Send now',
  receiveTitle: 'Receive',
  receiveIntro:
    'Bundles are not asked for: each node sends its own to its neighbour’s inbox. The neighbours’ bundles therefore arrive by themselves, and are applied at once, as long as this node’s HTTP inbox is open.',
  inboxListens: 'This node’s inbox listens on ',
  inboxListensAfter: ': that is the address the neighbours set on their side.',
  inboxClosed: 'This node’s HTTP inbox is not open: start the pages with ',
  inboxClosedOr: ' (or ',
  inboxClosedAfter: '), or drop below the bundles received by USB key or e-mail.',
  bundles: (n: number) => (n === 0 ? 'no bundle' : formatCountOf(n, 'bundle', 'bundles', 'en')),
  dropTitle: 'Drop bundles',
  dropIntro:
    'Bundles received from a neighbour (USB key, e-mail) are checked as by the command « oise ingest »: signature of an enrolled key, recipient, hash. Each is applied or refused, with its reason.',
  dropField: 'Bundles received (.oise.gz files)',
  dropHint: (files: number) => `Up to ${formatCount(files, 'en')} files at a time, 64 MiB at most each.`,
  dropButton: 'Drop bundles',
  bundleNotFound: 'Bundle not found',
  bundleGone: 'This bundle is not (or no longer) in the outbox.',
  resultNotFound: 'Result not found',
  resultGone:
    'This result is no longer kept (the server restarted, or other operations followed): the log of bundles says what was applied or refused.',
  unknownFilter: 'Unknown filter',
  unknownFilterText: (word: string) =>
    `« ${word} » is not a filter of the log: choose « tous » or « refuses » (the links at the top of the log).`,
  unknownPage: 'Unknown page',
  unknownPageText: (page: string) =>
    `« ${page} » is not a page number: a whole number from 1 (the links at the bottom of the log).`,
  dropRefusedNow: (reason: string) => `Drop refused for now: ${reason}`,
  dropJob: 'Drop of bundles',
  prepareJob: 'Preparing the bundles',
  sendJob: 'Sending the bundles over HTTP',
  stepFile: (done: number, total: number, file: string) =>
    `file ${formatCount(done, 'en')} of ${formatCount(total, 'en')}: ${file}`,
  stepNeighbour: (done: number, total: number, code: string) =>
    `neighbour ${formatCount(done, 'en')} of ${formatCount(total, 'en')}: ${code}`,
  stepBundle: (done: number, total: number, file: string, recipient: string) =>
    `bundle ${formatCount(done, 'en')} of ${formatCount(total, 'en')}: ${file} for ${recipient}`,
  dropWaits: 'waiting: another operation is running on the node, the drop follows right after.',
  stepConsolidation: (step: string) => `consolidation: ${step}`,
  queued: 'received: a pass is running on the node, this bundle will be applied at the next pass.',
  applied: (n: number) => `applied: ${formatCountOf(n, 'new or changed row', 'new or changed rows', 'en')}.`,
  alreadyApplied: 'already applied: nothing new.',
  refusedPlain: 'refused.',
  unreadable: 'Unreadable upload: use the form « Drop bundles ».',
  fileRefused: (name: string, why: string) =>
    `The file « ${name} » is refused: ${why} No file of this drop was kept.`,
  requestTooLarge: (files: number) =>
    `The drop is over the allowed size (${formatCount(files, 'en')} files of 64 MiB at most): nothing was kept.`,
  fileTooLarge: (name: string) =>
    `The file « ${name} » is over the limit of 64 MiB per file: no file of this drop was kept. A normal OISE bundle is much smaller; check the file.`,
  tooManyFiles: (files: number) =>
    `At most ${formatCount(files, 'en')} files per drop: none was kept. Drop them in several goes.`,
  broken: 'The upload was cut off or is unreadable: no file was kept. Try again.',
  notABundle: 'A file is not a bundle of an enrolled neighbour: no file was kept.',
  noFile: 'No file chosen: choose one or more bundles received (.oise.gz).',
  verdict: (status: 'applied' | 'duplicate' | 'rejected' | 'ignored' | 'queued'): string =>
    ({
      applied: 'applied',
      duplicate: 'already received',
      rejected: 'refused',
      ignored: 'not a bundle',
      queued: 'waiting',
    })[status],
  dropDone: (files: number, applied: number, duplicate: number, refused: number, queued: number) =>
    `${formatCountOf(files, 'file dropped', 'files dropped', 'en')}: ${formatCount(applied, 'en')} applied, ${formatCount(duplicate, 'en')} already received, ${formatCount(refused, 'en')} refused${queued ? `, ${formatCount(queued, 'en')} waiting` : ''}.`,
  nothingNew: 'Nothing new for the neighbours: no bundle written.',
  noNeighbourWritten: 'No neighbour enrolled: no bundle written.',
  written: (n: number, to: string) =>
    `${formatCountOf(n, 'bundle written', 'bundles written', 'en')} for ${to}, in the outbox.`,
  nothingSentNoAddress: 'Nothing sent: no neighbour waiting for a bundle has an address set.',
  outboxEmpty: 'Nothing to send: the outbox is empty.',
  sent: (delivered: number, refused: number, failed: number) =>
    `${formatCountOf(delivered, 'bundle received', 'bundles received', 'en')} by the neighbours, ${formatCount(refused, 'en')} refused, ${formatCount(failed, 'en')} not sent.`,
  dropResult: 'Result of the drop',
  exportResult: 'Bundles prepared',
  sendResult: 'Result of the send',
  dropCaption: 'Each file dropped, and what became of it.',
  file: 'File',
  verdictHeading: 'Outcome',
  detail: 'Detail',
  fromBundle: (sender: string, sequence: number) => `from ${sender}, bundle no. ${sequence} — `,
  writtenCaption: 'The bundles written, to send or to download below.',
  recipient: 'Recipient',
  number: 'Number',
  content: 'Content',
  size: 'Size',
  direction: (up: boolean): string => (up ? 'upward' : 'downward'),
  ackOnly: 'acknowledgement only',
  rows: (n: number) => formatCountOf(n, 'row', 'rows', 'en'),
  nothingNewFor: (codes: string) => `Nothing new for ${codes}.`,
  sentCaption: 'Each bundle sent, and the recipient’s answer.',
  resultHeading: 'Result',
  failedHint:
    'A bundle not sent stays in the outbox, with those that follow it: the next send (or the morning pass) takes it again, or download it for a USB key.',
  withoutAddress: (code: string, files: number) =>
    `${code}: ${formatCountOf(files, 'bundle', 'bundles', 'en')} waiting, without an address set (USB key, or an address in the settings).`,
  journalTitle: 'Log of bundles',
  backToPaquets: 'Back to bundles',
  byNeighbour: 'By neighbour',
  filterAll: 'All bundles',
  filterRejected: 'The refused bundles',
  filterNav: 'Filter of the log',
  noneRejected: 'No bundle refused.',
  noneYet: 'No bundle received or written yet.',
  noExchange: 'No exchange yet.',
  countsCaption: 'Bundles received from each neighbour, by outcome, and bundles written for it.',
  applieds: 'Applied',
  duplicates: 'Already received',
  rejecteds: 'Refused',
  writtenFor: 'Written for it',
  unknownSender: 'unknown sender',
  logCaption: (first: number, last: number, total: number) =>
    `Newest first: rows ${formatCount(first, 'en')} to ${formatCount(last, 'en')} of ${formatCount(total, 'en')}.`,
  date: 'Date',
  way: 'Way',
  state: 'State',
  reasonOrContent: 'Reason or content',
  inOut: (incoming: boolean): string => (incoming ? 'received' : 'written'),
  forCode: (code: string) => `for ${code}`,
  fromCode: (code: string) => `from ${code}`,
  claims: (code: string) => `unknown sender (claims to be ${code})`,
  ackRows: 'no row (acknowledgement)',
  pagesNav: 'Pages of the log',
  previous: 'Previous page',
  next: 'Next page',
  pageOf: (page: number, count: number) => `Page ${formatCount(page, 'en')} of ${formatCount(count, 'en')}`,
} satisfies typeof fr;

export const paquetsText: MessageTable<typeof fr> = { fr, en };
