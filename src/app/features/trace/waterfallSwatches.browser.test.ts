import { describe, expect, it } from 'vitest';
import {
  installServicePalette,
  SERVICE_PALETTE_SIZE,
  serviceColorOf,
  serviceSlotOf,
} from '../../theme/servicePalette';
import '../../theme/tokens.css';
import './waterfall.css';

describe('service swatches in the waterfall, in Chromium', () => {
  it('give every palette slot its colour, as the service has it everywhere else', () => {
    installServicePalette(document);
    const root = getComputedStyle(document.documentElement);
    const name = document.createElement('span');
    name.className = 'wf-row__service';
    document.body.append(name);
    try {
      for (let slot = 0; slot < SERVICE_PALETTE_SIZE; slot++) {
        name.dataset.swatch = String(slot);
        const expected = root.getPropertyValue(`--service-color-${slot}`).trim();
        expect(expected).not.toBe('');
        expect(getComputedStyle(name).getPropertyValue('--swatch').trim()).toBe(expected);
      }
    } finally {
      name.remove();
    }
    for (const service of ['frontend', 'driver', 'redis']) {
      expect(serviceColorOf(service)).toBe(`var(--service-color-${serviceSlotOf(service)})`);
    }
  });
});
