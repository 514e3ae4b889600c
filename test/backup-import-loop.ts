import { runCli } from '@oise/cli';

/*
 * A second process that keeps writing to a node: the real `oise import`, of file A then B then A
 * …, until its stdin closes. It prints the number of imports committed after each one, so the
 * test knows it is writing (test/backup-restore.test.ts).
 */
const [dir, a, b] = process.argv.slice(2);
let open = true;
process.stdin.on('end', () => {
  open = false;
});
process.stdin.resume();
let done = 0;
while (open) {
  let stderr = '';
  const code = await runCli(['import', '--dir', dir!, done % 2 === 0 ? a! : b!], {
    stdout: () => {},
    stderr: (s) => {
      stderr += s;
    },
    env: process.env,
  });
  if (code !== 0) {
    process.stderr.write(stderr);
    process.exit(1);
  }
  done++;
  process.stdout.write(`${done}\n`);
}
