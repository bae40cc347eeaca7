/** What the waterfall's canvases share: the size, pixel ratio and theme they paint for, and colours. */
import { useEffect, useState, type RefObject } from 'react';

export interface CanvasSurface {
  /** CSS pixels. */
  width: number;
  dpr: number;
  /**
   * `<html data-theme>`, with ` forced` while forced colours are active: a change repaints with
   * the other theme's tokens (tokens.css maps them to system colours under forced colours).
   */
  theme: string;
}

/**
 * The canvas's surface, updated on resize, on a device-pixel-ratio change, when
 * `<html data-theme>` flips and when forced colours turn on or off: what the props of a canvas component do not carry but its paint
 * depends on.
 */
export function useCanvasSurface(canvasRef: RefObject<HTMLCanvasElement | null>): CanvasSurface {
  const [surface, setSurface] = useState<CanvasSurface>({ width: 0, dpr: 1, theme: '' });
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const forced = window.matchMedia?.('(forced-colors: active)');
    const read = () => {
      const next = {
        width: canvas.getBoundingClientRect().width,
        dpr: window.devicePixelRatio || 1,
        theme: `${document.documentElement.dataset.theme ?? ''}${forced?.matches ? ' forced' : ''}`,
      };
      setSurface((current) =>
        current.width === next.width && current.dpr === next.dpr && current.theme === next.theme
          ? current
          : next,
      );
    };
    read();
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    resize?.observe(canvas);
    const theme = new MutationObserver(read);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const dprQuery = window.matchMedia?.(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    dprQuery?.addEventListener?.('change', read);
    forced?.addEventListener?.('change', read);
    return () => {
      forced?.removeEventListener?.('change', read);
      resize?.disconnect();
      theme.disconnect();
      dprQuery?.removeEventListener?.('change', read);
    };
  }, [canvasRef]);
  return surface;
}

/** A `var(--token)` resolved on `<html>`, where the theme attribute and the tokens live. */
export function resolveColor(styles: CSSStyleDeclaration, cssValue: string): string {
  const name = /var\((--[\w-]+)\)/.exec(cssValue)?.[1];
  if (!name) return cssValue;
  return styles.getPropertyValue(name).trim() || '#888';
}

/** Sizes the backing store to the surface at device resolution; returns the context, or null. */
export function sizeBackingStore(
  canvas: HTMLCanvasElement,
  surface: CanvasSurface,
  height: number,
): CanvasRenderingContext2D | null {
  const ctx = surface.width > 0 ? canvas.getContext('2d') : null;
  if (!ctx) return null;
  const width = Math.round(surface.width * surface.dpr);
  const pixelHeight = Math.round(height * surface.dpr);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
  return ctx;
}
