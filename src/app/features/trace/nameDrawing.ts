/**
 * What the waterfall's name canvas draws for one span row, in CSS pixels of the name column: the
 * expand chevron, the service swatch and name, the operation, the kind badge, the error mark and
 * the count of folded spans, laid out as the name cell's flex row used to be (service gives up its
 * room four times faster than the operation, down to three characters; the trailing marks never
 * shrink) and truncated with an ellipsis. Pure: text widths come from a `measure` callback, so the
 * geometry is tested without a canvas; the painter (paintNames.ts) turns it into drawing calls.
 */
import { SpanKind, spanKindNames } from '../../../core/model/trace';
import type { TraceSkeleton } from '../../workers/traceModel';
import { indentPx } from './waterfallLayout';

/** The cell's padding: left of the chevron, and right of the last mark. */
export const NAME_PAD_LEFT = 4;
export const NAME_PAD_RIGHT = 8;
/** The name column's right border, drawn by the cell: nothing is painted over it. */
export const NAME_BORDER = 1;
/** The expand/collapse button: a square, vertically centred in the row. */
export const TOGGLE_SIZE = 16;
export const GAP = 4;
/** The service's swatch, a square in the service name's left padding. */
export const SWATCH_SIZE = 8;
export const SWATCH_SPACE = 12;
export const ERROR_MARK_SIZE = 13;
/** Horizontal padding inside the kind badge (plus its 1 px border) and the folded count's pill. */
export const BADGE_PAD = 4;
export const BADGE_BORDER = 1;
export const BADGE_HEIGHT = 16;
export const PILL_PAD = 4;
export const PILL_HEIGHT = 14;
/** The service name keeps at least this many characters' room and takes at most this share. */
const SERVICE_MIN_CHARS = 3;
const SERVICE_MAX_SHARE = 0.4;
const SERVICE_SHRINK = 4;
export const ELLIPSIS = '…';

export type NameFont = 'name' | 'small';
/** Width in CSS pixels of `text` in one of the two fonts. */
export type MeasureText = (text: string, font: NameFont) => number;

export interface NameRowInput {
  /** The span's row in the skeleton. */
  row: number;
  /** Top of the row, px from the top of the canvas. */
  y: number;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
  service: string;
  /** Palette index of the service (by skeleton service index). */
  serviceIndex: number;
  operation: string;
  /** client, server, producer or consumer; '' for no badge. */
  badge: string;
  error: boolean;
  /** An error somewhere in the folded subtree of a collapsed row. */
  errorFolded: boolean;
  /** Spans folded inside a collapsed row; 0 for none. */
  folded: number;
}

export interface NameText {
  /** Where the text starts. */
  x: number;
  text: string;
}

export interface NameDrawing {
  row: number;
  y: number;
  /** x of the chevron's box (TOGGLE_SIZE square), or null for a leaf. */
  toggleX: number | null;
  collapsed: boolean;
  swatchX: number;
  serviceIndex: number;
  service: NameText;
  operation: NameText;
  error: boolean;
  badge: (NameText & { kind: string; boxX: number; boxWidth: number }) | null;
  /** x of the error mark's box; hollow when the error is in folded spans. */
  errorMark: { x: number; folded: boolean } | null;
  folded: (NameText & { boxX: number; boxWidth: number }) | null;
  /** Right edge of what may be painted (the cell's padding box). */
  clipRight: number;
}

/** Where the chevron's box starts in a row of this depth: the toggle button sits there too. */
export function toggleLeft(depth: number): number {
  return indentPx(depth) + NAME_PAD_LEFT;
}

/**
 * `text` cut to fit `maxWidth`, ending in an ellipsis when cut (only the ellipsis when nothing else
 * fits, nothing when not even it does). Binary search over the prefix length.
 */
