/**
 * Waits until `condition` holds, checking it every `everyMs` (default 10 ms), and fails with
 * `what` once `timeoutMs` (default 10 s) have passed: for tests that wait on another process or
 * socket, never a fixed sleep.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  options: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`waited ${options.timeoutMs ?? 10_000} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 10));
  }
}
