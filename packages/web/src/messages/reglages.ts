import { ORG_UNIT_LEVEL_LABELS, type OrgUnitLevel } from '@oise/core';
import { formatCount, formatCountOf } from '../views/format.js';
import type { MessageTable } from './lang.js';

/*
 * Réglages (areas/reglages-*, views/reglages-*, uploads/receive-file): the node's key and its
 * neighbours, the node's settings, the accounts, the territory. What the packages say (a
 * setting's description, a refusal, a role's description in French) stays theirs.
 */

type Section = 'voisins' | 'noeud' | 'comptes' | 'territoire';
type Group = 'calendrier' | 'transport' | 'boite' | 'cartes' | 'sauvegardes' | 'pages';

const fr = {
  // the frame
  title: (section: string) => `Réglages — ${section}`,
  section: (id: Section): string =>
    ({
      voisins: 'Voisins et clés',
      noeud: 'Réglages du nœud',
      comptes: 'Comptes',
      territoire: 'Territoire',
    })[id],
  sectionsNav: 'Parties des réglages',
  readOnly: 'Votre rôle permet de consulter les réglages, pas de les modifier.',
  refusedLabel: 'Refusé : ',
  doneLabel: 'Fait : ',
  level: (level: OrgUnitLevel) => ORG_UNIT_LEVEL_LABELS[level],
  relation: (child: boolean): string => (child ? 'enfant' : 'parent'),
  // the node's settings
  noeudIntro:
    'Les mêmes réglages que la commande « oise settings ». Un champ vide reprend la valeur par défaut ; une adresse vide fait attendre les paquets pour une clé USB.',
  noChildAddress: "Aucun voisin à joindre par HTTP : enrôlez d'abord un voisin.",
  groupTitle: (id: Group): string =>
    ({
      calendrier: 'Calendrier',
      transport: 'Adresses de transport',
      boite: 'Boîte de réception HTTP',
      cartes: 'Cartes des rapports',
      sauvegardes: 'Sauvegardes quotidiennes',
      pages: 'Langue des pages',
    })[id],
  groupAction: (id: Group): string =>
    ({
      calendrier: 'Enregistrer le calendrier',
      transport: 'Enregistrer les adresses',
      boite: 'Enregistrer la boîte de réception',
      cartes: 'Enregistrer les cartes',
      sauvegardes: 'Enregistrer les sauvegardes',
      pages: 'Enregistrer la langue',
    })[id],
  settingLabel: (key: string): string =>
    ({
      'calendar.cercleDueDays': 'Délai de transmission du cercle (jours)',
      'calendar.regionDueDays': 'Délai de transmission de la région (jours)',
      'calendar.nationalDueDays': 'Délai de consolidation nationale (jours)',
      'transport.parent-url': 'Adresse HTTP du parent',
      'inbox.quota': 'Place des paquets refusés gardés (Mio)',
      'serve.uploads': 'Envois reçus à la fois, toutes adresses',
      'serve.uploads-per-client': 'Envois à la fois d’une même adresse',
      'serve.requests-per-minute': 'Requêtes par minute d’une même adresse',
      'serve.idle-seconds': 'Délai d’un envoi silencieux avant coupure (secondes)',
      'serve.min-rate': 'Débit minimal d’un envoi (octets par seconde)',
      'report.map-indicators': 'Indicateurs des cartes',
      'report.boundaries': 'Fichier des limites de la carte',
      'backup.dir': 'Dossier des sauvegardes',
      'backup.keep': 'Nombre de sauvegardes gardées',
      'web.langue': 'Langue des pages par défaut (fr ou en)',
    })[key] ?? key,
  childAddress: (code: string) => `Adresse HTTP de ${code}`,
  fieldRefused: 'Refusé : ',
  unknownForm: 'Formulaire inconnu',
  unknownFormText: "Ce formulaire de réglages n'existe pas : rechargez la page.",
  valuesRefused: (n: number) =>
    `${n === 1 ? 'une valeur ne convient pas' : `${formatCount(n, 'fr')} valeurs ne conviennent pas`} (voir le champ) : rien de ce groupe n'a été enregistré.`,
  nothingChanged: 'aucune valeur changée : rien à enregistrer.',
  settingsSaved: 'réglages enregistrés ; ils comptent dès le prochain passage.',
  // neighbours and keys
  starterReady: (code: string) => `Paquet de démarrage de ${code} prêt : `,
  starterDownload: (code: string) => `Télécharger le paquet de démarrage de ${code}`,
  starterHandOver: (code: string, fingerprint: string) =>
    `. Remettez-le à ${code} (clé USB, courriel), qui l'applique avec « oise enroll » ; lisez-lui par téléphone l'empreinte de ce nœud, ${fingerprint}.`,
  ownKey: 'La clé de ce nœud',
  node: 'Nœud',
  fingerprint: 'Empreinte',
  readFingerprint:
    'Lisez cette empreinte par téléphone au voisin qui enrôle votre clé : il doit voir la même sur son écran.',
  downloadKey: (code: string) => `Télécharger la clé publique de ${code}`,
  downloadKeyAfter: ' (le fichier que produit « oise key export », à remettre au parent et aux enfants).',
  trusted: 'Voisins de confiance',
  noNeighbour: "Aucun voisin enrôlé : ce nœud n'accepte encore aucun paquet.",
  trustedCaption: (n: number) =>
    `Les paquets signés par ces clés sont acceptés (${formatCountOf(n, 'voisin', 'voisins', 'fr')}).`,
  neighbour: 'Voisin',
  relationHeading: 'Relation',
  enrolledOn: 'Enrôlé le',
  action: 'Action',
  revokeLabel: (code: string) => `Révoquer la clé de ${code}`,
  revoke: 'Révoquer',
  enrolTitle: 'Enrôler une clé',
  enrolIntro: (code: string) =>
    `Choisissez le fichier de clé d'un voisin (produit par « oise key export ») ou le paquet de démarrage reçu du parent (demarrage-${code}.oise). La page montre son code et son empreinte : comparez-la par téléphone avant de confirmer.`,
  enrolField: 'Fichier de clé ou paquet de démarrage',
  enrolHint: 'Une clé fait moins de 64 Kio ; un paquet de démarrage au plus 64 Mio.',
  readFile: 'Lire le fichier',
  confirmTitle: (code: string) => `Confirmer l'enrôlement de ${code}`,
  file: 'Fichier',
  fileKind: (starter: boolean): string => (starter ? 'paquet de démarrage' : 'clé publique'),
  ofThisNode: (relation: string) => `${relation} de ce nœud`,
  content: 'Contenu',
  starterContent: (units: number, communes: number, indicators: number) =>
    `territoire : ${formatCount(units, 'fr')} collectivités, dont ${formatCount(communes, 'fr')} communes de ce nœud ; catalogue : ${formatCount(indicators, 'fr')} indicateurs`,
  callToCompare: (code: string) =>
    `Appelez ${code} et faites-lui lire l'empreinte que montre son écran. Si elle diffère, ne confirmez pas : le fichier a été remplacé en chemin.`,
  matches: "L'empreinte correspond à celle lue au téléphone",
  enrol: (code: string) => `Enrôler ${code}`,
  cancel: 'Annuler',
  unknownCode: 'Code inconnu',
  unknownCodeText: (code: string) => `« ${code} » n'est pas le code d'un nœud (ML, ML04, ML0401…).`,
  incompleteForm: 'Formulaire incomplet',
  incompleteFormText: 'Le formulaire de confirmation est incomplet : choisissez de nouveau le fichier.',
  starterNotFound: 'Paquet introuvable',
  starterGone: "Ce paquet de démarrage n'existe pas (ou plus).",
  keyFileWhat: 'un fichier de clé (oise key export) ni un paquet de démarrage',
  notAKey: (kib: number) =>
    `ce fichier de ${formatCount(kib, 'fr')} Kio n'est pas une clé publique OISE (quelques centaines d'octets) ni un paquet de démarrage. Demandez au voisin le fichier produit par « oise key export ».`,
  alreadyEnrolled: (code: string, fingerprint: string) =>
    `${code} est déjà enrôlé avec cette clé (empreinte ${fingerprint}) : rien à faire.`,
  ofFile: (name: string, message: string) => `${name} : ${message}`,
  fileGone: "Le fichier lu n'est plus là (page trop ancienne, ou déjà enrôlé) : choisissez-le de nouveau.",
  tickToEnrol:
    "Cochez « L'empreinte correspond à celle lue au téléphone » pour enrôler la clé ; sinon, annulez.",
  noActiveKey: (code: string) => `Aucune clé active de ${code} à révoquer.`,
  revoked: (code: string) =>
    `Clé de ${code} révoquée : ses paquets sont refusés désormais. Un nouvel enrôlement la remplace.`,
  keyEnrolled: (code: string, relation: string, fingerprint: string) =>
    `${code} enrôlé comme ${relation} (empreinte ${fingerprint}).`,
  keyKnown: (code: string, fingerprint: string) =>
    `${code} était déjà enrôlé avec cette clé (empreinte ${fingerprint}).`,
  starterApplied: (parent: string, enrolled: boolean) =>
    `Paquet de démarrage de ${parent} : ${parent} ${enrolled ? 'enrôlé comme parent' : 'était déjà enrôlé avec cette clé'}.`,
  starterRejected: (list: string) => ` Paquet(s) refusé(s) : ${list}.`,
  starterTerritory: (communes: number, indicators: number) =>
    ` Territoire appliqué : ${formatCount(communes, 'fr')} communes de ce nœud ; catalogue : ${formatCount(indicators, 'fr')} indicateurs.`,
  // accounts
  loopback:
    'Sur ce poste (adresse locale), personne ne se connecte. Les comptes servent quand les pages sont ouvertes sur le réseau (oise ui --host …).',
  accounts: 'Comptes',
  noAccount: 'Aucun compte sur ce nœud.',
  accountsCaption: 'Les comptes de ce nœud (ils ne voyagent jamais dans les paquets).',
  login: 'Identifiant',
  role: 'Rôle',
  changedOn: 'Modifié le',
  removeLabel: (login: string) => `Supprimer le compte ${login}`,
  remove: 'Supprimer',
  addTitle: 'Ajouter un compte',
  loginHint: 'Lettres sans accent, chiffres, point, tiret ou soulignement (par exemple aminata.traore).',
  password: 'Mot de passe',
  passwordHint: (n: number) => `${formatCount(n, 'fr')} caractères au moins.`,
  passwordAgain: 'Mot de passe, une seconde fois',
  addButton: 'Ajouter le compte',
  changeTitle: 'Changer un mot de passe',
  account: 'Compte',
  newPassword: 'Nouveau mot de passe',
  sessionsClose: " Les sessions ouvertes avec l'ancien se ferment.",
  newPasswordAgain: 'Nouveau mot de passe, une seconde fois',
  changeButton: 'Changer le mot de passe',
  unknownRole: 'Rôle inconnu',
  unknownRoleText: (role: string) =>
    `rôle « ${role} » inconnu : choisissez saisie, validation, lecture ou admin.`,
  mismatch: 'les deux mots de passe tapés diffèrent : rien n’a été changé, tapez-les de nouveau.',
  accountAdded: (login: string, role: string) => `compte « ${login} » créé (rôle ${role}).`,
  passwordChanged: (login: string) =>
    `mot de passe de « ${login} » changé ; ses sessions ouvertes sont fermées.`,
  accountRemoved: (login: string) => `compte « ${login} » supprimé, ses sessions fermées.`,
  // territory
  notHere: 'Page introuvable',
  notHereText: (code: string) =>
    `Le territoire est une donnée de référence du niveau national ; le nœud ${code} la reçoit par les paquets descendants.`,
  territory: 'Territoire',
  known: (regions: number, cercles: number, communes: number) =>
    `Ce nœud connaît ${formatCount(regions, 'fr')} régions, ${formatCount(cercles, 'fr')} cercles et ${formatCount(communes, 'fr')} communes. Les régions et les cercles le reçoivent par les paquets descendants.`,
  territoryField: 'Fichier du territoire (CSV)',
  territoryHint:
    "Colonnes region_code, region_name, cercle_code, cercle_name, commune_code, commune_name (ou code, name, level, parent_code), comme pour « oise territory import ». Tout ou rien : au moindre problème, rien n'est enregistré. 16 Mio au plus.",
  importButton: 'Importer le territoire',
  boundariesTitle: 'Limites de la carte',
  boundariesStored: (regions: number, cercles: number, communes: number) =>
    `Limites enregistrées : ${formatCountOf(regions, 'région', 'régions', 'fr')}, ${formatCountOf(cercles, 'cercle', 'cercles', 'fr')} et ${formatCountOf(communes, 'commune', 'communes', 'fr')}. Elles descendent avec le territoire : chaque nœud dessine ses cartes hors ligne, et les rapports les utilisent.`,
  boundariesFileOnly: (file: string) =>
    `Aucune limite enregistrée ; les rapports utilisent le fichier réglé (report.boundaries) : ${file}, jusqu'à l'import des limites.`,
  noBoundaries:
    'Aucune limite enregistrée : les cartes ne peuvent pas être dessinées, et les rapports nationaux sont publiés sans carte.',
  boundariesField: 'Fichier des limites (GeoJSON)',
  boundariesHint:
    'Une FeatureCollection de polygones des régions, des cercles ou des communes, avec leur code (region_code, cercle_code ou commune_code), comme pour « oise territory boundaries import ». Les entités hors du territoire sont listées, pas enregistrées. 16 Mio au plus.',
  boundariesButton: 'Importer les limites',
  imported: 'Territoire importé',
  importedCaption: 'Ce que contenait le fichier, et ce qui a changé.',
  regions: 'Régions',
  cercles: 'Cercles',
  communes: 'Communes',
  added: 'Ajoutées',
  updated: 'Modifiées',
  unchanged: 'Inchangées',
  problems: (n: number) => `Problèmes du fichier (${formatCount(n, 'fr')})`,
  problemsCaption: "Rien n'a été enregistré : corrigez ces lignes, puis importez de nouveau le fichier.",
  line: 'Ligne',
  column: 'Colonne',
  message: 'Message',
  territoryWhat: 'un fichier de territoire (CSV)',
  boundariesWhat: 'un fichier de limites (GeoJSON)',
  territoryImported: (file: string, units: number) =>
    `territoire importé depuis ${file} : ${formatCount(units, 'fr')} collectivités. Il part vers les régions avec les prochains paquets descendants.`,
  territoryProblems: (file: string, n: number) =>
    `${file} : ${formatCount(n, 'fr')} problème(s), rien n'a été enregistré (détail ci-dessous).`,
  boundariesTravel: (summary: string) =>
    `${summary} Elles partent vers les régions et les cercles avec les prochains paquets descendants.`,
  // one file's upload (uploads/receive-file)
  fileTooLarge: (size: string, what: string) =>
    `Le fichier dépasse ${size} : ce n'est pas ${what}. Rien n'a été gardé ; vérifiez le fichier choisi.`,
  fileUnreadable:
    "L'envoi a été interrompu ou est illisible : rien n'a été gardé. Choisissez le fichier de nouveau, puis recommencez.",
  noFileChosen: (what: string) => `Aucun fichier choisi : choisissez ${what}.`,
};

