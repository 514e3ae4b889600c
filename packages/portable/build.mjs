// `pnpm package`: builds dist/portable/oise-linux-x64/ and oise-win-x64/ and a zip of each.
// `node packages/portable/build.mjs [--platform linux-x64|win-x64] [--out DIR]`. The build is
// TypeScript (src/), run through tsx as the command line's bin does in a checkout.
const { register } = await import('tsx/esm/api');
register();
const { runPackageCommand } = await import('./src/package-command.ts');
process.exitCode = await runPackageCommand(process.argv.slice(2));