export function fitText(text: string, maxWidth: number, font: NameFont, measure: MeasureText): string {
  if (maxWidth <= 0) return '';
  if (measure(text, font) <= maxWidth) return text;
  if (measure(ELLIPSIS, font) > maxWidth) return '';
  let low = 0;
  let high = text.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (measure(text.slice(0, mid) + ELLIPSIS, font) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return text.slice(0, low).trimEnd() + ELLIPSIS;
}

/**
 * Widths of the service block (swatch space included) and the operation that fit `room` together,
 * as flexbox shrinks them: each gives up room in proportion to its width times its shrink factor,
 * the service no less than its minimum.
 */
export function shareRoom(
  serviceWidth: number,
  operationWidth: number,
  room: number,
  serviceMin: number,
): { service: number; operation: number } {
  const overflow = serviceWidth + operationWidth - room;
  if (overflow <= 0) return { service: serviceWidth, operation: operationWidth };
  const weight = SERVICE_SHRINK * serviceWidth + operationWidth;
  const serviceCut = weight > 0 ? (overflow * SERVICE_SHRINK * serviceWidth) / weight : 0;
  const service = Math.max(Math.min(serviceMin, serviceWidth), serviceWidth - serviceCut);
  return { service, operation: Math.max(0, room - service) };
}

/** Lays out one row of the name column, `width` px wide (its right border included). */
export function layoutName(input: NameRowInput, width: number, measure: MeasureText): NameDrawing {
  const left = toggleLeft(input.depth);
  const serviceX = left + TOGGLE_SIZE + GAP;
  const clipRight = Math.max(0, width - NAME_BORDER);
  const right = clipRight - NAME_PAD_RIGHT;

  // The marks after the names keep their size; they come off the names' room first.
  let trailing = 0;
  const badgeText = input.badge;
  const badgeWidth = badgeText ? measure(badgeText, 'small') + 2 * (BADGE_PAD + BADGE_BORDER) : 0;
  if (badgeText) trailing += GAP + badgeWidth;
  const errorMark = input.error || (input.collapsed && input.errorFolded);
  if (errorMark) trailing += GAP + ERROR_MARK_SIZE;
  const foldedText = input.collapsed && input.folded > 0 ? `+${input.folded}` : '';
  const foldedWidth = foldedText ? measure(foldedText, 'small') + 2 * PILL_PAD : 0;
  if (foldedText) trailing += GAP + foldedWidth;

  // The cell's content box starts after the leaf's missing chevron; the service's 40 % is of it.
  const contentLeft = input.hasChildren ? left : serviceX;
  const serviceMax = Math.max(0, (right - contentLeft) * SERVICE_MAX_SHARE);
  const serviceMin = SWATCH_SPACE + SERVICE_MIN_CHARS * measure('0', 'name');
  const serviceNatural = Math.max(
    serviceMin,
    Math.min(SWATCH_SPACE + measure(input.service, 'name'), serviceMax),
  );
  const operationNatural = measure(input.operation, 'name');
  const room = right - serviceX - GAP - trailing;
  const share = shareRoom(serviceNatural, operationNatural, Math.max(0, room), serviceMin);

  const serviceText = fitText(input.service, share.service - SWATCH_SPACE, 'name', measure);
  const operationX = serviceX + share.service + GAP;
  const operationText = fitText(input.operation, share.operation, 'name', measure);
  let x = operationX + share.operation;

  let badge: NameDrawing['badge'] = null;
  if (badgeText) {
    const boxX = x + GAP;
    badge = {
      kind: badgeText,
      text: badgeText,
      boxX,
      boxWidth: badgeWidth,
      x: boxX + BADGE_BORDER + BADGE_PAD,
    };
    x = boxX + badgeWidth;
  }
  let error: NameDrawing['errorMark'] = null;
  if (errorMark) {
    error = { x: x + GAP, folded: !input.error };
    x += GAP + ERROR_MARK_SIZE;
  }
  let folded: NameDrawing['folded'] = null;
  if (foldedText) {
    const boxX = x + GAP;
    folded = { text: foldedText, boxX, boxWidth: foldedWidth, x: boxX + PILL_PAD };
  }

  return {
    row: input.row,
    y: input.y,
    toggleX: input.hasChildren ? left : null,
    collapsed: input.collapsed,
    swatchX: serviceX,
    serviceIndex: input.serviceIndex,
    service: { x: serviceX + SWATCH_SPACE, text: serviceText },
    operation: { x: operationX, text: operationText },
    error: input.error,
    badge,
    errorMark: error,
    folded,
    clipRight,
  };
}

const KIND_BADGES = new Set<number>([SpanKind.Client, SpanKind.Server, SpanKind.Producer, SpanKind.Consumer]);

/** The kind badge a span row shows: client, server, producer or consumer; '' for the rest. */
export function kindBadge(kind: number): string {
  return KIND_BADGES.has(kind) ? spanKindNames[kind as SpanKind] : '';
}

/** What the name column needs of the tree's state. */
export interface FoldState {
  isCollapsed(row: number): boolean;
  hiddenDescendants(row: number): number;
  errorBelow(row: number): boolean;
}

/** The name canvas's input for the span rows of the window. */
export function nameRows(
  placements: readonly { row: number; y: number }[],
  skeleton: Pick<
    TraceSkeleton,
    'depth' | 'childCount' | 'service' | 'services' | 'operation' | 'operations' | 'kind' | 'error'
  >,
  tree: FoldState,
): NameRowInput[] {
  return placements.map(({ row, y }) => {
    const collapsed = tree.isCollapsed(row);
    return {
      row,
      y,
      depth: skeleton.depth[row],
      hasChildren: skeleton.childCount[row] > 0,
      collapsed,
      service: skeleton.services[skeleton.service[row]],
      serviceIndex: skeleton.service[row],
      operation: skeleton.operations[skeleton.operation[row]],
      badge: kindBadge(skeleton.kind[row]),
      error: skeleton.error[row] === 1,
      errorFolded: collapsed && tree.errorBelow(row),
      folded: collapsed ? tree.hiddenDescendants(row) : 0,
    };
  });
}
