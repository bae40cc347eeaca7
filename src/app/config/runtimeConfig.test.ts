import { describe, expect, it } from 'vitest';
import { hasBackendCapability, readBackendCapabilities, readUiConfig } from './runtimeConfig';

describe('runtime config', () => {
  it('is null when the server injected nothing', () => {
    expect(readUiConfig({ JAEGER_CONFIG: null })).toBeNull();
    expect(readBackendCapabilities({ JAEGER_BACKEND_CAPABILITIES: undefined })).toBeNull();
    expect(hasBackendCapability('metricsStorage', { JAEGER_BACKEND_CAPABILITIES: null })).toBe(false);
  });

  it('reads injected objects and ignores values of the wrong shape', () => {
    expect(readUiConfig({ JAEGER_CONFIG: { dependencies: { menuEnabled: true } } })).toEqual({
      dependencies: { menuEnabled: true },
    });
    expect(readUiConfig({ JAEGER_CONFIG: [1] })).toBeNull();
    expect(
      hasBackendCapability('metricsStorage', { JAEGER_BACKEND_CAPABILITIES: { metricsStorage: true } }),
    ).toBe(true);
    expect(
      hasBackendCapability('metricsStorage', { JAEGER_BACKEND_CAPABILITIES: { metricsStorage: 'yes' } }),
    ).toBe(false);
  });
});
