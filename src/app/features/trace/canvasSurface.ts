/** What the waterfall's canvases share: the size, pixel ratio and theme they paint for, and colours. */
import { useEffect, useState, type RefObject } from 'react';

export interface CanvasSurface {
  /** CSS pixels. */
  width: number;
  dpr: number;
  /** `<html data-theme>`: a change repaints with the other theme's tokens. */
  theme: string;
}

/**
 * The canvas's surface, updated on resize, on a device-pixel-ratio change and when
 * `<html data-theme>` flips: what the props of a canvas component do not carry but its paint
 * depends on.
 */
export function useCanvasSurface(canvasRef: RefObject<HTMLCanvasElement | null>): CanvasSurface {
  const [surface, setSurface] = useState<CanvasSurface>({ width: 0, dpr: 1, theme: '' });
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const read = () => {
      const next = {
        width: canvas.getBoundingClientRect().width,
        dpr: window.devicePixelRatio || 1,
        theme: document.documentElement.dataset.theme ?? '',
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
    return () => {
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
