import { ERROR_CODES, type OiseError } from '@oise/core';
import type { PageLanguage } from '@oise/node';

/** The language of a page: French by default, English as a setting (see README, "Language"). */
export type Lang = PageLanguage;

/**
 * A message: a sentence, or a function for what depends on a number or a name. The arguments
 * are whatever the message needs.
 */
// biome-ignore lint/suspicious/noExplicitAny: each message names its own arguments
export type Message = string | ((...args: any[]) => string);

/** One language of an area's table: its messages by key. */
export type Messages = Record<string, Message>;

/**
 * An area's table: French and English with the same keys. Declare `fr` first, then
 * `en = { … } satisfies typeof fr`: TypeScript refuses a missing key, an extra key, or a
 * function where French has a sentence.
 */
export interface MessageTable<T extends Messages> {
  fr: T;
  en: T;
}

/** The messages of a table in a page's language: `const t = text(frame.lang, accueilText)`. */
export function text<T extends Messages>(lang: Lang, table: MessageTable<T>): T {
  return table[lang];
}

/**
 * An `OiseError` as a page shows it. Its message comes from a package and stays French; in English,
 * as the CLI's `--lang en` does, the code's English meaning comes first, then the French detail.
 */
export function describeError(error: OiseError, lang: Lang): string {
  return lang === 'en'
    ? `[${error.code}] ${ERROR_CODES[error.code]} (détail : ${error.describe()})`
    : error.describe();
}

/**
 * An `OiseError`'s message without its location, where the page already names the file: as it
 * is in French; in English after the code's English meaning, as `describeError`.
 */
export function errorMessage(error: OiseError, lang: Lang): string {
  return lang === 'en'
    ? `[${error.code}] ${ERROR_CODES[error.code]} (détail : ${error.message})`
    : error.message;
}
