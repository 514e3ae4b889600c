import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { runCliCaptured } from './run-cli.js';

describe('port options of oise serve and oise ui', () => {
  test('a bad port, or one HTTP senders refuse, is said in French before anything starts', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    await node.close();
    const dir = `${tmp}/ML04`;
    const cases = [
      {
        args: ['serve', '--dir', dir, '--port', 'huit'],
        says: /--port « huit » : un numéro de port entre 0 et 65535\./,
      },
      {
        args: ['serve', '--dir', dir, '--port', '70000'],
        says: /--port « 70000 » : un numéro de port entre 0 et 65535\./,
      },
      {
        args: ['serve', '--dir', dir, '--port', '6000'],
        says: /--port 6000 : les envois HTTP \(oise send, oise run\) refusent ce port/,
      },
      {
        args: ['ui', '--dir', dir, '--inbox-port', '6000'],
        says: /--inbox-port 6000 : les envois HTTP \(oise send, oise run\) refusent ce port/,
      },
      {
        args: ['ui', '--dir', dir, '--port=-1'],
        says: /--port « -1 » : un numéro de port entre 0 et 65535\./,
      },
    ];
    for (const c of cases) {
      const run = await runCliCaptured(c.args);
      expect(run.code, c.args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(c.says);
      expect(run.stderr).not.toMatch(/bad port|a port number/);
    }
  });
});
