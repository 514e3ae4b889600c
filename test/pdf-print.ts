import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Printing as a user does: LibreOffice turns a workbook into a PDF, poppler reads it back page
 * by page. Tests that need them skip with a reason when they are missing (CI installs both).
 */
export const PRINT_TOOLS =
  spawnSync('soffice', ['--version']).status === 0 && spawnSync('pdftotext', ['-v']).status === 0;
export const NO_PRINT_TOOLS = 'LibreOffice (soffice) or poppler (pdftotext) is not installed';

/**
 * Converts workbooks to PDF in one LibreOffice run, with a profile of its own (two test files
 * converting at once would otherwise share one and fail). Returns the PDF paths, in order.
 */
export function toPdf(files: string[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const profile = pathToFileURL(join(outDir, '.lo-profile')).href;
  const run = spawnSync(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files],
    { timeout: 300_000, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`soffice a échoué : ${run.stderr || run.error}`);
  return files.map((f) => join(outDir, basename(f).replace(/\.xlsx$/, '.pdf')));
}

/** The number of pages and the size of the first one, in points. */
export function pdfInfo(pdf: string): { pages: number; width: number; height: number } {
  const out = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(out);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(out)?.[1] ?? 0),
    width: Number(size?.[1] ?? 0),
    height: Number(size?.[2] ?? 0),
  };
}

/** The text of each page (pdftotext -f N -l N), pages in order. */
export function pdfPages(pdf: string): string[] {
  const { pages } = pdfInfo(pdf);
  return Array.from(
    { length: pages },
    (_, i) =>
      spawnSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' })
        .stdout,
  );
}

/**
 * The words of a text, for checks that do not depend on where lines wrap: lower case, split on
 * spaces and apostrophes, outer punctuation dropped, hyphens removed (pdftotext joins a word
 * wrapped at its hyphen: « sages-/femmes » → « sagesfemmes »).
 */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s'’]+/)
    .map((w) => w.replace(/^[«»()[\],.;:*·—]+|[«»()[\],.;:*·—]+$/g, '').replace(/-/g, ''))
    .filter(Boolean);
}

/** True when every word of `label` is a whole word of `page`. */
export function hasWholeWords(page: string, label: string): boolean {
  const words = new Set(wordsOf(page));
  return wordsOf(label).every((w) => words.has(w));
}

/** The images drawn on each page (pdfimages -list): object number by page. */
export function pdfImages(pdf: string): { page: number; object: number }[] {
  const out = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f[2] === 'image')
    .map((f) => ({ page: Number(f[0]), object: Number(f[10]) }));
}

/** The words of a page with their boxes (pdftotext -bbox). */
export function pdfWords(pdf: string, page: number): { text: string; yMin: number; yMax: number }[] {
  const out = spawnSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  }).stdout;
  return [
    ...out.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ text: m[3]!, yMin: Number(m[1]), yMax: Number(m[2]) }));
}
