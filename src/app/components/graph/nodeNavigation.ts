/** Keyboard movement between laid-out nodes: the arrow keys go to the nearest node that way. */
import type { Box } from './layoutProtocol';
import { ownValue } from '../../../core/model/ownValue';

const DIRECTIONS: Record<string, [number, number]> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowDown: [0, 1],
  ArrowUp: [0, -1],
};

/**
 * The node whose centre is nearest to `from`'s centre within 60° either side of the arrow's
 * direction, distance along the direction counting less than distance across it; null when none.
 */
export function nearestInDirection(
  nodes: ReadonlyMap<string, Box>,
  from: string,
  key: string,
): string | null {
  const dir = ownValue(DIRECTIONS, key);
  const origin = nodes.get(from);
  if (!dir || !origin) return null;
  const ox = origin.x + origin.width / 2;
  const oy = origin.y + origin.height / 2;
  let best: string | null = null;
  let bestScore = Infinity;
  for (const [id, box] of nodes) {
    if (id === from) continue;
    const dx = box.x + box.width / 2 - ox;
    const dy = box.y + box.height / 2 - oy;
    const along = dx * dir[0] + dy * dir[1];
    const across = Math.abs(dx * dir[1] - dy * dir[0]);
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}
