import type { WaitingBundle } from '@oise/sync';

/** The packages waiting in the outbox, each one downloadable (for a USB key or an e-mail). */
export function WaitingBundlesTable(props: {
  bundles: (WaitingBundle & { size: string })[];
  canDownload: boolean;
  caption: string;
}) {
  if (props.bundles.length === 0) return <p class="empty">Aucun paquet en attente d'envoi.</p>;
  return (
    <table>
      <caption class="hint">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Destinataire</th>
          <th scope="col">Fichier</th>
          <th scope="col">Taille</th>
          {props.canDownload ? <th scope="col">Action</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.bundles.map((b) => (
          <tr key={b.path}>
            <td>{b.recipient}</td>
            <td>{b.name}</td>
            <td class="number">{b.size}</td>
            {props.canDownload ? (
              <td>
                <a
                  href={`/paquets/telecharger/${encodeURIComponent(b.recipient)}/${encodeURIComponent(b.name)}`}
                  aria-label={`Télécharger ${b.name}`}
                  download={b.name}
                >
                  Télécharger
                </a>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
