import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LoginThrottle } from '@oise/accounts';
import { withNode } from '@oise/node';
import { test } from '@oise/testkit';
import { UPLOAD_FILE_MAX_BYTES, createWebApp, listRoutes } from '@oise/web';
import { describe, expect } from 'vitest';
import { checkPage, outputFolder, useChromium } from './browser.js';
import { type UiProcess, oiseWithInput, startUi } from './web-process.js';
import { SCENE_NOW, oise } from './web-scene.js';

/*
 * The security of the pages, each rule against a running `oise ui`: accounts beyond loopback
 * (no session, roles, CSRF, slowed-down guessing, the upload cap), and on loopback the Host
 * check and the CSRF token.
 */
const folder = outputFolder('web-security');
const chromium = useChromium();

/** The value of cookie `name` among a response's Set-Cookie headers, with its attributes. */
function setCookie(res: Response, name: string): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}
const cookieValue = (header: string | undefined) => header?.split(';')[0] ?? '';
const hiddenToken = (html: string) => /name="_csrf" value="([\w-]+)"/.exec(html)?.[1] ?? '';

/** A browser without one: signs in through the form and keeps the session cookie. */
async function signIn(base: string, login: string, password: string) {
  const form = await fetch(`${base}/connexion`);
  const anonymous = cookieValue(setCookie(form, 'oise_csrf'));
  const res = await post(base, '/connexion', anonymous, {
    _csrf: hiddenToken(await form.text()),
    login,
    password,
    suite: '/paquets',
  });
  return { res, anonymous };
}

