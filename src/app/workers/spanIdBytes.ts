/**
 * Span IDs kept as 16 ASCII hex digits each, back to back in input order (as the byte scan and
 * the columns route give them): lookups by linear scan, which for a million spans (16 MB) costs
 * a few milliseconds, rather than a million-entry Map built for two or three lookups.
 */

const ID_LENGTH = 16;

function idCodes(spanId: string): Uint8Array | null {
  const id = spanId.toLowerCase().padStart(ID_LENGTH, '0');
  if (id.length !== ID_LENGTH) return null;
  const codes = new Uint8Array(ID_LENGTH);
  for (let k = 0; k < ID_LENGTH; k++) codes[k] = id.charCodeAt(k);
  return codes;
}

function eachInput(ids: Uint8Array, spanId: string, visit: (input: number) => boolean): void {
  const codes = idCodes(spanId);
  if (!codes) return;
  const first = codes[0];
  for (let at = 0; at + ID_LENGTH <= ids.length; at += ID_LENGTH) {
    if (ids[at] !== first) continue;
    let k = 1;
    while (k < ID_LENGTH && ids[at + k] === codes[k]) k++;
    if (k === ID_LENGTH && !visit(at / ID_LENGTH)) return;
  }
}

/** The row of the first span with this ID, or -1. */
export function rowOfIdBytes(ids: Uint8Array, spanId: string, rowOfInput: Int32Array): number {
  let row = -1;
  eachInput(ids, spanId, (input) => {
    row = rowOfInput[input];
    return false;
  });
  return row;
}

/** Input positions of every span with this ID. */
export function inputsWithIdBytes(ids: Uint8Array, spanId: string): number[] {
  const inputs: number[] = [];
  eachInput(ids, spanId, (input) => {
    inputs.push(input);
    return true;
  });
  return inputs;
}

/** How many spans carry this ID. */
export function countIdBytes(ids: Uint8Array, spanId: string): number {
  let count = 0;
  eachInput(ids, spanId, () => {
    count++;
    return true;
  });
  return count;
}
