/**
 * JSON.parse's complaint, restated with a line and column. Engines report a character offset
 * ("... in JSON at position 1234"), which means nothing to someone looking at the file in an
 * editor, and some quote the whole input back, which for a large file is megabytes of text.
 */
export interface JsonSyntaxProblem {
  message: string;
  /** 1-based, when the engine said where. */
  line?: number;
}

export function jsonSyntaxProblem(error: unknown, text: string): JsonSyntaxProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const at = /\s+in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(raw);
  if (at) {
    const { line, column } = lineAndColumn(text, Number(at[1]));
    return { message: `line ${line}, column ${column}: ${raw.slice(0, at.index)}.`, line };
  }
  if (/Unexpected end of JSON input/.test(raw)) {
    const { line, column } = lineAndColumn(text, text.length);
    return { message: `the text ends at line ${line}, column ${column} before the JSON is complete.`, line };
  }
  // V8: `Unexpected token 'o', "nope" is not valid JSON` quotes the input; keep only the complaint.
  return { message: `${raw.replace(/, ".*" is not valid JSON$/s, '')}.` };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
