#!/usr/bin/env node
import { pipeWriter } from './closed-pipe.js';
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: pipeWriter(process.stdout),
  stderr: pipeWriter(process.stderr),
  env: process.env,
});
