import { join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { makeTestNode } from '@oise/testkit';

/** The day the DHIS2 command-line tests run on (the 1st quarter of 2025 is open). */
export const DHIS2_TEST_NOW = '2025-04-10T09:00:00.000Z';

/** `oise …` in-process, on DHIS2_TEST_NOW. */
export function dhis2Cli(args: string[]) {
  return runCliCaptured(args, { OISE_NOW: DHIS2_TEST_NOW });
}

/** An empty cercle node ML0401 (territory loaded) under `tmp/name`; returns its folder. */
export async function cercleDir(tmp: string, name: string): Promise<string> {
  const node = await makeTestNode(join(tmp, name), 'cercle', 'ML0401');
  await node.close();
  return join(tmp, name, 'ML0401');
}
