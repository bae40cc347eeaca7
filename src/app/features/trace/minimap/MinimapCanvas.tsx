import { memo, useEffect, useRef } from 'react';
import { serviceColorOf } from '../../../theme/servicePalette';
import type { TraceSkeleton } from '../../../workers/traceModel';
import { drawMinimap } from './drawMinimap';

/**
 * `var(--service-color-3)` resolved to a colour, so the canvas follows the theme. Read from
 * `<html>`, where the theme attribute and the tokens live: Chromium answered a descendant's
 * custom properties from before the theme flip when asked in the very next animation frame.
 */
function resolveColor(styles: CSSStyleDeclaration, cssValue: string): string {
  const name = /var\((--[\w-]+)\)/.exec(cssValue)?.[1];
  if (!name) return cssValue;
  return styles.getPropertyValue(name).trim() || '#888';
}

/**
 * The canvas under the minimap's controls. It repaints on resize, on a device-pixel-ratio change
 * (which resizes the backing store) and when `<html data-theme>` flips; the theme is watched on
 * the attribute because AppShell applies it in an effect that runs after this component's.
 */
export const MinimapCanvas = memo(function MinimapCanvas({ skeleton }: { skeleton: TraceSkeleton }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let frame = 0;
    let afterFirstFrame = 0;
    const paint = () => {
      frame = 0;
      const rect = canvas.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      const width = Math.round(rect.width * dpr);
      const height = Math.round(rect.height * dpr);
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const styles = getComputedStyle(document.documentElement);
      const serviceColors = skeleton.services.map((s) => resolveColor(styles, serviceColorOf(s)));
      const background = resolveColor(styles, 'var(--color-sunken)');
      const rects = drawMinimap(ctx, skeleton, skeleton.rowsByService, {
        width,
        height,
        serviceColors,
        background,
      });
      canvas.dataset.rects = String(rects);
      canvas.dataset.theme = document.documentElement.dataset.theme ?? '';
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(paint);
    };
    // First paint after the frame that shows the rows: drawing every span of a 100k-span trace
    // took a few hundred milliseconds that the first rows waited for.
    frame = requestAnimationFrame(() => {
      afterFirstFrame = window.setTimeout(paint, 0);
    });
    const resize = new ResizeObserver(schedule);
    resize.observe(canvas);
    const theme = new MutationObserver(schedule);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const dprQuery = window.matchMedia?.(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    dprQuery?.addEventListener?.('change', schedule);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(afterFirstFrame);
      resize.disconnect();
      theme.disconnect();
      dprQuery?.removeEventListener?.('change', schedule);
    };
  }, [skeleton]);

  return <canvas ref={canvasRef} className="minimap__canvas" aria-hidden="true" />;
});
