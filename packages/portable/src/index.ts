export { caseClashes, listTree, notPeReason } from './folder-checks.js';
export { type LauncherFile, launcherFiles, launcherTargets } from './launchers.js';
export { type TarballFile, fetchTarball, tarballFiles, tarballName } from './npm-tarball.js';
export { buildSummary, runPackageCommand } from './package-command.js';
export {
  APP_ENTRY,
  NODE_VERSION,
  PLATFORMS,
  PLATFORM_NAMES,
  type Platform,
  type PlatformName,
} from './platforms.js';
export {
  PORTABLE_EXTERNALS,
  type PortableBuild,
  type PortableBuildOptions,
  buildPortable,
  folderProblems,
} from './portable-build.js';
export { RUNTIME_PACKAGES, copyRuntimeFiles, packageFolder } from './runtime-files.js';
export { type ZipItem, zipFolder } from './zip-folder.js';
