import type { CookieOptions } from 'hono/utils/cookie';

/** The session of a signed-in account (accounts mode only). */
export const SESSION_COOKIE = 'oise_session';
/** The form token of a browser without a session (loopback, or the sign-in page). */
export const CSRF_COOKIE = 'oise_csrf';
/** The language a person chose with the layout's « English » / « Français » button. */
export const LANG_COOKIE = 'oise_lang';

/** Every cookie: unreadable by scripts, never sent by another site, for the whole node. */
export function cookieOptions(secure: boolean, maxAgeSeconds?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}
