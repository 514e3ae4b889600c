import type { NodeLevel } from '@oise/core';
import type { Lang } from '../messages/lang.js';
import type { Viewer } from '../web-env.js';

/** What every page's frame shows: which node, who is asking, where we are. */
export interface PageFrame {
  node: { code: string; level: NodeLevel; name: string | null };
  viewer: Viewer | undefined;
  csrfToken: string;
  /** Path of the page, for the menu's current entry. */
  path: string;
  /** Path and query of the page, where the language switch comes back to. */
  here: string;
  now: string;
  /** The language the page is written in. */
  lang: Lang;
}
