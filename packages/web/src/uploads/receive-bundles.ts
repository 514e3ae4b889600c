import type { Node } from '@oise/node';
import { type StagedInboxFile, stageInboxFile } from '@oise/sync';
import { formatCount } from '../views/format.js';
import { type UploadRefusal, receiveMultipart } from './multipart-files.js';

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

const UNREADABLE = 'Envoi illisible : utilisez le formulaire « Déposer des paquets ».';

/**
 * Reads a « Déposer des paquets » form as a stream (`receiveMultipart`): each file goes to a
 * hidden file of the node's inbox (`@oise/sync` stageInboxFile), capped at 64 Mio, never held
 * in memory. All or nothing: when one file is over the cap, too many files come, or the form is
 * cut or malformed, every file of the drop is removed and the answer says why.
 */
export async function receiveBundleUpload(node: Node, request: Request): Promise<ReceivedUpload> {
  const upload = await receiveMultipart<StagedInboxFile>(request, {
    field: UPLOAD_FIELD,
    maxFiles: UPLOAD_MAX_FILES,
    maxFileBytes: UPLOAD_FILE_MAX_BYTES,
    maxRequestBytes: UPLOAD_REQUEST_MAX_BYTES,
    keep: async (stream, name) => {
      const outcome = await stageInboxFile(node.paths, stream, {
        maxBytes: UPLOAD_FILE_MAX_BYTES,
        origin: 'web',
        name,
      });
      return outcome.kind === 'staged'
        ? { kind: 'kept', file: outcome.file, size: outcome.file.size }
        : { kind: outcome.kind === 'too-large' ? 'too-large' : 'failed' };
    },
    discard: (file) => file.discard(),
  });
  if (upload.kind === 'received')
    return {
      kind: 'received',
      files: upload.files.map((f) => ({ name: f.name, size: f.size, staged: f.file })),
    };
  const message: Record<UploadRefusal, string> = {
    'request-too-large': tooLargeDrop(),
    'file-too-large': `Le fichier « ${upload.file ?? ''} » dépasse la limite de 64 Mio par fichier : aucun fichier de ce dépôt n'a été gardé. Un paquet OISE normal est bien plus petit ; vérifiez le fichier.`,
    'too-many-files': `Au plus ${UPLOAD_MAX_FILES} fichiers par dépôt : aucun n'a été gardé. Déposez-les en plusieurs fois.`,
    broken: "L'envoi a été interrompu ou est illisible : aucun fichier n'a été gardé. Recommencez.",
    'no-file': 'Aucun fichier choisi : choisissez un ou plusieurs paquets reçus (.oise.gz).',
    'not-multipart': UNREADABLE,
  };
  return refused(upload.status, message[upload.reason]);
}

function tooLargeDrop(): string {
  return `Le dépôt dépasse la taille permise (${formatCount(UPLOAD_MAX_FILES)} fichiers de 64 Mio au plus) : rien n'a été gardé.`;
}
