import { describe, expect, it } from 'vitest';
import { SpanKind } from '../../../core/model/trace';
import {
  BADGE_BORDER,
  BADGE_PAD,
  ELLIPSIS,
  ERROR_MARK_SIZE,
  fitText,
  GAP,
  kindBadge,
  layoutName,
  NAME_BORDER,
  nameRows,
  shareRoom,
  SWATCH_SPACE,
  TOGGLE_SIZE,
  toggleLeft,
  type MeasureText,
  type NameRowInput,
} from './nameDrawing';
import { INDENT_PX, MAX_INDENT_LEVELS } from './waterfallLayout';

/** 6 px a character in the name font, 5 in the small one. */
const measure: MeasureText = (text, font) => text.length * (font === 'name' ? 6 : 5);

const base: NameRowInput = {
  row: 3,
  y: 48,
  depth: 2,
  hasChildren: true,
  collapsed: false,
  service: 'frontend',
  serviceIndex: 1,
  operation: 'GET /dispatch',
  badge: '',
  error: false,
  errorFolded: false,
  folded: 0,
};

describe('fitText', () => {
  it('keeps text that fits and cuts the rest at the widest prefix that fits with an ellipsis', () => {
    expect(fitText('frontend', 48, 'name', measure)).toBe('frontend');
    expect(fitText('frontend', 47, 'name', measure)).toBe(`fronte${ELLIPSIS}`);
    expect(fitText('frontend', 41, 'name', measure)).toBe(`front${ELLIPSIS}`);
    expect(fitText('frontend', 12, 'name', measure)).toBe(`f${ELLIPSIS}`);
    expect(fitText('frontend', 6, 'name', measure)).toBe(ELLIPSIS);
    expect(fitText('frontend', 5, 'name', measure)).toBe('');
    expect(fitText('frontend', 0, 'name', measure)).toBe('');
  });

  it('drops the spaces before the ellipsis', () => {
    expect(fitText('GET /dispatch', 30, 'name', measure)).toBe(`GET${ELLIPSIS}`);
  });
});

describe('shareRoom', () => {
  it('gives both their width when they fit', () => {
    expect(shareRoom(60, 80, 200, 30)).toEqual({ service: 60, operation: 80 });
  });

  it('takes the overflow from the service four times as fast, weighted by width', () => {
    // Overflow 40: the service gives 40 * 240 / 320 = 30, the operation 10.
    expect(shareRoom(60, 80, 100, 20)).toEqual({ service: 30, operation: 70 });
  });

  it('never shrinks the service below its minimum: the operation gives up the rest', () => {
    expect(shareRoom(60, 80, 60, 30)).toEqual({ service: 30, operation: 30 });
    expect(shareRoom(60, 80, 20, 30)).toEqual({ service: 30, operation: 0 });
  });
});

