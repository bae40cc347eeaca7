/**
 * Service colours. Twenty hues spread in OKLCH and ordered so the first few services (the ones
 * every trace has) are furthest apart. Each variant is as light or dark as its theme allows while
 * text on a bar stays AA: light variants carry white text at >= 4.6:1 (and stand >= 4.2:1 off the
 * light surfaces); dark variants carry `--color-on-service` (near black) at >= 7:1 and stand
 * >= 6.3:1 off the dark surfaces.
 *
 * Colours are handed out in first-seen order, as Jaeger UI does: hashing names into 20 buckets
 * makes two of six services share a colour more often than not.
 */
import type { Theme } from './themeStore';

export const SERVICE_PALETTE_SIZE = 20;

export const servicePalette: Record<Theme, readonly string[]> = {
  light: [
    '#2675d1',
    '#b45c03',
    '#00873c',
    '#b54d98',
    '#118186',
    '#8a5fc9',
    '#8e710f',
    '#cb4644',
    '#037ea7',
    '#607e09',
    '#be4d77',
    '#5f6cce',
    '#0a8379',
    '#9a6a39',
    '#77782a',
    '#955fad',
    '#128460',
    '#bb5732',
    '#50799b',
    '#9f617f',
  ],
  dark: [
    '#56a0fc',
    '#ed842c',
    '#4cb86a',
    '#e579c4',
    '#1bb3ba',
    '#b389f7',
    '#c09910',
    '#fd736d',
    '#28acdf',
    '#89ae37',
    '#ee79a1',
    '#8696fc',
    '#35b4a7',
    '#c79462',
    '#a2a457',
    '#c289db',
    '#46b68c',
    '#eb825c',
    '#7aa3c8',
    '#cd8aa9',
  ],
};

/**
 * The colour of palette slot `i` as a CSS value. It is a custom property, so switching theme
 * repaints every swatch without re-rendering React.
 */
export function serviceColor(i: number): string {
  return `var(--service-color-${i % SERVICE_PALETTE_SIZE})`;
}

/** Stylesheet text that defines `--service-color-N` for both themes (installed once at start-up). */
export function servicePaletteCss(): string {
  const block = (colors: readonly string[]) => colors.map((c, i) => `--service-color-${i}:${c};`).join('');
  return (
    `:root,[data-theme='light']{${block(servicePalette.light)}}` +
    `[data-theme='dark']{${block(servicePalette.dark)}}`
  );
}

const installed = new WeakSet<Document>();

/**
 * Adds the palette as a constructed stylesheet: built through the CSSOM, it needs no
 * 'unsafe-inline' in the server's Content-Security-Policy, which a `<style>` element would.
 */
export function installServicePalette(doc: Document): void {
  if (installed.has(doc)) return;
  installed.add(doc);
  // A constructed sheet may only be adopted by the document of the window that made it.
  const Sheet = doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet;
  const sheet = new Sheet();
  sheet.replaceSync(servicePaletteCss());
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}

/**
 * Palette slots assigned in the order services are first seen during this session, so a service
 * keeps its colour between the search results and every trace opened from them.
 */
export class ServiceColorRegistry {
  private readonly slots = new Map<string, number>();

  slotOf(service: string): number {
    let slot = this.slots.get(service);
    if (slot === undefined) {
      slot = this.slots.size % SERVICE_PALETTE_SIZE;
      this.slots.set(service, slot);
    }
    return slot;
  }

  colorOf(service: string): string {
    return serviceColor(this.slotOf(service));
  }
}

const sessionColors = new ServiceColorRegistry();

/** The session-wide colour of a service, as a CSS value. */
export function serviceColorOf(service: string): string {
  return sessionColors.colorOf(service);
}

/** The session-wide palette slot of a service: `serviceColorOf` is `var(--service-color-<slot>)`. */
export function serviceSlotOf(service: string): number {
  return sessionColors.slotOf(service);
}
