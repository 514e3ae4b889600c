import type { Context } from 'hono';
import { html } from 'hono/html';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Sends a page: the doctype, then the server-rendered element, as UTF-8 HTML. */
export function renderHtml(
  // biome-ignore lint/suspicious/noExplicitAny: any route's context may render
  c: Context<any>,
  element: JSX.Element,
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  return c.html(html`<!DOCTYPE html>${element}`, status);
}
