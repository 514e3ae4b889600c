import type { ErrorCode } from './error-codes.js';

/** Where an error happened, and any detail a caller may want (the findings behind it…). */
export interface ErrorContext {
  file?: string;
  sheet?: string;
  line?: number;
  column?: string | number;
  node?: string;
  quarter?: string;
  [key: string]: unknown;
}

/**
 * The base error of OISE. `code` is stable (scripts match on it) and comes from the catalogue
 * `ERROR_CODES`; `message` is French and says what to do next; context fields say where
 * (file, line, column, node, quarter).
 */
export class OiseError extends Error {
  override readonly name = 'OiseError';
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.context = context;
  }

  /** One line for a person: where, then what. */
  describe(): string {
    return `${formatLocation(this.context)}${this.message}`;
  }
}

/** Usage errors (bad flags, missing arguments): exit code 2 at the command line. */
export class UsageError extends OiseError {
  constructor(message: string, context: ErrorContext = {}) {
    super('USAGE', message, context);
  }
}

export function isOiseError(error: unknown): error is OiseError {
  return error instanceof OiseError;
}

/** `fichier.csv, feuille « Santé », ligne 4, colonne C : ` — empty when nothing is known. */
export function formatLocation(context: ErrorContext): string {
  const parts: string[] = [];
  if (context.file) parts.push(context.file);
  if (context.sheet) parts.push(`feuille « ${context.sheet} »`);
  if (context.line !== undefined) parts.push(`ligne ${context.line}`);
  // A list of columns (`AA, AC et AE`: one rule broken by several cells of a row) reads in the plural.
  if (context.column !== undefined && context.column !== '')
    parts.push(`${/,| et /.test(String(context.column)) ? 'colonnes' : 'colonne'} ${context.column}`);
  return parts.length > 0 ? `${parts.join(', ')} : ` : '';
}
