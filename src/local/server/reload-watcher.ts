/**
 * Watches the files an app is built from and calls back once per burst of changes.
 *
 * It watches the DIRECTORIES holding the files, not the files: editors save by writing a new
 * file and renaming it over the old one, which ends a watch on the old file's inode. Events
 * are filtered by file name and debounced, because one save produces several events.
 */
import { watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ReloadWatcher {
  /** Replaces the set of watched files. */
  setFiles(files: Iterable<string>): void;
  close(): void;
}

export interface ReloadWatcherOptions {
  readonly onChange: (changed: string) => void;
  /** @default 100 */
  readonly debounceMs?: number;
}

export function createReloadWatcher(options: ReloadWatcherOptions): ReloadWatcher {
  const debounceMs = options.debounceMs ?? 100;
  const watchers = new Map<string, FSWatcher>();
  let files = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let lastChanged = '';
  let closed = false;

  const schedule = (file: string): void => {
    lastChanged = file;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!closed) options.onChange(lastChanged);
    }, debounceMs);
  };

  const watchDir = (dir: string): void => {
    if (watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        // Some platforms omit the name; then any change in the directory counts.
        const file = name === null ? undefined : join(dir, name.toString());
        if (file === undefined) schedule(dir);
        else if (files.has(file)) schedule(file);
      });
      watcher.on('error', () => {
        // The directory went away; a later setFiles re-creates the watch if it comes back.
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
    } catch {
      // A directory that does not exist (yet) cannot be watched; nothing to report.
    }
  };

  return {
    setFiles(next) {
      files = new Set(next);
      const dirs = new Set([...files].map((file) => dirname(file)));
      for (const [dir, watcher] of watchers) {
        if (!dirs.has(dir)) {
          watcher.close();
          watchers.delete(dir);
        }
      }
      for (const dir of dirs) watchDir(dir);
    },
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

