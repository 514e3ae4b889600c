import type { MessageTable } from './lang.js';

/*
 * The progress page of the long steps (job-page, the progress script, areas/travaux). The step's
 * own sentence comes from the package doing it (`onProgress`) and stays French.
 */

const fr = {
  countOf: (done: string, total: string) => `${done} sur ${total}`,
  done: (message: string) => `Terminé : ${message}`,
  failed: (message: string) => `Échec : ${message}`,
  result: 'Résultat',
  running: 'En cours',
  started: (when: string) => `Lancé le ${when}`,
  by: (author: string) => ` par ${author}`,
  finished: (when: string) => `, terminé le ${when}`,
  progress: 'Avancement',
  mayLeave: "Vous pouvez quitter cette page : l'opération continue sur le nœud.",
  refresh: 'Actualiser',
  seeResult: 'Voir le résultat',
  scriptNoServer: 'Le serveur ne répond pas pour l’instant ; nouvel essai dans quelques secondes.',
  unknownTitle: 'Opération inconnue',
  unknown:
    "Cette opération n'existe pas, ou le serveur a redémarré depuis : son résultat est dans le journal des paquets, des rapports ou de la saisie.",
  // the job runner's own sentences (jobs/job-runner)
  starting: 'démarrage…',
  waitingForLock: 'en attente : un passage est en cours sur le nœud, la suite vient juste après.',
  nodeBusy:
    "le nœud est occupé par un passage depuis plus de dix minutes : réessayez plus tard, ou regardez « oise status » s'il dure.",
  serverFailed:
    "l'opération a échoué sur le serveur ; le journal du nœud en dit plus. Rien n'a été enregistré à moitié : réessayez.",
};

const en = {
  countOf: (done: string, total: string) => `${done} of ${total}`,
  done: (message: string) => `Finished: ${message}`,
  failed: (message: string) => `Failed: ${message}`,
  result: 'Result',
  running: 'Running',
  started: (when: string) => `Started on ${when}`,
  by: (author: string) => ` by ${author}`,
  finished: (when: string) => `, finished on ${when}`,
  progress: 'Progress',
  mayLeave: 'You may leave this page: the operation goes on on the node.',
  refresh: 'Refresh',
  seeResult: 'See the result',
  scriptNoServer: 'The server does not answer for now; trying again in a few seconds.',
  unknownTitle: 'Unknown operation',
  unknown:
    'This operation does not exist, or the server has restarted since: its result is in the journal of bundles, reports or entries.',
  starting: 'starting…',
  waitingForLock: 'waiting: a pass is running on the node, this step follows right after.',
  nodeBusy:
    'the node has been busy with a pass for more than ten minutes: try again later, or look at « oise status » if it goes on.',
  serverFailed:
    'the operation failed on the server; the node’s log says more. Nothing was half saved: try again.',
} satisfies typeof fr;

export const travauxText: MessageTable<typeof fr> = { fr, en };
