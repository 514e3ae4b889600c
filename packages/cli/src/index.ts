export { type CliIo, runCli, runCliCaptured } from './run-cli.js';
