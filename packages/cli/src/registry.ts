import type { Command } from './command.js';

/**
 * Every command, loaded lazily: `oise status` must not pay for exceljs or chart.js.
 * Add a line here when adding a file under commands/.
 */
export const COMMANDS: { path: string[]; summary: string; load: () => Promise<{ default: Command }> }[] = [
  {
    path: ['init'],
    summary: 'crée un dossier de nœud, sa base et ses clés',
    load: () => import('./commands/init.js'),
  },
  {
    path: ['territory', 'import'],
    summary: 'charge les collectivités depuis un CSV (national)',
    load: () => import('./commands/territory-import.js'),
  },
  {
    path: ['territory', 'boundaries', 'import'],
    summary: 'charge les limites GeoJSON des régions, cercles ou communes (national)',
    load: () => import('./commands/territory-boundaries-import.js'),
  },
  {
    path: ['indicators', 'list'],
    summary: "liste le catalogue d'indicateurs",
    load: () => import('./commands/indicators-list.js'),
  },
  {
    path: ['key', 'export'],
    summary: "écrit l'identité publique du nœud",
    load: () => import('./commands/key-export.js'),
  },
  {
    path: ['enroll'],
    summary: "enrôle un voisin : la clé d'un enfant, ou le paquet de démarrage du parent",
    load: () => import('./commands/enroll.js'),
  },
  { path: ['status'], summary: "le nœud d'un coup d'œil", load: () => import('./commands/status.js') },
  {
    path: ['key', 'revoke'],
    summary: "révoque la clé d'un voisin",
    load: () => import('./commands/key-revoke.js'),
  },
  {
    path: ['export'],
    summary: 'écrit le prochain paquet signé pour chaque voisin enrôlé',
    load: () => import('./commands/export.js'),
  },
  {
    path: ['ingest'],
    summary: 'vérifie et applique des paquets reçus',
    load: () => import('./commands/ingest.js'),
  },
  {
    path: ['send'],
    summary: "envoie par HTTP les paquets de l'outbox aux voisins qui ont une adresse",
    load: () => import('./commands/send.js'),
  },
  {
    path: ['serve'],
    summary: 'reçoit les paquets par HTTP (boîte de réception du nœud)',
    load: () => import('./commands/serve.js'),
  },
  {
    path: ['ui'],
    summary: 'ouvre les pages du nœud dans le navigateur (et fait ce que fait oise run)',
    load: () => import('./commands/ui.js'),
  },
  {
    path: ['user', 'add'],
    summary: 'crée un compte pour les pages du nœud servies sur le réseau',
    load: () => import('./commands/user-add.js'),
  },
  {
    path: ['user', 'passwd'],
    summary: "change le mot de passe d'un compte",
    load: () => import('./commands/user-passwd.js'),
  },
  {
    path: ['user', 'remove'],
    summary: 'supprime un compte et ferme ses sessions',
    load: () => import('./commands/user-remove.js'),
  },
  {
    path: ['user', 'list'],
    summary: 'liste les comptes des pages du nœud',
    load: () => import('./commands/user-list.js'),
  },
  {
    path: ['report'],
    summary: 'écrit les rapports standard du niveau (Excel, graphiques, cartes)',
    load: () => import('./commands/report.js'),
  },
  {
    path: ['site'],
    summary: 'écrit le site public statique des chiffres publiés',
    load: () => import('./commands/site.js'),
  },
  {
    path: ['consolidate'],
    summary: 'recalcule les agrégats du trimestre et de son année',
    load: () => import('./commands/consolidate.js'),
  },
  {
    path: ['query'],
    summary: 'un chiffre (commune, cercle, région, pays ; trimestre ou année) avec sa complétude',
    load: () => import('./commands/query.js'),
  },
  {
    path: ['template'],
    summary: 'prépare le classeur Excel de saisie du cercle pour un trimestre',
    load: () => import('./commands/template.js'),
  },
  {
    path: ['fiches'],
    summary: 'prépare les fiches de collecte papier des communes (A4)',
    load: () => import('./commands/fiches.js'),
  },
  {
    path: ['import'],
    summary: 'importe valeurs, élus, formations, activités, partenariats (xlsx ou csv)',
    load: () => import('./commands/import.js'),
  },
  {
    path: ['quarter', 'submit'],
    summary: 'transmet le trimestre du nœud (refusé tant que des valeurs bloquent)',
    load: () => import('./commands/quarter-submit.js'),
  },
  {
    path: ['quarter', 'validate'],
    summary: "valide le trimestre transmis d'un cercle (ou consolide une région au national)",
    load: () => import('./commands/quarter-validate.js'),
  },
  {
    path: ['quarter', 'return'],
    summary: "renvoie le trimestre d'un cercle avec un motif",
    load: () => import('./commands/quarter-return.js'),
  },
  {
    path: ['note'],
    summary: "écrit la note qualitative du CSR sur le trimestre d'un cercle",
    load: () => import('./commands/note.js'),
  },
  {
    path: ['run'],
    summary: 'le réconciliateur trimestriel : fait ce qui est dû (--once : un passage)',
    load: () => import('./commands/run.js'),
  },
  {
    path: ['settings'],
    summary: 'lit ou règle un paramètre du nœud (calendrier, adresses, cartes, sauvegardes)',
    load: () => import('./commands/settings.js'),
  },
  {
    path: ['backup'],
    summary: 'écrit une sauvegarde du nœud dans un fichier (même pendant un passage)',
    load: () => import('./commands/backup.js'),
  },
  {
    path: ['restore'],
    summary: 'restaure un nœud depuis une sauvegarde (vérifiée avant de rien remplacer)',
    load: () => import('./commands/restore.js'),
  },
  {
    path: ['dhis2', 'export'],
    summary: 'écrit les valeurs du nœud en jeu de valeurs DHIS2 (JSON, CSV, XML ou ADX)',
    load: () => import('./commands/dhis2-export.js'),
  },
  {
    path: ['dhis2', 'import'],
    summary: 'importe un jeu de valeurs DHIS2 avec les contrôles de la saisie',
    load: () => import('./commands/dhis2-import.js'),
  },
  {
    path: ['dhis2', 'compare'],
    summary: 'recoupe un jeu de valeurs DHIS2 avec les chiffres du nœud (écarts)',
    load: () => import('./commands/dhis2-compare.js'),
  },
];