function post(base: string, path: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** A GET with any `Host` header, or none (fetch would not send a foreign one). */
function getWithHost(port: number, host: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = host === undefined ? {} : { host };
    const req = request({ host: '127.0.0.1', port, path: '/', headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What is in a node's inbox, hidden files and the applied/rejected folders included. */
function inboxContents(dir: string): string[] {
  const inbox = join(dir, 'inbox');
  return readdirSync(inbox, { recursive: true, encoding: 'utf8' })
    .filter((f) => f !== 'applied' && f !== 'rejected')
    .sort();
}

describe('security of the pages', () => {
  test('beyond loopback: accounts, sessions, roles, CSRF, slowed-down guessing, the upload cap', async ({
    tmp,
  }) => {
    const dir = join(tmp, 'ML0401');
    await oise(['init', '--dir', dir, '--level', 'cercle', '--code', 'ML0401']);
    // Its region enrolled, so that a drop claiming ML04 passes the manifest check and meets the cap.
    const region = join(tmp, 'ML04');
    await oise(['init', '--dir', region, '--level', 'region', '--code', 'ML04']);
    await oise(['key', 'export', '--dir', region, '--out', join(tmp, 'ML04.json')]);
    await oise(['enroll', '--dir', dir, join(tmp, 'ML04.json')]);

    // Without any account, pages beyond loopback are refused at start.
    const none = await oiseWithInput(['ui', '--dir', dir, '--host', '0.0.0.0', '--port', '0'], '');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/\[WEB_NO_ACCOUNT\].*aucun compte.*oise user add/);

    for (const [login, role, password] of [
      ['chef.ccc', 'admin', 'admin-barouéli'],
      ['awa', 'saisie', 'saisie-barouéli'],
      ['lecteur', 'lecture', 'lecture-barouéli'],
    ] as const) {
      const added = await oiseWithInput(
        ['user', 'add', '--dir', dir, '--login', login, '--role', role, '--password-stdin'],
        `${password}\n`,
      );
      expect(added.code, added.stderr).toBe(0);
    }
    const listed = await oise(['user', 'list', '--dir', dir, '--json']);
    expect(JSON.parse(listed).map((a: { login: string; role: string }) => `${a.login}:${a.role}`)).toEqual([
      'awa:saisie',
      'chef.ccc:admin',
      'lecteur:lecture',
    ]);
    const routes = await withNode(dir, async (node) =>
      listRoutes(
        createWebApp({
          node,
          mode: 'accounts',
          clock: () => SCENE_NOW,
          clockMs: () => 0,
          secureCookies: false,
          port: () => 0,
          throttle: new LoginThrottle(),
          log: () => {},
        }),
      ),
    );
    expect(routes.length).toBeGreaterThanOrEqual(7);

    let ui: UiProcess | undefined;
    try {
      ui = await startUi(dir, ['--host', '0.0.0.0']);
      expect(ui.firstLine).toMatch(/^Pages de ML0401 : http:\/\/0\.0\.0\.0:\d+\/ /);
      await ui.waitForOutput(/Passage \(démarrage\)/);
      expect(ui.output()).toMatch(/ATTENTION : les pages sont servies en HTTP simple sur 0\.0\.0\.0/);
      const base = ui.url;

      // Every route without a session: pages go to /connexion, anything else gets 401.
      const sample = (path: string) =>
        path
          .replace(':destinataire', 'ML04')
          .replace(':fichier', 'ML0401-ML04-000001.oise.gz')
          .replace(':unite', 'ML0401')
          .replace(':trimestre', '2025Q1')
          .replace(':domaine', 'sante');
      for (const route of routes) {
        const path = sample(route.path);
        const res = await fetch(`${base}${path}`, { method: route.method, redirect: 'manual' });
        if (path === '/connexion' && route.method === 'GET') expect(res.status).toBe(200);
        else if (path === '/connexion') expect(res.status, 'sign-in without its token').toBe(403);
        else if (path === '/static/oise.css') expect(res.status).toBe(200);
        else if (route.method === 'GET') {
          expect(res.status, `${route.method} ${path}`).toBe(302);
          expect(res.headers.get('location')).toBe(`/connexion?suite=${encodeURIComponent(path)}`);
        } else {
          expect(res.status, `${route.method} ${path}`).toBe(401);
          expect(await res.text()).toContain('Connectez-vous');
        }
      }

      // Signing in: an HttpOnly, SameSite=Strict session cookie, then the page asked for.
      const lecture = await signIn(base, 'lecteur', 'lecture-barouéli');
      expect(lecture.res.status).toBe(303);
      expect(lecture.res.headers.get('location')).toBe('/paquets');
      const sessionHeader = setCookie(lecture.res, 'oise_session');
      expect(sessionHeader).toMatch(/; HttpOnly/);
      expect(sessionHeader).toMatch(/; SameSite=Strict/);
      const lectureCookie = cookieValue(sessionHeader);
      const home = await fetch(`${base}/`, { headers: { cookie: lectureCookie } });
      expect(home.status).toBe(200);
      const lectureToken = hiddenToken(await home.text());
      expect(lectureToken).toMatch(/^[\w-]{43}$/);

      // « lecture » never writes: every state-changing route but signing out is refused, token or not.
      for (const route of routes.filter(
        (r) => r.method !== 'GET' && !['/connexion', '/deconnexion'].includes(r.path),
      )) {
        const res = await fetch(`${base}${sample(route.path)}?_csrf=${lectureToken}`, {
          method: route.method,
          redirect: 'manual',
          headers: { cookie: lectureCookie, 'x-csrf-token': lectureToken },
        });
        expect(res.status, `${route.method} ${route.path} as lecture`).toBe(403);
        expect(await res.text()).toMatch(/Votre rôle « lecture » \(lecture seule\) ne permet pas de/);
      }
      const download = await fetch(`${base}/paquets/telecharger/ML04/ML0401-ML04-000001.oise.gz`, {
        headers: { cookie: lectureCookie },
      });
      expect(download.status).toBe(403);

      // A POST without its CSRF token is refused, even with a session that may do it.
      const awa = await signIn(base, 'awa', 'saisie-barouéli');
      const awaCookie = cookieValue(setCookie(awa.res, 'oise_session'));
      const awaToken = hiddenToken(
        await (await fetch(`${base}/`, { headers: { cookie: awaCookie } })).text(),
      );
      const form = new FormData();
      form.append('paquets', new Blob([Buffer.from('x')]), 'ML0402-ML04-000001.oise.gz');
      const noToken = await fetch(`${base}/paquets/depot`, {
        method: 'POST',
        headers: { cookie: awaCookie },
        body: form,
      });
      expect(noToken.status).toBe(403);
      expect(await noToken.text()).toContain('Le jeton de sécurité du formulaire est absent ou périmé');
      const wrongToken = await post(base, '/deconnexion', awaCookie, { _csrf: lectureToken });
      expect(wrongToken.status).toBe(403);
      expect(inboxContents(dir)).toEqual([]);

      // An upload over the cap: refused whole, nothing stored in the inbox.
      // Both claim ML04 in a manifest that comes first, as a package's does; the second is
      // padded past the cap.
      const claim = (sequence: number) =>
        gzipSync(
          `${JSON.stringify({ format: 'oise-bundle', formatVersion: 1, sender: 'ML04', recipient: 'ML0401', sequence })}\n`,
        );
      const big = new FormData();
      big.append('paquets', new Blob([claim(2)]), 'ML0402-ML04-000002.oise.gz');
      big.append(
        'paquets',
        new Blob([claim(3), Buffer.alloc(UPLOAD_FILE_MAX_BYTES + 1, 1)]),
        'ML0402-ML04-000003.oise.gz',
      );
      const over = await fetch(`${base}/paquets/depot?_csrf=${awaToken}`, {
        method: 'POST',
        headers: { cookie: awaCookie },
        body: big,
      });
      expect(over.status).toBe(413);
      expect(await over.text()).toContain(
        'Le fichier « ML0402-ML04-000003.oise.gz » dépasse la limite de 64 Mio par fichier : aucun fichier de ce dépôt n&#39;a été gardé.',
      );
      expect(inboxContents(dir)).toEqual([]);
      expect(existsSync(join(dir, 'inbox', 'rejected'))).toBe(true);

      // Signing out ends the session.
      const out = await post(base, '/deconnexion', awaCookie, { _csrf: awaToken });
      expect(out.status).toBe(303);
      expect((await fetch(`${base}/`, { headers: { cookie: awaCookie }, redirect: 'manual' })).status).toBe(
        302,
      );

      // Wrong passwords: after the third, the server imposes a wait, and refuses even the right one.
      const tries: Response[] = [];
      for (let i = 0; i < 3; i++) tries.push((await signIn(base, 'chef.ccc', `faux-${i}`)).res);
      expect(tries.map((r) => r.status)).toEqual([401, 401, 401]);
      expect(tries.map((r) => r.headers.get('retry-after'))).toEqual([null, null, '2']);
      const held = (await signIn(base, 'chef.ccc', 'admin-barouéli')).res;
      expect(held.status).toBe(429);
      expect(Number(held.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await held.text()).toMatch(
        /Trop d&#39;essais manqués : attendez \d secondes? avant de réessayer/,
      );
      expect(setCookie(held, 'oise_session')).toBeUndefined();
      expect(ui.output()).toMatch(/connexion retardée : « chef\.ccc »/);

      // In Chromium: the sign-in page by its labels, then the page asked for.
      const context = await chromium.browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(`${base}/paquets`);
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await checkPage(page, folder, 'connexion');
      await page.getByLabel('Identifiant').fill('awa');
      await page.getByLabel('Mot de passe').fill('saisie-barouéli');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Paquets' }).waitFor();
      expect(await page.getByRole('banner').innerText()).toContain('awa (saisie, transmission et paquets)');
      await checkPage(page, folder, 'paquets-connecte');
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    } finally {
      expect(await ui?.stop()).toBe(0);
    }
  });

  test('on loopback: no sign-in, but a foreign Host and a POST without its token are refused; the HTTP inbox beside', async ({
    tmp,
  }) => {
    const dir = join(tmp, 'ML0401');
    await oise(['init', '--dir', dir, '--level', 'cercle', '--code', 'ML0401']);
    const ui = await startUi(dir, ['--inbox-port', '0']);
    try {
      expect(ui.firstLine).toMatch(/^Pages de ML0401 : http:\/\/127\.0\.0\.1:\d+\//);
      // The HTTP inbox of `oise serve`, in the same process.
      await ui.waitForOutput(
        /Boîte de réception HTTP de ML0401 à l'écoute sur http:\/\/127\.0\.0\.1:\d+\/paquets/,
      );
      const inboxUrl = /à l'écoute sur (http:\/\/127\.0\.0\.1:\d+)\/paquets/.exec(ui.output())![1]!;
      expect(await (await fetch(`${inboxUrl}/etat`)).json()).toMatchObject({
        service: 'oise',
        node: 'ML0401',
      });
      expect(ui.output()).not.toMatch(/ATTENTION/);
      for (const host of [`127.0.0.1:${ui.port}`, `localhost:${ui.port}`]) {
        expect((await getWithHost(ui.port, host)).status, host).toBe(200);
      }
      for (const host of [
        `oise.example.org:${ui.port}`,
        `127.0.0.1.nip.io:${ui.port}`,
        `localhost:${ui.port + 1}`,
      ]) {
        const res = await getWithHost(ui.port, host);
        expect(res.status, host).toBe(403);
        expect(res.body).toContain('Ces pages ne répondent qu&#39;à l&#39;adresse de ce poste');
      }
      // No Host at all: Node's HTTP server refuses it before the pages see it.
      expect((await getWithHost(ui.port, undefined)).status).toBe(400);
      expect(ui.output()).toMatch(/adresse refusée : Host « oise\.example\.org:\d+ »/);

      const page = await fetch(`${ui.url}/paquets`);
      const cookie = cookieValue(setCookie(page, 'oise_csrf'));
      expect(setCookie(page, 'oise_csrf')).toMatch(/; HttpOnly; SameSite=Strict$/);
      const token = /depot\?_csrf=([\w-]+)/.exec(await page.text())?.[1] ?? '';
      const empty = () => {
        const form = new FormData();
        form.append('paquets', new Blob([]), '');
        return form;
      };
      const without = await fetch(`${ui.url}/paquets/depot`, {
        method: 'POST',
        headers: { cookie },
        body: empty(),
      });
      expect(without.status).toBe(403);
      const noCookie = await fetch(`${ui.url}/paquets/depot?_csrf=${token}`, {
        method: 'POST',
        body: empty(),
      });
      expect(noCookie.status).toBe(403);
      const crossSite = await fetch(`${ui.url}/paquets/depot?_csrf=${token}`, {
        method: 'POST',
        headers: { cookie, origin: 'http://oise.example.org' },
        body: empty(),
      });
      expect(crossSite.status).toBe(403);
      // With its token the form goes through (and says no file was chosen).
      const withToken = await fetch(`${ui.url}/paquets/depot?_csrf=${token}`, {
        method: 'POST',
        headers: { cookie },
        body: empty(),
      });
      expect(withToken.status).toBe(400);
      expect(await withToken.text()).toContain('Aucun fichier choisi');
      expect(inboxContents(dir)).toEqual([]);
    } finally {
      // Ctrl+C stops as cleanly as SIGTERM.
      expect(await ui.stop('SIGINT')).toBe(0);
    }
    expect(ui.output()).toMatch(/Pages arrêtées\./);
  });

  test('over HTTPS with --cert and --key: no warning, cookies marked Secure', async ({ tmp }) => {
    const dir = join(tmp, 'ML04');
    await oise(['init', '--dir', dir, '--level', 'region', '--code', 'ML04']);
    const added = await oiseWithInput(
      ['user', 'add', '--dir', dir, '--login', 'csr.segou', '--role', 'validation', '--password-stdin'],
      'validation-ségou\n',
    );
    expect(added.code, added.stderr).toBe(0);
    const cert = join(tmp, 'cert.pem');
    const key = join(tmp, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    const ui = await startUi(dir, ['--host', '0.0.0.0', '--cert', cert, '--key', key]);
    try {
      expect(ui.firstLine).toMatch(/^Pages de ML04 : https:\/\/0\.0\.0\.0:\d+\//);
      await ui.waitForOutput(/Passage \(démarrage\)/);
      expect(ui.output()).not.toMatch(/ATTENTION/);
      // The certificate is checked: the client trusts only this one.
      const res = await new Promise<{ status: number; cookies: string[] }>((resolve, reject) => {
        const req = httpsRequest(
          { host: '127.0.0.1', port: ui.port, path: '/connexion', ca: readFileSync(cert) },
          (r) => {
            r.resume();
            r.on('end', () => resolve({ status: r.statusCode ?? 0, cookies: r.headers['set-cookie'] ?? [] }));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(res.status).toBe(200);
      expect(res.cookies.find((c) => c.startsWith('oise_csrf='))).toMatch(
        /; HttpOnly; Secure; SameSite=Strict$/,
      );
    } finally {
      expect(await ui.stop()).toBe(0);
    }
  });
});
