import { basename } from 'node:path';
import { type ExportResult, SEND_OUTCOME_LABELS, type SendResult, type SentBundle } from '@oise/sync';
import { type Lang, text } from '../messages/lang.js';
import { paquetsText } from '../messages/paquets.js';
import type { DropVerdict } from '../uploads/drop-bundles.js';
import { formatBytes, formatCount, formatPeriod } from './format.js';

/** What a step of the Paquets page came to: a drop, a preparation, a send. */
export type PaquetsResult =
  | { kind: 'drop'; verdicts: DropVerdict[] }
  | { kind: 'export'; result: ExportResult }
  | { kind: 'send'; result: SendResult };

/** The sentence the progress page ends on, in the page's language. */
export function resultSentence(result: PaquetsResult, lang: Lang): string {
  const t = text(lang, paquetsText);
  switch (result.kind) {
    case 'drop': {
      const n = (s: DropVerdict['status']) => result.verdicts.filter((v) => v.status === s).length;
      return t.dropDone(
        result.verdicts.length,
        n('applied'),
        n('duplicate'),
        n('rejected') + n('ignored'),
        n('queued'),
      );
    }
    case 'export': {
      const { written, skipped } = result.result;
      if (written.length === 0) return skipped.length ? t.nothingNew : t.noNeighbourWritten;
      return t.written(written.length, [...new Set(written.map((w) => w.recipient))].join(', '));
    }
    case 'send': {
      const n = (f: (r: SentBundle) => boolean) => result.result.results.filter(f).length;
      if (result.result.results.length === 0)
        return result.result.withoutAddress.length ? t.nothingSentNoAddress : t.outboxEmpty;
      return t.sent(
        n((r) => r.outcome !== 'refused' && r.outcome !== 'failed'),
        n((r) => r.outcome === 'refused'),
        n((r) => r.outcome === 'failed'),
      );
    }
  }
}

/** The result of the step just made, as a section of the Paquets page. */
export function PaquetsResultSection(props: { result: PaquetsResult; lang: Lang }) {
  const { result, lang } = props;
  const t = text(lang, paquetsText);
  const title =
    result.kind === 'drop' ? t.dropResult : result.kind === 'export' ? t.exportResult : t.sendResult;
  return (
    <section class="panel" aria-labelledby="resultat">
      <h2 id="resultat">{title}</h2>
      <p>
        <output>{resultSentence(result, lang)}</output>
      </p>
      {result.kind === 'drop' ? <DropTable verdicts={result.verdicts} lang={lang} /> : null}
      {result.kind === 'export' ? <ExportTable result={result.result} lang={lang} /> : null}
      {result.kind === 'send' ? <SendTable result={result.result} lang={lang} /> : null}
    </section>
  );
}

function DropTable(props: { verdicts: DropVerdict[]; lang: Lang }) {
  const t = text(props.lang, paquetsText);
  return (
    <table class="results">
      <caption class="hint">{t.dropCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.file}</th>
          <th scope="col">{t.verdictHeading}</th>
          <th scope="col">{t.detail}</th>
        </tr>
      </thead>
      <tbody>
        {props.verdicts.map((v) => (
          <tr key={v.storedAs}>
            <td>{v.file}</td>
            <td>
              <span class={`state state-${v.status}`}>{t.verdict(v.status)}</span>
            </td>
            <td>
              {v.sender && v.sequence !== null ? t.fromBundle(v.sender, v.sequence) : ''}
              {v.reason}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ExportTable(props: { result: ExportResult; lang: Lang }) {
  const { written, skipped } = props.result;
  const { lang } = props;
  const t = text(lang, paquetsText);
  return (
    <>
      {written.length > 0 ? (
        <table class="results">
          <caption class="hint">{t.writtenCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.recipient}</th>
              <th scope="col">{t.file}</th>
              <th scope="col">{t.number}</th>
              <th scope="col">{t.content}</th>
              <th scope="col">{t.size}</th>
            </tr>
          </thead>
          <tbody>
            {written.map((w) => (
              <tr key={w.file}>
                <td>
                  {w.recipient} ({t.direction(w.direction === 'up')})
                </td>
                <td>{basename(w.file)}</td>
                <td class="number">{formatCount(w.sequence, lang)}</td>
                <td>
                  {w.ackOnly ? t.ackOnly : t.rows(w.rowCount)}
                  {w.quarters.length ? ` (${w.quarters.map((p) => formatPeriod(p, lang)).join(', ')})` : ''}
                </td>
                <td class="number">{formatBytes(w.bytes, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {skipped.length > 0 ? <p>{t.nothingNewFor(skipped.map((s) => s.recipient).join(', '))}</p> : null}
    </>
  );
}

function SendTable(props: { result: SendResult; lang: Lang }) {
  const { results, withoutAddress } = props.result;
  const t = text(props.lang, paquetsText);
  return (
    <>
      {results.length > 0 ? (
        <table class="results">
          <caption class="hint">{t.sentCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.recipient}</th>
              <th scope="col">{t.file}</th>
              <th scope="col">{t.resultHeading}</th>
              <th scope="col">{t.detail}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={`${r.recipient}/${r.file}`}>
                <td>{r.recipient}</td>
                <td>{r.file}</td>
                <td>
                  <span class={`state state-${r.outcome === 'refused' ? 'rejected' : r.outcome}`}>
                    {SEND_OUTCOME_LABELS[r.outcome]}
                  </span>
                </td>
                <td>{r.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {results.some((r) => r.outcome === 'failed') ? <p class="hint">{t.failedHint}</p> : null}
      {withoutAddress.map((w) => (
        <p key={w.recipient}>{t.withoutAddress(w.recipient, w.files)}</p>
      ))}
    </>
  );
}
