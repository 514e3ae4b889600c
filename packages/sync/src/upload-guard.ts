import { Transform, type TransformCallback } from 'node:stream';
import { type ErrorCode, OiseError } from '@oise/core';
import type { Node } from '@oise/node';
import { BUNDLE_FORMAT, bundleFileName, oversizedBundle } from './bundle-format.js';
import { announced } from './bundle-log.js';
import { type ManifestPeek, startManifestPeek } from './manifest-peek.js';
import { addressedKey } from './verify-manifest.js';

/** The limits one upload runs under (HTTP inbox, the pages' drop). */
export interface UploadLimits {
  /** Largest body kept. */
  maxBytes: number;
  /** No byte for this long: the upload is cut off. */
  idleMs: number;
  /** Average bytes per second an upload must keep once `graceMs` have passed. */
  minBytesPerSecond: number;
  graceMs: number;
}

/** Why an upload was cut off before its end; nothing of it is kept. */
export interface UploadCut {
  code: ErrorCode;
  /** French, for the sender and the log. */
  message: string;
  /** Bytes read from the sender when it was cut off. */
  bytesRead: number;
  /** The manifest read from the first bytes, when it was read. */
  manifest: Record<string, unknown> | null;
}

/**
 * A pass-through for an upload's body that cuts it off (destroys itself with an OiseError, and
 * says why in `cut`) as soon as it goes wrong, rather than after the whole body:
 * - over `maxBytes`;
 * - silent for `idleMs`, or slower on average than `minBytesPerSecond` after `graceMs`;
 * - with `node`: once its first line is read (manifest-peek.ts), when it is not gzip, not an
 *   OISE manifest, or names another recipient or a sender not enrolled here (the checks of
 *   `addressedKey`). Until that is known the guard holds the body back, so a stranger's upload
 *   is refused after its first kilobytes.
 */
export class UploadGuard extends Transform {
  cut: UploadCut | null = null;
  bytesRead = 0;
  /** The manifest read from the first bytes (null until read, or when none). */
  manifest: Record<string, unknown> | null = null;
  /** The bundle's name from its manifest (`ML0401-ML04-000001.oise.gz`), once read. */
  get bundleName(): string | undefined {
    const m = announced(this.manifest);
    return m.sender && m.recipient && m.sequence !== null
      ? bundleFileName(m.sender, m.recipient, m.sequence)
      : undefined;
  }

  private readonly peek: ManifestPeek | null;
  private admitted: boolean;
  private readonly started = Date.now();
  private lastData = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly limits: UploadLimits,
    private readonly node?: Node,
  ) {
    super();
    this.peek = node ? startManifestPeek() : null;
    this.admitted = !node;
    const tick = Math.max(50, Math.min(1_000, Math.floor(limits.idleMs / 4)));
    this.timer = setInterval(() => this.checkPace(), tick);
    this.timer.unref();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytesRead += chunk.length;
    this.lastData = Date.now();
    if (this.bytesRead > this.limits.maxBytes) {
      const { code, message } = oversizedBundle(this.bytesRead, this.limits.maxBytes);
      this.cutOff(code, message);
      return;
    }
    if (this.admitted || !this.peek) {
      callback(null, chunk);
      return;
    }
    // Held back until this chunk is inflated: the manifest may be complete now.
    const peek = this.peek;
    peek.write(chunk, () => {
      this.admit(peek).then(
        (ok) => {
          if (ok) callback(null, chunk);
        },
        (error: Error) => this.destroy(error),
      );
    });
  }

  override _flush(callback: TransformCallback): void {
    if (this.admitted || !this.peek) {
      callback();
      return;
    }
    const peek = this.peek;
    peek.end();
    peek.result
      .then(() => this.admit(peek))
      .then(
        (ok) => {
          if (ok) callback();
        },
        (error: Error) => this.destroy(error),
      );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearInterval(this.timer);
    callback(error);
  }

  /** True to go on (admitted, or not known yet); false once cut off. */
  private async admit(peek: ManifestPeek): Promise<boolean> {
    if (this.cut) return false;
    const result = peek.known;
    if (!result) return true;
    if (result.kind === 'not-gzip') {
      this.cutOff(
        'BUNDLE_UNREADABLE',
        "ce n'est pas un paquet OISE : un paquet est un fichier compressé gzip.",
      );
      return false;
    }
    if (result.kind === 'not-a-manifest') {
      this.cutOff(
        'BUNDLE_UNREADABLE',
        `ce n'est pas un paquet OISE : sa première ligne n'est pas un manifeste « ${BUNDLE_FORMAT} ».`,
      );
      return false;
    }
    this.manifest = result.manifest;
    try {
      await addressedKey(this.node as Node, result.manifest);
      this.admitted = true;
      return !this.cut;
    } catch (error) {
      if (!(error instanceof OiseError)) throw error;
      this.cutOff(error.code, error.message);
      return false;
    }
  }

  private checkPace(): void {
    if (this.cut || this.destroyed) return;
    const now = Date.now();
    if (now - this.lastData > this.limits.idleMs) {
      this.cutOff(
        'UPLOAD_TOO_SLOW',
        `envoi coupé : rien reçu pendant ${Math.round(this.limits.idleMs / 1000)} s. Rien n'a été gardé ; renvoyez le paquet.`,
      );
      return;
    }
    const elapsed = now - this.started;
    if (elapsed > this.limits.graceMs && (this.bytesRead * 1000) / elapsed < this.limits.minBytesPerSecond) {
      this.cutOff(
        'UPLOAD_TOO_SLOW',
        `envoi coupé : moins de ${this.limits.minBytesPerSecond} octets par seconde en moyenne. Rien n'a été gardé ; renvoyez le paquet sur une meilleure ligne.`,
      );
    }
  }

  private cutOff(code: ErrorCode, message: string): void {
    if (this.cut) return;
    this.cut = { code, message, bytesRead: this.bytesRead, manifest: this.manifest };
    this.destroy(new OiseError(code, message));
  }
}
