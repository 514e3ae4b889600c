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
    summary: "enrôle la clé d'un voisin (parent ou enfant)",
    load: () => import('./commands/enroll.js'),
  },
  { path: ['status'], summary: "le nœud d'un coup d'œil", load: () => import('./commands/status.js') },
  {
    path: ['report'],
    summary: 'écrit les rapports standard du niveau (Excel, graphiques, carte)',
    load: () => import('./commands/report.js'),
  },
];
