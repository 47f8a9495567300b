/** Deterministic zips and Lambda's package size limits. */
export { compareCodeUnits, createDeterministicZip, ZIP_DEFLATE_LEVEL, type ZipFileEntry } from './deterministic-zip.js';
export { formatBytes, sizeWarnings, UNZIPPED_LIMIT_BYTES, UNZIPPED_WARNING_BYTES, ZIPPED_WARNING_BYTES, type ArchiveSize } from './size-limits.js';
export { directoryToZipEntries, unzippedSize, type CollectOptions } from './collect-files.js';
