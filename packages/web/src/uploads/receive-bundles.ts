import type { Node } from '@oise/node';
import { type InboxLimits, type StagedInboxFile, UploadGuard, stageInboxFile } from '@oise/sync';
import { type Lang, text } from '../messages/lang.js';
import { paquetsText } from '../messages/paquets.js';
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

/**
 * Reads a « Déposer des paquets » form as a stream (`receiveMultipart`): each file goes through
 * the HTTP inbox's own guard (`@oise/sync` UploadGuard: cut off when idle or too slow, and as
 * soon as its manifest names another recipient or a sender not enrolled here) to a hidden file
 * of the node's inbox (stageInboxFile), capped at 64 Mio, never held in memory, named after its
 * manifest. All or nothing: when one file is refused or over the cap, too many files come, or
 * the form is cut or malformed, every file of the drop is removed and the answer says why.
 */
export async function receiveBundleUpload(
  node: Node,
  request: Request,
  limits: InboxLimits,
  lang: Lang = 'fr',
): Promise<ReceivedUpload> {
  const t = text(lang, paquetsText);
  const upload = await receiveMultipart<StagedInboxFile>(request, {
    field: UPLOAD_FIELD,
    maxFiles: UPLOAD_MAX_FILES,
    maxFileBytes: UPLOAD_FILE_MAX_BYTES,
    maxRequestBytes: UPLOAD_REQUEST_MAX_BYTES,
    keep: async (stream, name) => {
      const guard = new UploadGuard({ ...limits, maxBytes: UPLOAD_FILE_MAX_BYTES }, node);
      stream.pipe(guard);
      const outcome = await stageInboxFile(node.paths, guard, {
        maxBytes: UPLOAD_FILE_MAX_BYTES,
        origin: 'web',
        name,
      });
      if (guard.cut) {
        // The rest of this file is read and dropped, so the form carries on to its end.
        stream.unpipe(guard);
        stream.resume();
        if (guard.cut.code === 'BUNDLE_TOO_LARGE') return { kind: 'too-large' };
        return {
          kind: 'refused',
          message: t.fileRefused(name, guard.cut.message),
        };
      }
      if (outcome.kind !== 'staged') return { kind: outcome.kind === 'too-large' ? 'too-large' : 'failed' };
      const file = outcome.file;
      // Named after its manifest in the inbox, whatever the file was called on the user's PC.
      const bundleName = guard.bundleName;
      return {
        kind: 'kept',
        size: file.size,
        file: { size: file.size, commit: () => file.commit(bundleName), discard: () => file.discard() },
      };
    },
    discard: (file) => file.discard(),
  });
  if (upload.kind === 'received')
    return {
      kind: 'received',
      files: upload.files.map((f) => ({ name: f.name, size: f.size, staged: f.file })),
    };
  const message: Record<UploadRefusal, string> = {
    'request-too-large': t.requestTooLarge(UPLOAD_MAX_FILES),
    'file-too-large': t.fileTooLarge(upload.file ?? ''),
    'too-many-files': t.tooManyFiles(UPLOAD_MAX_FILES),
    broken: t.broken,
    'file-refused': upload.message ?? t.notABundle,
    'no-file': t.noFile,
    'not-multipart': t.unreadable,
  };
  return refused(upload.status, message[upload.reason]);
}
