import type { HttpBindings } from '@hono/node-server';
import type { LoginThrottle, Role } from '@oise/accounts';
import type { Node } from '@oise/node';
import type { JobRunner } from './jobs/job-runner.js';
import type { Lang } from './messages/lang.js';

/**
 * How the pages are protected: on loopback one PC is one user (no login, but only loopback
 * `Host` headers are answered); on any other address every request needs an account's session.
 */
export type WebMode = 'loopback' | 'accounts';

/** Who is asking: the local user on loopback, or a signed-in account. */
export interface Viewer {
  login: string;
  role: Role;
  /** False on loopback: nobody signs in, and nothing to sign out of. */
  signedIn: boolean;
  /** The login written in journals; undefined on loopback (the node's own code is used). */
  author: string | undefined;
}

/** What the app needs from outside: the open node and the time. */
export interface WebDeps {
  node: Node;
  mode: WebMode;
  /** ISO timestamp of "now", read for every request. */
  clock: () => string;
  /** Milliseconds for the login throttle (monotonic is best). */
  clockMs: () => number;
  /** Cookies carry `Secure` (the pages are served over HTTPS). */
  secureCookies: boolean;
  /** The port the server listens on, for the loopback `Host` check (known once listening). */
  port: () => number;
  throttle: LoginThrottle;
  /** One French line per notable event (sign-in refused, upload refused…). */
  log: (line: string) => void;
  /** The long steps in the background (made by `createWebApp` when absent). */
  jobs?: JobRunner;
  /** Where this node's HTTP inbox listens (`oise ui --inbox-port`), when it does. */
  inboxAddress?: () => string | undefined;
  /** The pages' language for this process (`oise ui --lang`, `OISE_LANG`), over the node's `web.langue`. */
  lang?: Lang;
}

/** What the areas get: the deps, with the runner of long steps always there. */
export interface AppDeps extends WebDeps {
  jobs: JobRunner;
}

/** The Hono environment of every route. */
export interface WebEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    viewer: Viewer;
    /** The token this browser's forms must carry. */
    csrfToken: string;
    /** The page's language: the browser's choice (`oise_lang`), else the process's, else the node's. */
    lang: Lang;
  };
}
