import { spawn } from 'node:child_process';

/**
 * Opens `url` in the PC's browser (`oise ui --open`), without waiting for it. When no opener
 * exists, `onFailure` says so; the pages are served all the same.
 */
export function openBrowser(url: string, onFailure: (message: string) => void): void {
  const [command, args]: [string, string[]] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
  child.on('error', (error) => onFailure(error.message));
  child.unref();
}
