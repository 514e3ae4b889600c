import { foldName } from '@oise/entry';

/** Header names compared without case, accents, spaces, underscores or dashes. */
export function foldHeader(text: string): string {
  return foldName(text).replace(/ /g, '');
}
