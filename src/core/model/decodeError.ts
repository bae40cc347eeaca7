/** Input that does not follow its format. The message names where, so a sender can fix it. */
export class DecodeError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'DecodeError';
  }
}