const en = {
  title: (section: string) => `Settings — ${section}`,
  section: (id: Section): string =>
    ({
      voisins: 'Neighbours and keys',
      noeud: 'Node settings',
      comptes: 'Accounts',
      territoire: 'Territory',
    })[id],
  sectionsNav: 'Parts of the settings',
  readOnly: 'Your role lets you view the settings, not change them.',
  refusedLabel: 'Refused: ',
  doneLabel: 'Done: ',
  level: (level: OrgUnitLevel) =>
    ({ pays: 'country', region: 'region', cercle: 'cercle', commune: 'commune' })[level],
  relation: (child: boolean): string => (child ? 'child' : 'parent node'),
  noeudIntro:
    'The same settings as the command « oise settings ». An empty field goes back to the default value; an empty address makes the bundles wait for a USB key.',
  noChildAddress: 'No neighbour to reach over HTTP: first enrol a neighbour.',
  groupTitle: (id: Group): string =>
    ({
      calendrier: 'Calendar',
      transport: 'Transport addresses',
      boite: 'HTTP inbox',
      cartes: 'Report maps',
      sauvegardes: 'Daily backups',
      pages: 'Language of the pages',
    })[id],
  groupAction: (id: Group): string =>
    ({
      calendrier: 'Save the calendar',
      transport: 'Save the addresses',
      boite: 'Save the inbox',
      cartes: 'Save the maps',
      sauvegardes: 'Save the backups',
      pages: 'Save the language',
    })[id],
  settingLabel: (key: string): string =>
    ({
      'calendar.cercleDueDays': 'Cercle’s submission deadline (days)',
      'calendar.regionDueDays': 'Region’s submission deadline (days)',
      'calendar.nationalDueDays': 'National consolidation deadline (days)',
      'transport.parent-url': 'HTTP address of the parent node',
      'inbox.quota': 'Room for the refused bundles kept (MiB)',
      'serve.uploads': 'Uploads received at a time, all addresses',
      'serve.uploads-per-client': 'Uploads at a time from one address',
      'serve.requests-per-minute': 'Requests per minute from one address',
      'serve.idle-seconds': 'Silence of an upload before it is cut (seconds)',
      'serve.min-rate': 'Lowest rate of an upload (bytes per second)',
      'report.map-indicators': 'Indicators of the maps',
      'report.boundaries': 'File of the map’s boundaries',
      'backup.dir': 'Folder of the backups',
      'backup.keep': 'Number of backups kept',
      'web.langue': 'Default language of the pages (fr or en)',
    })[key] ?? key,
  childAddress: (code: string) => `HTTP address of ${code}`,
  fieldRefused: 'Refused: ',
  unknownForm: 'Unknown form',
  unknownFormText: 'This settings form does not exist: reload the page.',
  valuesRefused: (n: number) =>
    `${n === 1 ? 'one value does not fit' : `${formatCount(n, 'en')} values do not fit`} (see the field): nothing of this group was saved.`,
  nothingChanged: 'no value changed: nothing to save.',
  settingsSaved: 'settings saved; they count from the next pass.',
  starterReady: (code: string) => `Starter bundle of ${code} ready: `,
  starterDownload: (code: string) => `Download the starter bundle of ${code}`,
  starterHandOver: (code: string, fingerprint: string) =>
    `. Hand it to ${code} (USB key, e-mail), who applies it with « oise enroll »; read them this node’s fingerprint by phone, ${fingerprint}.`,
  ownKey: 'This node’s key',
  node: 'Node',
  fingerprint: 'Fingerprint',
  readFingerprint:
    'Read this fingerprint by phone to the neighbour who enrols your key: they must see the same one on their screen.',
  downloadKey: (code: string) => `Download the public key of ${code}`,
  downloadKeyAfter: ' (the file « oise key export » writes, to hand to the parent node and the children).',
  trusted: 'Trusted neighbours',
  noNeighbour: 'No neighbour enrolled: this node accepts no bundle yet.',
  trustedCaption: (n: number) =>
    `The bundles signed by these keys are accepted (${formatCountOf(n, 'neighbour', 'neighbours', 'en')}).`,
  neighbour: 'Neighbour',
  relationHeading: 'Relationship',
  enrolledOn: 'Enrolled on',
  action: 'Action',
  revokeLabel: (code: string) => `Revoke the key of ${code}`,
  revoke: 'Revoke',
  enrolTitle: 'Enrol a key',
  enrolIntro: (code: string) =>
    `Choose a neighbour’s key file (written by « oise key export ») or the starter bundle received from the parent node (demarrage-${code}.oise). The page shows its code and fingerprint: compare it by phone before confirming.`,
  enrolField: 'Key file or starter bundle',
  enrolHint: 'A key is under 64 KiB; a starter bundle 64 MiB at most.',
  readFile: 'Read the file',
  confirmTitle: (code: string) => `Confirm the enrolment of ${code}`,
  file: 'File',
  fileKind: (starter: boolean): string => (starter ? 'starter bundle' : 'public key'),
  ofThisNode: (relation: string) => `${relation} of this node`,
  content: 'Content',
  starterContent: (units: number, communes: number, indicators: number) =>
    `territory: ${formatCount(units, 'en')} units, of which ${formatCount(communes, 'en')} communes of this node; catalogue: ${formatCount(indicators, 'en')} indicators`,
  callToCompare: (code: string) =>
    `Call ${code} and have them read the fingerprint their screen shows. If it differs, do not confirm: the file was replaced on the way.`,
  matches: 'The fingerprint matches the one read by phone',
  enrol: (code: string) => `Enrol ${code}`,
  cancel: 'Cancel',
  unknownCode: 'Unknown code',
  unknownCodeText: (code: string) => `« ${code} » is not a node’s code (ML, ML04, ML0401…).`,
  incompleteForm: 'Incomplete form',
  incompleteFormText: 'The confirmation form is incomplete: choose the file again.',
  starterNotFound: 'Bundle not found',
  starterGone: 'This starter bundle does not exist (or no longer).',
  keyFileWhat: 'a key file (oise key export) nor a starter bundle',
  notAKey: (kib: number) =>
    `this file of ${formatCount(kib, 'en')} KiB is not an OISE public key (a few hundred bytes) nor a starter bundle. Ask the neighbour for the file written by « oise key export ».`,
  alreadyEnrolled: (code: string, fingerprint: string) =>
    `${code} is already enrolled with this key (fingerprint ${fingerprint}): nothing to do.`,
  ofFile: (name: string, message: string) => `${name}: ${message}`,
  fileGone: 'The file read is no longer there (page too old, or already enrolled): choose it again.',
  tickToEnrol: 'Tick « The fingerprint matches the one read by phone » to enrol the key; otherwise, cancel.',
  noActiveKey: (code: string) => `No active key of ${code} to revoke.`,
  revoked: (code: string) =>
    `Key of ${code} revoked: its bundles are refused from now on. A new enrolment replaces it.`,
  keyEnrolled: (code: string, relation: string, fingerprint: string) =>
    `${code} enrolled as ${relation} (fingerprint ${fingerprint}).`,
  keyKnown: (code: string, fingerprint: string) =>
    `${code} was already enrolled with this key (fingerprint ${fingerprint}).`,
  starterApplied: (parent: string, enrolled: boolean) =>
    `Starter bundle of ${parent}: ${parent} ${enrolled ? 'enrolled as parent node' : 'was already enrolled with this key'}.`,
  starterRejected: (list: string) => ` Bundle(s) refused: ${list}.`,
  starterTerritory: (communes: number, indicators: number) =>
    ` Territory applied: ${formatCount(communes, 'en')} communes of this node; catalogue: ${formatCount(indicators, 'en')} indicators.`,
  loopback:
    'On this computer (local address), nobody signs in. Accounts matter when the pages are open on the network (oise ui --host …).',
  accounts: 'Accounts',
  noAccount: 'No account on this node.',
  accountsCaption: 'The accounts of this node (they never travel in the bundles).',
  login: 'Login',
  role: 'Role',
  changedOn: 'Changed on',
  removeLabel: (login: string) => `Remove the account ${login}`,
  remove: 'Remove',
  addTitle: 'Add an account',
  loginHint: 'Letters without accents, digits, dot, hyphen or underscore (for example aminata.traore).',
  password: 'Password',
  passwordHint: (n: number) => `${formatCount(n, 'en')} characters at least.`,
  passwordAgain: 'Password, a second time',
  addButton: 'Add the account',
  changeTitle: 'Change a password',
  account: 'Account',
  newPassword: 'New password',
  sessionsClose: ' The sessions opened with the old one are closed.',
  newPasswordAgain: 'New password, a second time',
  changeButton: 'Change the password',
  unknownRole: 'Unknown role',
  unknownRoleText: (role: string) => `role « ${role} » unknown: choose saisie, validation, lecture or admin.`,
  mismatch: 'the two passwords typed differ: nothing was changed, type them again.',
  accountAdded: (login: string, role: string) => `account « ${login} » created (role ${role}).`,
  passwordChanged: (login: string) => `password of « ${login} » changed; their open sessions are closed.`,
  accountRemoved: (login: string) => `account « ${login} » removed, their sessions closed.`,
  notHere: 'Page not found',
  notHereText: (code: string) =>
    `The territory is reference data of the national level; the node ${code} receives it in the downward bundles.`,
  territory: 'Territory',
  known: (regions: number, cercles: number, communes: number) =>
    `This node knows ${formatCount(regions, 'en')} regions, ${formatCount(cercles, 'en')} cercles and ${formatCount(communes, 'en')} communes. The regions and the cercles receive it in the downward bundles.`,
  territoryField: 'File of the territory (CSV)',
  territoryHint:
    'Columns region_code, region_name, cercle_code, cercle_name, commune_code, commune_name (or code, name, level, parent_code), as for « oise territory import ». All or nothing: at the least problem, nothing is saved. 16 MiB at most.',
  importButton: 'Import the territory',
  boundariesTitle: 'Boundaries of the map',
  boundariesStored: (regions: number, cercles: number, communes: number) =>
    `Boundaries stored: ${formatCountOf(regions, 'region', 'regions', 'en')}, ${formatCountOf(cercles, 'cercle', 'cercles', 'en')} and ${formatCountOf(communes, 'commune', 'communes', 'en')}. They go down with the territory: each node draws its maps offline, and the reports use them.`,
  boundariesFileOnly: (file: string) =>
    `No boundaries stored; the reports use the file set (report.boundaries): ${file}, until boundaries are imported.`,
  noBoundaries:
    'No boundaries stored: the maps cannot be drawn, and the national reports are published without a map.',
  boundariesField: 'File of the boundaries (GeoJSON)',
  boundariesHint:
    'A FeatureCollection of polygons of the regions, the cercles or the communes, with their code (region_code, cercle_code or commune_code), as for « oise territory boundaries import ». Features outside the territory are listed, not stored. 16 MiB at most.',
  boundariesButton: 'Import the boundaries',
  imported: 'Territory imported',
  importedCaption: 'What the file held, and what changed.',
  regions: 'Regions',
  cercles: 'Cercles',
  communes: 'Communes',
  added: 'Added',
  updated: 'Changed',
  unchanged: 'Unchanged',
  problems: (n: number) => `Problems of the file (${formatCount(n, 'en')})`,
  problemsCaption: 'Nothing was saved: correct these lines, then import the file again.',
  line: 'Line',
  column: 'Column',
  message: 'Message',
  territoryWhat: 'a territory file (CSV)',
  boundariesWhat: 'a boundaries file (GeoJSON)',
  territoryImported: (file: string, units: number) =>
    `territory imported from ${file}: ${formatCount(units, 'en')} units. It goes to the regions with the next downward bundles.`,
  territoryProblems: (file: string, n: number) =>
    `${file}: ${formatCountOf(n, 'problem', 'problems', 'en')}, nothing was saved (details below).`,
  boundariesTravel: (summary: string) =>
    `${summary} They go to the regions and the cercles with the next downward bundles.`,
  fileTooLarge: (size: string, what: string) =>
    `The file is over ${size}: it is not ${what}. Nothing was kept; check the file chosen.`,
  fileUnreadable:
    'The upload was cut off or is unreadable: nothing was kept. Choose the file again, then retry.',
  noFileChosen: (what: string) => `No file chosen: choose ${what}.`,
} satisfies typeof fr;

export const reglagesText: MessageTable<typeof fr> = { fr, en };
