import { OiseError } from '@oise/core';
import { withNode } from '@oise/node';
import { INBOX_PATH, startHttpInbox } from '@oise/sync';
import { consolidateOnArrival } from '@oise/workflow';
import { nodeDir, optionalString, portOption } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['serve'],
  summary: {
    fr: 'reçoit les paquets par HTTP (boîte de réception du nœud)',
    en: "receives bundles over HTTP (the node's inbox)",
  },
  usage: `Usage : oise serve --dir DOSSIER [--port 8080] [--host 127.0.0.1]

Ouvre la boîte de réception du nœud sur le réseau : un voisin enrôlé envoie ses paquets par
POST ${INBOX_PATH} (le fichier tel quel, Content-Type: application/gzip), configuré chez lui
avec « oise settings transport.parent-url http://cette-machine:8080 ». Chaque paquet est
vérifié comme un fichier apporté sur clé USB (signature d'une clé enrôlée…) et appliqué
aussitôt, puis consolidé (le tableau de bord montre les nouveaux chiffres) ; si un passage est
en cours, il attend dans inbox/ le prochain passage. GET /etat
donne le code du nœud et le dernier paquet appliqué de chaque voisin (aucun chiffre).
Un envoi dont le manifeste nomme un expéditeur non enrôlé est coupé dès ses premiers octets ;
un envoi qui traîne est coupé ; une adresse a au plus 2 envois à la fois et 30 requêtes par
minute (réglages serve.*, voir oise settings). Ce qui n'est pas signé par une clé enrôlée n'est
pas gardé ; les refus signés restent dans inbox/rejected/ dans la limite de inbox.quota.
--host 0.0.0.0 pour accepter les autres machines du réseau ; --port 0 choisit un port libre.
Une ligne par requête sur la sortie ; Ctrl+C (ou SIGTERM) arrête proprement.`,
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run(ctx) {
    const port = portOption(ctx, 'port', { inbox: true }) ?? 8080;
    const host = optionalString(ctx, 'host') ?? '127.0.0.1';
    return withNode(nodeDir(ctx), async (node) => {
      let stop: () => void = () => {};
      const stopped = new Promise<void>((resolve) => {
        stop = resolve;
      });
      process.once('SIGINT', () => stop());
      process.once('SIGTERM', () => stop());
      let inbox: Awaited<ReturnType<typeof startHttpInbox>>;
      try {
        inbox = await startHttpInbox(node, {
          host,
          port,
          // A long-running process reads the clock for every request.
          clock: () => new Date().toISOString(),
          log: (line) => ctx.out(line),
          // Fresh on arrival: the pages (`oise ui` on the same folder) show an applied package's figures at once.
          afterApplied: consolidateOnArrival(node),
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
          throw new OiseError(
            'SERVE_LISTEN',
            `impossible d'écouter sur ${host}:${port} (${code}) : le port est pris ou interdit. Choisissez-en un autre avec --port.`,
          );
        }
        throw error;
      }
      if (ctx.json) ctx.printJson({ node: node.identity.code, url: inbox.url, port: inbox.port, host });
      ctx.out(
        ctx.t(
          `Boîte de réception HTTP de ${node.identity.code} à l'écoute sur ${inbox.url}${INBOX_PATH} (Ctrl+C pour arrêter).`,
          `HTTP inbox of ${node.identity.code} listening on ${inbox.url}${INBOX_PATH} (Ctrl+C to stop).`,
        ),
      );
      await stopped;
      await inbox.close();
      ctx.out(ctx.t('Boîte de réception HTTP arrêtée.', 'HTTP inbox stopped.'));
      return 0;
    });
  },
});
