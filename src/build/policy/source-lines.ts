/**
 * Maps an offset in esbuild's transformed code back to a line of the user's source, using the
 * source map esbuild returns. Warnings must name the line the user wrote, and esbuild
 * reformats code (type annotations removed, statements re-wrapped), so generated line numbers
 * are not the user's.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One mapping segment: generated column → 0-based original line. */
interface Segment {
  readonly column: number;
  readonly sourceLine: number;
}

/** Returns a function from an offset in `code` to the 1-based line in the original source. */
export function createOffsetToSourceLine(code: string, sourceMapJson: string): (offset: number) => number {
  // Decoded on the first warning only: most modules never need a line number.
  let lineStarts: number[] | undefined;
  let lines: Segment[][] = [];

  return (offset: number): number => {
    if (lineStarts === undefined) {
      lineStarts = [0];
      for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
      lines = decodeMappings((JSON.parse(sourceMapJson) as { mappings: string }).mappings);
    }
    let line = upperBound(lineStarts, offset) - 1;
    const column = offset - lineStarts[line]!;
    const onLine = lines[line] ?? [];
    // The last segment that starts at or before the column; a token before the first
    // segment of its line belongs to that first segment.
    let found: Segment | undefined;
    for (const segment of onLine) {
      if (segment.column > column) break;
      found = segment;
    }
    found ??= onLine[0];
    // A generated line without mappings (rare) takes the last mapping of an earlier line.
    while (found === undefined && line > 0) {
      line--;
      found = lines[line]?.at(-1);
    }
    return (found?.sourceLine ?? 0) + 1;
  };
}

/** Index of the first element greater than `value` in an ascending array. */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function decodeMappings(mappings: string): Segment[][] {
  const result: Segment[][] = [];
  let sourceLine = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const segmentText of lineText.split(',')) {
      if (segmentText === '') continue;
      const fields = decodeVlq(segmentText);
      column += fields[0] ?? 0;
      // Fields: generated column, source index, source line, source column, name index.
      // All but the generated column accumulate across lines.
      if (fields.length >= 4) {
        sourceLine += fields[2]!;
        segments.push({ column, sourceLine });
      }
    }
    segments.sort((a, b) => a.column - b.column);
    result.push(segments);
  }
  return result;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}
