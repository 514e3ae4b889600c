import type { NeighbourExport } from '@oise/sync';
import type { CommandContext } from './command.js';

/**
 * The bundles a quarter step wrote, as the person reads them: the file to carry for each
 * neighbour (`oise quarter submit | validate | return`, `oise note`), or why none was written.
 */
export function printHandover(ctx: CommandContext, bundles: NeighbourExport): void {
  for (const b of bundles.written) {
    ctx.out(
      ctx.t(
        `Paquet ${b.direction === 'up' ? 'montant' : 'descendant'} pour ${b.recipient} : ${b.file}`,
        `${b.direction === 'up' ? 'Up' : 'Down'} bundle for ${b.recipient}: ${b.file}`,
      ),
    );
  }
  for (const code of bundles.nothingNew)
    ctx.out(ctx.t(`Rien de nouveau pour ${code}.`, `Nothing new for ${code}.`));
  for (const code of bundles.notEnrolled)
    ctx.out(
      ctx.t(
        `Pas de paquet pour ${code} : ce voisin n'est pas enrôlé ici (oise enroll) ; tout partira dans son premier paquet.`,
        `No bundle for ${code}: this neighbour is not enrolled here (oise enroll); everything goes in its first bundle.`,
      ),
    );
  if (bundles.written.length > 0)
    ctx.out(
      ctx.t(
        `À porter ${bundles.written.length > 1 ? 'aux destinataires' : 'au destinataire'} (clé USB, courriel), ou à envoyer avec oise send s'il a une adresse HTTP.`,
        'Carry it to the recipient (USB key, e-mail), or send it with oise send if it has an HTTP address.',
      ),
    );
}
