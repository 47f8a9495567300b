/**
 * Messages the packager emits while it works. Engine code never prints: the CLI renders these
 * (`chalice package`, `chalice gen-policy`), tests collect them.
 */

export type BuildMessage =
  /** A step has started or finished ("Bundling app.ts"). */
  | { readonly kind: 'progress'; readonly text: string }
  /** Something the user should look at; packaging continues. `file`/`line` point at their source. */
  | { readonly kind: 'warning'; readonly text: string; readonly file?: string; readonly line?: number }
  /** A file was written; `path` is as the user gave the directory (relative stays relative). */
  | { readonly kind: 'file-written'; readonly path: string; readonly bytes: number };

export type OnBuildMessage = (message: BuildMessage) => void;

/** Discards messages (the default sink). */
export const ignoreBuildMessages: OnBuildMessage = () => undefined;
