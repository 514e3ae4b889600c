#!/usr/bin/env node
// The installed `oise`: runs the compiled command line (pnpm build), or the TypeScript sources
// through tsx in a development checkout that has not been built.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/oise.mjs', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/main.ts', import.meta.url).href);
}