describe('layoutName', () => {
  it('places the chevron at the indentation, then the swatch, service and operation', () => {
    const d = layoutName(base, 400, measure);
    const left = 2 * INDENT_PX + 4;
    expect(toggleLeft(2)).toBe(left);
    expect(d.toggleX).toBe(left);
    expect(d.swatchX).toBe(left + TOGGLE_SIZE + GAP);
    expect(d.service).toEqual({ x: d.swatchX + SWATCH_SPACE, text: 'frontend' });
    expect(d.operation).toEqual({ x: d.swatchX + SWATCH_SPACE + 8 * 6 + GAP, text: 'GET /dispatch' });
    expect(d.clipRight).toBe(400 - NAME_BORDER);
    expect(d.badge).toBeNull();
    expect(d.errorMark).toBeNull();
    expect(d.folded).toBeNull();
  });

  it('gives a leaf no chevron but the same name position', () => {
    const leaf = layoutName({ ...base, hasChildren: false }, 400, measure);
    expect(leaf.toggleX).toBeNull();
    expect(leaf.swatchX).toBe(layoutName(base, 400, measure).swatchX);
  });

  it('stops indenting past the deepest indented level', () => {
    const deep = layoutName({ ...base, depth: 5000 }, 800, measure);
    expect(deep.toggleX).toBe(MAX_INDENT_LEVELS * INDENT_PX + 4);
  });

  it('keeps room for the badge, error mark and folded count after the operation', () => {
    const d = layoutName(
      { ...base, collapsed: true, badge: 'server', errorFolded: true, folded: 12 },
      400,
      measure,
    );
    const afterOperation = d.operation.x + 13 * 6;
    expect(d.badge).toMatchObject({ kind: 'server', text: 'server', boxX: afterOperation + GAP });
    expect(d.badge?.boxWidth).toBe(6 * 5 + 2 * (BADGE_PAD + BADGE_BORDER));
    expect(d.badge?.x).toBe(afterOperation + GAP + BADGE_BORDER + BADGE_PAD);
    const badgeEnd = (d.badge?.boxX ?? 0) + (d.badge?.boxWidth ?? 0);
    expect(d.errorMark).toEqual({ x: badgeEnd + GAP, folded: true });
    expect(d.folded).toMatchObject({ text: '+12', boxX: badgeEnd + GAP + ERROR_MARK_SIZE + GAP });
  });

  it('shows the filled mark for the span’s own error, and no folded marks on an expanded row', () => {
    const own = layoutName({ ...base, error: true, errorFolded: true, folded: 3 }, 400, measure);
    expect(own.error).toBe(true);
    expect(own.errorMark?.folded).toBe(false);
    expect(own.folded).toBeNull();
  });

  it('truncates the service first and then the operation in a narrow column, marks still inside', () => {
    const long = {
      ...base,
      service: 'checkout-service-primary',
      operation: 'POST /api/v2/orders/checkout',
      badge: 'client',
    };
    const wide = layoutName(long, 600, measure);
    expect(wide.service.text).toBe(long.service);
    expect(wide.operation.text).toBe(long.operation);

    const narrow = layoutName(long, 260, measure);
    expect(narrow.service.text.endsWith(ELLIPSIS)).toBe(true);
    expect(narrow.operation.text.endsWith(ELLIPSIS)).toBe(true);
    // The service keeps at least three characters' room, the badge ends inside the padding.
    expect(narrow.operation.x - GAP - narrow.service.x).toBeGreaterThanOrEqual(3 * 6);
    expect((narrow.badge?.boxX ?? 0) + (narrow.badge?.boxWidth ?? 0)).toBeLessThanOrEqual(
      260 - NAME_BORDER - 8,
    );
    // Nothing drawn ends past the room it was given.
    expect(narrow.operation.x + measure(narrow.operation.text, 'name')).toBeLessThanOrEqual(
      narrow.badge?.boxX ?? 0,
    );
  });

  it('caps a long service at 40 % of the cell when there is room for everything else', () => {
    const d = layoutName({ ...base, depth: 0, service: 'x'.repeat(60), operation: 'op' }, 500, measure);
    const contentWidth = 500 - NAME_BORDER - 8 - toggleLeft(0);
    expect(d.operation.x - GAP - d.swatchX).toBeCloseTo(contentWidth * 0.4, 5);
    expect(d.operation.text).toBe('op');
  });
});

describe('nameRows', () => {
  const skeleton = {
    depth: Int32Array.from([0, 1, 2]),
    childCount: Int32Array.from([1, 1, 0]),
    service: Int32Array.from([0, 1, 1]),
    services: ['frontend', 'redis'],
    operation: Int32Array.from([0, 1, 2]),
    operations: ['GET /dispatch', 'FindDriverIDs', 'GetDriver'],
    kind: Uint8Array.from([SpanKind.Server, SpanKind.Client, SpanKind.Internal]),
    error: Uint8Array.from([0, 0, 1]),
  };
  it('reads each row from the skeleton and its fold state from the tree', () => {
    const tree = {
      isCollapsed: (row: number) => row === 1,
      hiddenDescendants: (row: number) => (row === 1 ? 1 : 0),
      errorBelow: (row: number) => row < 2,
    };
    const rows = nameRows(
      [
        { row: 0, y: 0 },
        { row: 1, y: 24 },
      ],
      skeleton,
      tree,
    );
    expect(rows[0]).toMatchObject({
      service: 'frontend',
      operation: 'GET /dispatch',
      badge: 'server',
      collapsed: false,
      errorFolded: false,
      folded: 0,
    });
    expect(rows[1]).toMatchObject({
      y: 24,
      depth: 1,
      serviceIndex: 1,
      badge: 'client',
      collapsed: true,
      errorFolded: true,
      folded: 1,
    });
  });

  it('badges only the kinds that cross a process', () => {
    expect([SpanKind.Client, SpanKind.Server, SpanKind.Producer, SpanKind.Consumer].map(kindBadge)).toEqual([
      'client',
      'server',
      'producer',
      'consumer',
    ]);
    expect(kindBadge(SpanKind.Internal)).toBe('');
    expect(kindBadge(SpanKind.Unspecified)).toBe('');
  });
});
