/** Types of build.mjs (plain JavaScript, run by node without a TypeScript loader). */
export declare const CLI_EXTERNALS: string[];
export declare function buildCli(options: {
  outdir: string;
  external?: string[];
  target?: string;
  sourcemap?: boolean;
}): Promise<unknown>;
