import type { NodeLevel } from '@oise/core';
import { formatCountOf } from '../views/format.js';
import type { MessageTable } from './lang.js';

/** The first start (`oise ui` on an empty folder) and the new node's *Mise en place*. */
const fr = {
  title: "Premier démarrage d'OISE",
  intro: (dir: string) =>
    `Le dossier ${dir} ne contient pas encore de nœud OISE. Dites quel nœud est ce poste : OISE y crée sa base, son catalogue d'indicateurs et ses clés, comme « oise init ».`,
  loopbackOnly:
    "Tant que le nœud n'existe pas, ces pages ne s'ouvrent que sur ce poste (aucun compte n'existe encore).",
  createTitle: 'Créer le nœud',
  levelLegend: 'Niveau du nœud',
  levelChoice: (level: NodeLevel) =>
    ({
      cercle: "Cercle (CCC) : la saisie des communes d'un cercle",
      region: 'Région (CSR) : la validation des cercles de la région',
      national: 'National : la consolidation du pays et le territoire',
    })[level],
  codeLabel: 'Code du nœud',
  codeHint:
    'Le code P de la collectivité : ML pour le national, ML04 pour une région (Ségou), ML0401 pour un cercle (Barouéli).',
  parentLabel: 'Code du parent (facultatif)',
  parentHint: 'Laissez vide : il se déduit du code (ML04 pour ML0401, ML pour ML04). Vide pour le national.',
  createButton: 'Créer le nœud',
  error: 'Erreur : ',
  formErrors: 'Le nœud n’est pas créé : corrigez le champ signalé ci-dessous.',
  packageTitle: 'Installer avec le paquet de la région',
  packageIntro:
    "Le paquet de démarrage que remet la région (le national pour une région) est fait pour la clé de ce nœud : il se prend donc après la création, en trois temps, sur la page « Mise en place du nœud » qui s'ouvre ensuite :",
  packageStep1: 'créez le nœud ci-dessus, avec le code que la région vous a donné ;',
  packageStep2:
    "téléchargez la clé de ce nœud et remettez-la à la région ; lisez-lui l'empreinte par téléphone : elle l'enrôle et vous remet le fichier demarrage-CODE.oise ;",
  packageStep3:
    "déposez ce fichier sur la page « Mise en place du nœud » (ou Réglages → Voisins et clés) : OISE montre de qui il vient, vous confirmez l'empreinte, et le territoire et le catalogue de la région sont appliqués.",
  busy: 'Le nœud est en cours de création : patientez un instant, puis rechargez la page.',
  // Mise en place
  setupTitle: 'Mise en place du nœud',
  created: (level: string, code: string, dir: string) => `Nœud ${level} ${code} créé dans ${dir}.`,
  levelName: (level: NodeLevel) => ({ cercle: 'cercle', region: 'région', national: 'national' })[level],
  keyTitle: 'Étape 1 : la clé de ce nœud',
  keyText: (parent: string) =>
    `Remettez ce fichier à ${parent} (clé USB, courriel), puis lisez-lui l'empreinte par téléphone : ${parent} l'enrôle (Réglages → Voisins et clés, ou « oise enroll ») et vous remet son paquet de démarrage.`,
  keyTextNational:
    "Chaque région enrôle cette clé (remettez-lui ce fichier et lisez-lui l'empreinte par téléphone) : elle accepte alors les paquets du national.",
  fingerprint: 'Empreinte',
  downloadKey: (code: string) => `Télécharger la clé de ce nœud (cle-${code}.json)`,
  packageStepTitle: (parent: string) => `Étape 2 : le paquet de démarrage de ${parent}`,
  packageStepText: (parent: string, code: string) =>
    `Le fichier demarrage-${code}.oise que ${parent} vous remet porte sa clé, le territoire et le catalogue. Après lecture, OISE montre de qui il vient : confirmez si l'empreinte est celle que ${parent} vous lit au téléphone.`,
  packageField: (parent: string) => `Paquet de démarrage de ${parent}`,
  packageHint: (code: string) => `Le fichier demarrage-${code}.oise (64 Mio au plus).`,
  readFile: 'Lire le fichier',
  adminOnly: 'Seul un compte administrateur peut déposer le paquet de démarrage.',
  parentEnrolled: (parent: string, fingerprint: string) =>
    `Fait : ${parent} est enrôlé comme parent (empreinte ${fingerprint}).`,
  territory: (communes: number) =>
    `Territoire : ${formatCountOf(communes, 'commune', 'communes', 'fr')} de ce nœud.`,
  territoryMissing: (parent: string) =>
    `Le territoire n'est pas encore arrivé : il viendra avec les paquets de ${parent}.`,
  territoryTitle: 'Étape 2 : le territoire et les régions',
  territoryText:
    'Importez le fichier du territoire (Réglages → Territoire), puis enrôlez la clé de chaque région (Réglages → Voisins et clés) : OISE écrit le paquet de démarrage à lui remettre.',
  territoryLink: 'Importer le territoire',
  neighboursLink: 'Enrôler la clé d’une région',
  ready: 'Ce nœud est prêt : ses pages servent dès maintenant.',
  goHome: "Aller à l'accueil",
};
const en = {
  title: 'First start of OISE',
  intro: (dir: string) =>
    `The folder ${dir} holds no OISE node yet. Say which node this PC is: OISE creates its database, its indicator catalog and its keys there, as « oise init » does.`,
  loopbackOnly: 'Until the node exists, these pages open on this PC only (no account exists yet).',
  createTitle: 'Create the node',
  levelLegend: 'Level of the node',
  levelChoice: (level: NodeLevel) =>
    ({
      cercle: "Cercle (CCC): entering the figures of a cercle's communes",
      region: "Region (CSR): validating the region's cercles",
      national: 'National: the country’s consolidation and the territory',
    })[level],
  codeLabel: 'Code of the node',
  codeHint:
    'The P-code of the unit: ML for national, ML04 for a region (Ségou), ML0401 for a cercle (Barouéli).',
  parentLabel: 'Code of the parent (optional)',
  parentHint: 'Leave it empty: it follows from the code (ML04 for ML0401, ML for ML04). Empty for national.',
  createButton: 'Create the node',
  error: 'Error: ',
  formErrors: 'The node was not created: correct the field marked below.',
  packageTitle: "Install with the region's package",
  packageIntro:
    "The starter package the region hands over (national, for a region) is made for this node's key: it is taken after the node is created, in three steps, on the « Setting up the node » page that opens next:",
  packageStep1: 'create the node above, with the code the region gave you;',
  packageStep2:
    'download this node’s key and hand it to the region; read it the fingerprint by phone: it enrols the key and hands you the file demarrage-CODE.oise;',
  packageStep3:
    'drop that file on the « Setting up the node » page (or Settings → Neighbours and keys): OISE shows who it is from, you confirm the fingerprint, and the region’s territory and catalog are applied.',
  busy: 'The node is being created: wait a moment, then reload the page.',
  setupTitle: 'Setting up the node',
  created: (level: string, code: string, dir: string) => `${level} node ${code} created in ${dir}.`,
  levelName: (level: NodeLevel) => ({ cercle: 'Cercle', region: 'Region', national: 'National' })[level],
  keyTitle: "Step 1: this node's key",
  keyText: (parent: string) =>
    `Hand this file to ${parent} (USB key, e-mail), then read it the fingerprint by phone: ${parent} enrols it (Settings → Neighbours and keys, or « oise enroll ») and hands you its starter package.`,
  keyTextNational:
    'Each region enrols this key (hand it the file and read it the fingerprint by phone): it then accepts national’s packages.',
  fingerprint: 'Fingerprint',
  downloadKey: (code: string) => `Download this node's key (cle-${code}.json)`,
  packageStepTitle: (parent: string) => `Step 2: the starter package of ${parent}`,
  packageStepText: (parent: string, code: string) =>
    `The file demarrage-${code}.oise that ${parent} hands you carries its key, the territory and the catalog. Once read, OISE shows who it is from: confirm if the fingerprint is the one ${parent} reads you by phone.`,
  packageField: (parent: string) => `Starter package of ${parent}`,
  packageHint: (code: string) => `The file demarrage-${code}.oise (64 MiB at most).`,
  readFile: 'Read the file',
  adminOnly: 'Only an administrator account may drop the starter package.',
  parentEnrolled: (parent: string, fingerprint: string) =>
    `Done: ${parent} is enrolled as parent (fingerprint ${fingerprint}).`,
  territory: (communes: number) =>
    `Territory: ${formatCountOf(communes, 'commune', 'communes', 'en')} of this node.`,
  territoryMissing: (parent: string) =>
    `The territory has not arrived yet: it comes with ${parent}'s packages.`,
  territoryTitle: 'Step 2: the territory and the regions',
  territoryText:
    'Import the territory file (Settings → Territory), then enrol each region’s key (Settings → Neighbours and keys): OISE writes the starter package to hand it.',
  territoryLink: 'Import the territory',
  neighboursLink: "Enrol a region's key",
  ready: 'This node is ready: its pages work from now on.',
  goHome: 'Go to the home page',
} satisfies typeof fr;
export const premierText: MessageTable<typeof fr> = { fr, en };
