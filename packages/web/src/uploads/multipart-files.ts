import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';

/** How one file of a form was kept by its caller, or why not (nothing kept then). */
export type KeepOutcome<F> =
  | { kind: 'kept'; file: F; size: number }
  | { kind: 'too-large' }
  /** Refused for what it is (a stranger's package…): `message` says why, in French. */
  | { kind: 'refused'; message: string }
  | { kind: 'failed' };

export interface MultipartOptions<F> {
  /** The form's file field; parts of other names are read and dropped. */
  field: string;
  maxFiles: number;
  maxFileBytes: number;
  /** The whole request, files and fields. */
  maxRequestBytes: number;
  /** The text fields to keep (a choice, a quarter); others are dropped. */
  fields?: readonly string[];
  /** Streams one file somewhere (capped at `maxFileBytes`), never in memory. */
  keep: (stream: Readable, name: string) => Promise<KeepOutcome<F>>;
  /** Removes a kept file (when the upload is refused whole). */
  discard: (file: F) => void;
}

/** Why an upload was refused whole: nothing of it is kept. */
export type UploadRefusal =
  | 'request-too-large'
  | 'file-too-large'
  | 'too-many-files'
  | 'broken'
  | 'file-refused'
  | 'no-file'
  | 'not-multipart';

export type MultipartUpload<F> =
  | {
      kind: 'received';
      files: { name: string; size: number; file: F }[];
      fields: Record<string, string>;
    }
  | { kind: 'refused'; reason: UploadRefusal; status: 400 | 413; file?: string; message?: string };

const refused = <F>(reason: UploadRefusal, file?: string, message?: string): MultipartUpload<F> => ({
  kind: 'refused',
  reason,
  status:
    reason === 'request-too-large' || reason === 'file-too-large' || reason === 'too-many-files' ? 413 : 400,
  ...(file !== undefined ? { file } : {}),
  ...(message !== undefined ? { message } : {}),
});

/**
 * Reads a multipart form as a stream (busboy): each file of `field` goes to `keep` (a hidden
 * file of the inbox, a temporary file), capped, never held in memory; the listed text fields are
 * kept. All or nothing: when a file is over its cap, too many files come, the request passes its
 * cap, or the form is cut or malformed, every file kept is discarded and the reason comes back.
 */
export async function receiveMultipart<F>(
  request: Request,
  options: MultipartOptions<F>,
): Promise<MultipartUpload<F>> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > options.maxRequestBytes) return refused('request-too-large');
  const type = request.headers.get('content-type') ?? '';
  if (!request.body || !type.startsWith('multipart/form-data')) return refused('not-multipart');
  const wanted = options.fields ?? [];
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      defParamCharset: 'utf8',
      limits: {
        fileSize: options.maxFileBytes + 1,
        files: options.maxFiles,
        fields: 8,
        fieldSize: 4096,
        parts: options.maxFiles + 8,
        headerPairs: 32,
      },
    });
  } catch {
    return refused('not-multipart');
  }
  const pending: Promise<{ name: string; outcome: KeepOutcome<F> }>[] = [];
  const fields: Record<string, string> = {};
  let tooManyFiles = false;
  let overTotal = false;
  parser.on('file', (field, stream, info) => {
    // A file input left empty sends a part without a name: nothing to keep.
    if (field !== options.field || !info.filename) {
      stream.resume();
      return;
    }
    const name = info.filename.split(/[\\/]/).pop() ?? info.filename;
    pending.push(options.keep(stream, name).then((outcome) => ({ name, outcome })));
  });
  parser.on('field', (name, value) => {
    if (wanted.includes(name)) fields[name] = value;
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
    if (total > options.maxRequestBytes && !overTotal) {
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
  const refusal = results.find((r) => r.outcome.kind === 'refused');
  const problem: MultipartUpload<F> | undefined = overTotal
    ? refused('request-too-large')
    : oversize
      ? refused('file-too-large', oversize.name)
      : refusal?.outcome.kind === 'refused'
        ? refused('file-refused', refusal.name, refusal.outcome.message)
        : tooManyFiles
          ? refused('too-many-files')
          : error || results.some((r) => r.outcome.kind !== 'kept')
            ? refused('broken')
            : results.length === 0
              ? refused('no-file')
              : undefined;
  if (problem) {
    for (const r of results) if (r.outcome.kind === 'kept') options.discard(r.outcome.file);
    return problem;
  }
  return {
    kind: 'received',
    fields,
    files: results.map((r) => {
      const kept = r.outcome as Extract<KeepOutcome<F>, { kind: 'kept' }>;
      return { name: r.name, size: kept.size, file: kept.file };
    }),
  };
}
