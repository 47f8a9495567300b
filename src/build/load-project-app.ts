/**
 * Loading a project's app for building: the same `loadApp` the other commands use, linked
 * against the project's own chalice-ts when it has one (what the package will contain), else
 * against the chalice-ts running this command, inlined (`'bundle'` linking) so the app is
 * loaded in isolation exactly as the Lambda bundle will run it.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AppLike, LoadedApp } from '../project/index.js';
import { chaliceTsSourceDir, loadApp } from '../project/index.js';
import type { AppModel } from '../graph/index.js';

export type BuildableApp = AppModel & AppLike;

export async function loadAppForBuild(projectDir: string): Promise<LoadedApp<BuildableApp>> {
  return ownsChaliceTs(projectDir)
    ? loadApp<BuildableApp>(projectDir)
    : loadApp<BuildableApp>(projectDir, { chaliceTsSource: chaliceTsSourceDir(), chaliceTsLinking: 'bundle' });
}

/** Whether `chalice-ts` resolves from the project (installed, or the package's own examples via self-reference). */
export function ownsChaliceTs(projectDir: string): boolean {
  try {
    createRequire(join(projectDir, 'package.json')).resolve('chalice-ts');
    return true;
  } catch {
    return false;
  }
}
