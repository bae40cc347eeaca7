/**
 * The one lock every customer lookup takes, shared by all requests of a simulation: a request
 * that arrives while another holds it waits, so overlapping requests' SQL spans line up
 * back-to-back. Times are nanoseconds since the simulation's epoch.
 */

export type LockGrant =
  | { granted: true; acquiredNs: number; waitNs: number; queuedBehind: number }
  /** Waited the whole timeout without getting the lock (MySQL error 1205). */
  | { granted: false; waitNs: number; queuedBehind: number };

export class MysqlLock {
  private freeAtNs = Number.NEGATIVE_INFINITY;
  /** Release times of the granted holds not yet over, ascending. */
  private releases: number[] = [];

  constructor(private readonly waitTimeoutNs: number) {}

  /** Grants are first come, first served in call order; callers go in order of arrival. */
  acquire(arrivalNs: number, holdNs: number): LockGrant {
    while (this.releases.length > 0 && this.releases[0] <= arrivalNs) this.releases.shift();
    const queuedBehind = this.releases.length;
    const acquiredNs = Math.max(arrivalNs, this.freeAtNs);
    const waitNs = acquiredNs - arrivalNs;
    if (waitNs > this.waitTimeoutNs) return { granted: false, waitNs: this.waitTimeoutNs, queuedBehind };
    this.freeAtNs = acquiredNs + holdNs;
    this.releases.push(this.freeAtNs);
    return { granted: true, acquiredNs, waitNs, queuedBehind };
  }
}
