/** What is wrong with a typed trace ID, in words, or null when it can be looked up. */
export function traceIdProblem(text: string): string | null {
  if (text === '') return 'Enter a trace ID.';
  if (!/^[0-9a-f]*$/i.test(text)) return 'A trace ID uses only the digits 0–9 and the letters a–f.';
  if (text.length > 32) return `A trace ID has at most 32 hexadecimal digits; this one has ${text.length}.`;
  return null;
}
