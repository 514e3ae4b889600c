import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import { OiseError } from '@oise/core';

/** The family every chart and map uses; registered from the `dejavu-fonts-ttf` npm package. */
export const REPORT_FONT_FAMILY = 'DejaVu Sans';

let registered = false;

/** Path of a TrueType file shipped in `dejavu-fonts-ttf` (resolved from this package). */
export function dejavuFontPath(file = 'DejaVuSans.ttf'): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', file);
}

/**
 * Registers the DejaVu fonts with @napi-rs/canvas once, then checks that text really renders.
 * Without a registered font, canvas text silently renders as nothing: better to stop here.
 */
export function ensureReportFonts(): string {
  if (!registered) {
    GlobalFonts.registerFromPath(dejavuFontPath('DejaVuSans.ttf'), REPORT_FONT_FAMILY);
    GlobalFonts.registerFromPath(dejavuFontPath('DejaVuSans-Bold.ttf'), REPORT_FONT_FAMILY);
    registered = true;
  }
  assertFontRenders(REPORT_FONT_FAMILY);
  return REPORT_FONT_FAMILY;
}

/**
 * Throws a French error unless `family` is registered and measures a non-zero width for an
 * accented word (what every label of a report needs).
 */
export function assertFontRenders(family: string): void {
  const ctx = createCanvas(200, 50).getContext('2d');
  ctx.font = `16px "${family}"`;
  const width = ctx.measureText('Ségou').width;
  if (!GlobalFonts.has(family) || !(width > 0)) {
    throw new OiseError(
      'REPORT_FONT_MISSING',
      `La police « ${family} » n'est pas disponible pour dessiner les graphiques (largeur mesurée de « Ségou » : ${width}). Vérifiez que le paquet npm dejavu-fonts-ttf est installé (pnpm install).`,
    );
  }
}
