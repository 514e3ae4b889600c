import type { WaitingBundle } from '@oise/sync';
import { accueilText } from '../messages/accueil.js';
import { type Lang, text } from '../messages/lang.js';

/** The packages waiting in the outbox, each one downloadable (for a USB key or an e-mail). */
export function WaitingBundlesTable(props: {
  bundles: (WaitingBundle & { size: string })[];
  canDownload: boolean;
  caption: string;
  lang?: Lang;
}) {
  const t = text(props.lang ?? 'fr', accueilText);
  if (props.bundles.length === 0) return <p class="empty">{t.noWaiting}</p>;
  return (
    <table>
      <caption class="hint">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.recipient}</th>
          <th scope="col">{t.file}</th>
          <th scope="col">{t.size}</th>
          {props.canDownload ? <th scope="col">{t.action}</th> : null}
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
                  aria-label={t.downloadFile(b.name)}
                  download={b.name}
                >
                  {t.download}
                </a>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
