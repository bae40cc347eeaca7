import { describe, expect, it } from 'vitest';
import {
  SERVICE_PALETTE_SIZE,
  ServiceColorRegistry,
  servicePalette,
  servicePaletteCss,
} from './servicePalette';

describe('service palette', () => {
  it('has 20 distinct colours for each theme', () => {
    for (const colors of Object.values(servicePalette)) {
      expect(colors).toHaveLength(SERVICE_PALETTE_SIZE);
      expect(new Set(colors).size).toBe(SERVICE_PALETTE_SIZE);
    }
  });

  it('hands out slots in first-seen order, so six services never share a colour', () => {
    const registry = new ServiceColorRegistry();
    const names = ['frontend', 'customer', 'driver', 'route', 'mysql', 'redis'];
    expect(names.map((n) => registry.slotOf(n))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(registry.slotOf('customer')).toBe(1);
    expect(registry.colorOf('driver')).toBe('var(--service-color-2)');
  });

  it('wraps around after 20 services', () => {
    const registry = new ServiceColorRegistry();
    for (let i = 0; i < SERVICE_PALETTE_SIZE; i++) registry.slotOf(`s${i}`);
    expect(registry.slotOf('one-more')).toBe(0);
  });

  it('defines every slot for both themes', () => {
    const css = servicePaletteCss();
    expect(css).toContain(`--service-color-19:${servicePalette.light[19]}`);
    expect(css).toContain(`[data-theme='dark']{--service-color-0:${servicePalette.dark[0]}`);
  });
});
