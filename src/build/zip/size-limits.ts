/**
 * Lambda's package size limits, checked after zipping so the user hears about them before an
 * upload fails.
 *
 * AWS facts: a zip uploaded directly to Lambda may be at most 50 MB; larger packages must go
 * through S3 (`aws cloudformation package` does that, so the SAM flow still works). The
 * function's code plus all its layers may be at most 250 MB unzipped, whatever the route.
 * The warnings fire a little below the limits, since templates and layers add to the total.
 */

/** Warn above this zipped size (Lambda's direct-upload limit is 50 MB). */
export const ZIPPED_WARNING_BYTES = 45 * 1024 * 1024;
/** Warn above this unzipped size of code plus layers (Lambda's limit is 250 MB). */
export const UNZIPPED_WARNING_BYTES = 230 * 1024 * 1024;
export const UNZIPPED_LIMIT_BYTES = 250 * 1024 * 1024;

export interface ArchiveSize {
  /** File name shown in messages, e.g. `deployment.zip`. */
  readonly name: string;
  readonly zippedBytes: number;
  readonly unzippedBytes: number;
}

/**
 * Warnings for a set of archives that are deployed together (the function's package and the
 * managed layer). Empty when everything is comfortably within the limits.
 */
export function sizeWarnings(archives: readonly ArchiveSize[]): string[] {
  const warnings: string[] = [];
  for (const archive of archives) {
    if (archive.zippedBytes > ZIPPED_WARNING_BYTES) {
      warnings.push(
        `${archive.name} is ${formatBytes(archive.zippedBytes)} zipped; Lambda accepts at most 50 MB uploaded directly, so deploy it through S3 (e.g. \`aws cloudformation package\`) or move dependencies out of the package`,
      );
    }
  }
  const unzipped = archives.reduce((sum, archive) => sum + archive.unzippedBytes, 0);
  if (unzipped > UNZIPPED_WARNING_BYTES) {
    const what = archives.map((archive) => archive.name).join(' + ');
    const verb = unzipped > UNZIPPED_LIMIT_BYTES ? 'exceeds' : 'is close to';
    warnings.push(
      `${what} unzip to ${formatBytes(unzipped)}, which ${verb} Lambda's 250 MB limit for code and layers; remove unused dependencies or files from vendor/ and chalicelib/`,
    );
  }
  return warnings;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
