import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { streamToFile } from '@oise/core';
import { receiveMultipart } from './multipart-files.js';
import { UPLOAD_FILE_MAX_BYTES } from './receive-bundles.js';

/** The path of the import form, whose body is streamed (no form body limit, its own cap). */
export const IMPORT_PATH = '/saisie/import';
/** The form's file field. */
export const IMPORT_FIELD = 'fichier';
/** What `@oise/entry` imports: workbooks, and CSV/TSV text. */
export const IMPORT_EXTENSIONS = ['.xlsx', '.xlsm', '.csv', '.tsv', '.txt'] as const;

/** One file to import, in a temporary folder of its own (removed with `discard`). */
export interface ReceivedImportFile {
  /** The file's name on the user's PC (its extension tells workbook from CSV). */
  name: string;
  path: string;
  size: number;
  /** The form's text fields (`mode`, `trimestre`). */
  fields: Record<string, string>;
  discard(): void;
}

export type ReceivedImport =
  | { kind: 'received'; file: ReceivedImportFile }
  | { kind: 'refused'; status: 400 | 413; message: string };

/** A name safe for a file of the temporary folder, keeping the user's name readable in findings. */
function safeName(name: string): string {
  const ext = extname(name).toLowerCase();
  const stem = name
    .slice(0, name.length - ext.length)
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 120);
  return `${stem || 'fichier'}${ext}`;
}

/**
 * Reads the import form as a stream (`receiveMultipart`): its one file goes to a new
 * temporary folder, capped at 64 Mio, never held in memory. Over the cap, cut, without a file,
 * or not a workbook or CSV by its name: nothing is kept and the French answer says why.
 */
export async function receiveImportUpload(request: Request): Promise<ReceivedImport> {
  const folders: string[] = [];
  const upload = await receiveMultipart<{ dir: string; path: string }>(request, {
    field: IMPORT_FIELD,
    maxFiles: 1,
    maxFileBytes: UPLOAD_FILE_MAX_BYTES,
    maxRequestBytes: UPLOAD_FILE_MAX_BYTES + 64 * 1024,
    fields: ['mode', 'trimestre'],
    keep: async (stream, name) => {
      const dir = mkdtempSync(join(tmpdir(), 'oise-import-'));
      folders.push(dir);
      const path = join(dir, safeName(name));
      const outcome = await streamToFile(stream, path, { maxBytes: UPLOAD_FILE_MAX_BYTES });
      if (outcome.kind === 'written') return { kind: 'kept', file: { dir, path }, size: outcome.size };
      return { kind: outcome.kind === 'too-large' ? 'too-large' : 'failed' };
    },
    discard: (file) => rmSync(file.dir, { recursive: true, force: true }),
  });
  if (upload.kind === 'refused') {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
    const message = {
      'request-too-large':
        "Le fichier dépasse la limite de 64 Mio : rien n'a été gardé ni enregistré. Un classeur de saisie pèse bien moins ; vérifiez le fichier.",
      'file-too-large': `Le fichier « ${upload.file ?? ''} » dépasse la limite de 64 Mio : rien n'a été gardé ni enregistré. Un classeur de saisie pèse bien moins ; vérifiez le fichier.`,
      'too-many-files': "Un seul fichier à la fois : rien n'a été gardé. Importez-les l'un après l'autre.",
      broken: "L'envoi a été interrompu ou est illisible : rien n'a été enregistré. Recommencez.",
      'file-refused': upload.message ?? "Le fichier est refusé : rien n'a été enregistré.",
      'no-file':
        'Aucun fichier choisi : choisissez le classeur de saisie rempli (.xlsx) ou un fichier CSV, puis « Importer ».',
      'not-multipart': 'Envoi illisible : utilisez le formulaire « Importer » de cette page.',
    }[upload.reason];
    return { kind: 'refused', status: upload.status, message };
  }
  const [only] = upload.files;
  const { dir, path } = only!.file;
  const discard = () => rmSync(dir, { recursive: true, force: true });
  if (!(IMPORT_EXTENSIONS as readonly string[]).includes(extname(only!.name).toLowerCase())) {
    discard();
    return {
      kind: 'refused',
      status: 400,
      message: `« ${only!.name} » n'est ni un classeur Excel (.xlsx) ni un fichier CSV (.csv, .tsv, .txt) : rien n'a été enregistré. Choisissez le classeur de saisie rempli ou un fichier CSV.`,
    };
  }
  return {
    kind: 'received',
    file: { name: only!.name, path, size: only!.size, fields: upload.fields, discard },
  };
}

/** The SHA-256 of a received file: two clicks on the same file are the same import. */
export function fileDigest(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
