import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Node } from '@oise/node';
import { type StageOutcome, type StagedInboxFile, stageInboxFile } from '@oise/sync';
import busboy from 'busboy';
import { formatCount } from '../views/format.js';

/** A file of the « Déposer des paquets » form is at most 64 Mio. */
export const UPLOAD_FILE_MAX_BYTES = 64 * 1024 * 1024;
/** Files in one drop. */
export const UPLOAD_MAX_FILES = 16;
/** The whole request: every file at its largest, and the form's own lines. */
export const UPLOAD_REQUEST_MAX_BYTES = UPLOAD_MAX_FILES * UPLOAD_FILE_MAX_BYTES + 1024 * 1024;
/** The form's file field. */
export const UPLOAD_FIELD = 'paquets';

/** The files of one drop, kept hidden in the inbox, or why nothing was kept. */
export type ReceivedUpload =
  | { kind: 'received'; files: { name: string; size: number; staged: StagedInboxFile }[] }
  | { kind: 'refused'; status: 400 | 413; message: string };

const refused = (status: 400 | 413, message: string): ReceivedUpload => ({
  kind: 'refused',
  status,
  message,
});

/**
 * Reads a « Déposer des paquets » form as a stream: each file goes to a hidden file of the
 * node's inbox (`@oise/sync` stageInboxFile), capped at 64 Mio, never held in memory. All or
 * nothing: when one file is over the cap, too many files come, or the form is cut or
 * malformed, every file of the drop is removed and the answer says why.
 */
export async function receiveBundleUpload(node: Node, request: Request): Promise<ReceivedUpload> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > UPLOAD_REQUEST_MAX_BYTES) return refused(413, tooLargeDrop());
  const type = request.headers.get('content-type') ?? '';
  if (!request.body || !type.startsWith('multipart/form-data')) {
    return refused(400, 'Envoi illisible : utilisez le formulaire « Déposer des paquets ».');
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      defParamCharset: 'utf8',
      limits: {
        fileSize: UPLOAD_FILE_MAX_BYTES + 1,
        files: UPLOAD_MAX_FILES,
        fields: 8,
        fieldSize: 4096,
        parts: UPLOAD_MAX_FILES + 8,
        headerPairs: 32,
      },
    });
  } catch {
    return refused(400, 'Envoi illisible : utilisez le formulaire « Déposer des paquets ».');
  }
  const pending: Promise<{ name: string; outcome: StageOutcome }>[] = [];
  let tooManyFiles = false;
  let overTotal = false;
  parser.on('file', (field, stream, info) => {
    // A file input left empty sends a part without a name: nothing to keep.
    if (field !== UPLOAD_FIELD || !info.filename) {
      stream.resume();
      return;
    }
    const name = info.filename.split(/[\\/]/).pop() ?? info.filename;
    pending.push(
      stageInboxFile(node.paths, stream, { maxBytes: UPLOAD_FILE_MAX_BYTES, origin: 'web', name }).then(
        (outcome) => ({ name, outcome }),
      ),
    );
  });
  parser.on('filesLimit', () => {
    tooManyFiles = true;
  });
  const parsed = new Promise<Error | undefined>((resolve) => {
    parser.once('error', (error: Error) => resolve(error));
    parser.once('close', () => resolve(undefined));
  });
  const source = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  let total = 0;
  source.on('data', (chunk: Buffer) => {
    total += chunk.length;
    if (total > UPLOAD_REQUEST_MAX_BYTES && !overTotal) {
      overTotal = true;
      source.unpipe(parser);
      source.destroy();
      parser.destroy(new Error('request too large'));
    }
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  const error = await parsed;
  const results = await Promise.all(pending);

  const oversize = results.find((r) => r.outcome.kind === 'too-large');
  const problem: ReceivedUpload | undefined = overTotal
    ? refused(413, tooLargeDrop())
    : oversize
      ? refused(
          413,
          `Le fichier « ${oversize.name} » dépasse la limite de 64 Mio par fichier : aucun fichier de ce dépôt n'a été gardé. Un paquet OISE normal est bien plus petit ; vérifiez le fichier.`,
        )
      : tooManyFiles
        ? refused(
            413,
            `Au plus ${UPLOAD_MAX_FILES} fichiers par dépôt : aucun n'a été gardé. Déposez-les en plusieurs fois.`,
          )
        : error || results.some((r) => r.outcome.kind !== 'staged')
          ? refused(
              400,
              "L'envoi a été interrompu ou est illisible : aucun fichier n'a été gardé. Recommencez.",
            )
          : results.length === 0
            ? refused(400, 'Aucun fichier choisi : choisissez un ou plusieurs paquets reçus (.oise.gz).')
            : undefined;
  if (problem) {
    for (const r of results) if (r.outcome.kind === 'staged') r.outcome.file.discard();
    return problem;
  }
  return {
    kind: 'received',
    files: results.map((r) => {
      const staged = (r.outcome as Extract<StageOutcome, { kind: 'staged' }>).file;
      return { name: r.name, size: staged.size, staged };
    }),
  };
}

function tooLargeDrop(): string {
  return `Le dépôt dépasse la taille permise (${formatCount(UPLOAD_MAX_FILES)} fichiers de 64 Mio au plus) : rien n'a été gardé.`;
}
