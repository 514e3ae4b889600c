import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NOW } from './sync-fixtures.js';

/*
 * `oise` as real processes run from the sources (tsx): a command to its end, and `oise serve`
 * kept running for a test (the HTTP inbox of a node folder on loopback).
 */
const CLI = fileURLToPath(new URL('../packages/cli/src/main.ts', import.meta.url));
const ENV = { ...process.env, OISE_NOW: NOW };

/** Runs `oise …` to its end. */
export function oise(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Everything it printed so far (one line per request). */
  out: () => string;
}

/**
 * Starts `oise serve --port 0` and reads the port it chose from its first line; from the sources
 * through tsx, or from `entry` (a built `oise.mjs`) when given.
 */
export function serve(dir: string, env: Record<string, string> = {}, entry?: string): Promise<ServeProcess> {
  const command = entry ? [entry] : ['--import', 'tsx', CLI];
  const child = spawn(process.execPath, [...command, 'serve', '--dir', dir, '--port', '0'], {
    env: { ...ENV, ...env },
  });
  let out = '';
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /à l'écoute sur (http:\/\/127\.0\.0\.1:\d+)\/paquets/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1], out: () => out });
    });
    child.on('exit', () => reject(new Error(`oise serve s'est arrêté : ${out}`)));
  });
}

/** Stops a served inbox with SIGTERM; its exit code. */
export function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
