import type { Child } from 'hono/jsx';
import { text } from '../messages/lang.js';
import { layoutText } from '../messages/layout.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';

/** A page that only says something: a refusal, an error, a page that does not exist. */
export function MessagePage(props: {
  frame: PageFrame;
  title: string;
  kind?: 'error' | 'warning';
  children?: Child;
}) {
  return (
    <Layout frame={props.frame} title={props.title}>
      <h1>{props.title}</h1>
      <div class={`message ${props.kind ?? 'error'}`} role={props.kind === 'warning' ? 'status' : 'alert'}>
        {props.children}
      </div>
      <p>
        <a href="/">{text(props.frame.lang, layoutText).backHome}</a>
      </p>
    </Layout>
  );
}
