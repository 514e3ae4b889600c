import { APP_ENTRY, PLATFORMS, type PlatformName } from './platforms.js';

/** A file the build writes at the top of a folder: its name, text and whether it is run. */
export interface LauncherFile {
  name: string;
  text: string;
  executable: boolean;
}

const windowsPath = (path: string) => path.replaceAll('/', '\\');
/** Windows' command interpreter reads .cmd files line by line with CRLF ends. */
const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

/**
 * `oise` for Linux: POSIX sh with builtins only (no dirname, readlink or env: the shell alone
 * finds its folder), the folder's Node and `OISE_SQLITE_DRIVER=node`. Without --dir or
 * OISE_DIR the node folder is `${XDG_DATA_HOME:-$HOME/.local/share}/oise/noeud`, outside the
 * application folder, so unzipping a new version over it never touches the data.
 */
function posixLauncher(): string {
  const node = PLATFORMS['linux-x64'].node.target;
  return `#!/bin/sh
# OISE, portable folder: runs the command line with this folder's Node.js (node:sqlite built in).
case $0 in
  */*) here=\${0%/*} ;;
  *) here=. ;;
esac
here=$(cd "$here" && pwd) || exit 1
if [ -z "\${OISE_DIR:-}" ]; then
  if [ -n "\${XDG_DATA_HOME:-}" ]; then
    OISE_DIR=$XDG_DATA_HOME/oise/noeud
    export OISE_DIR
  elif [ -n "\${HOME:-}" ]; then
    OISE_DIR=$HOME/.local/share/oise/noeud
    export OISE_DIR
  fi
fi
OISE_SQLITE_DRIVER=node
export OISE_SQLITE_DRIVER
exec "$here/${node}" "$here/${APP_ENTRY}" "$@"
`;
}

/** `oise.cmd` for Windows: the same, the node folder by default `%LOCALAPPDATA%\OISE\noeud`. */
function windowsLauncher(): string {
  const node = windowsPath(PLATFORMS['win-x64'].node.target);
  return crlf([
    '@echo off',
    "rem OISE, portable folder: runs the command line with this folder's Node.js (node:sqlite built in).",
    'setlocal',
    'if not defined OISE_DIR set "OISE_DIR=%LOCALAPPDATA%\\OISE\\noeud"',
    'set "OISE_SQLITE_DRIVER=node"',
    `"%~dp0${node}" "%~dp0${windowsPath(APP_ENTRY)}" %*`,
    'exit /b %ERRORLEVEL%',
  ]);
}

/**
 * `Ouvrir OISE.cmd`, to double-click: the node's pages in the browser (`oise ui --open`) on the
 * default node folder; an empty or missing one gets the first-start page. The window stays
 * open while OISE runs; closing it stops OISE.
 */
function openLauncher(): string {
  return crlf([
    '@echo off',
    "rem Double-click: opens the pages of this PC's OISE node in the browser. Close the window to stop OISE.",
    'chcp 65001 >nul',
    'title OISE',
    'setlocal',
    'set "OISE_NODE=%LOCALAPPDATA%\\OISE\\noeud"',
    'if defined OISE_DIR set "OISE_NODE=%OISE_DIR%"',
    "echo OISE : les pages s'ouvrent dans le navigateur. Gardez cette fenêtre ouverte ; la fermer arrête OISE.",
    'call "%~dp0oise.cmd" ui --dir "%OISE_NODE%" --open',
    'if errorlevel 1 pause',
  ]);
}

/** The launchers at the top of a platform's folder. */
export function launcherFiles(platform: PlatformName): LauncherFile[] {
  if (platform === 'linux-x64') return [{ name: 'oise', text: posixLauncher(), executable: true }];
  return [
    { name: 'oise.cmd', text: windowsLauncher(), executable: false },
    { name: 'Ouvrir OISE.cmd', text: openLauncher(), executable: false },
  ];
}

/**
 * The folder's own paths a launcher names (`"$here/…"` in sh, `"%~dp0…"` in a .cmd), relative
 * to the folder with `/`: what the build and the tests check exists.
 */
export function launcherTargets(text: string): string[] {
  const targets = new Set<string>();
  for (const m of text.matchAll(/"(?:\$here\/|%~dp0)([^"]+)"/g)) targets.add(m[1]!.replaceAll('\\', '/'));
  return [...targets];
}
