/**
 * Choices that several pages offer the same way: the lookback presets of the search form and the
 * Monitor tab, and the span kinds a person can pick.
 */
import { parseLookbackUs } from '../api/lookback';
import { uiConfig } from '../config/runtimeConfig';

export const SPAN_KINDS = ['server', 'client', 'producer', 'consumer', 'internal'] as const;

const ALL_LOOKBACK_OPTIONS: readonly { value: string; label: string }[] = [
  { value: '5m', label: 'Last 5 minutes' },
  { value: '15m', label: 'Last 15 minutes' },
  { value: '30m', label: 'Last 30 minutes' },
  { value: '1h', label: 'Last hour' },
  { value: '2h', label: 'Last 2 hours' },
  { value: '6h', label: 'Last 6 hours' },
  { value: '12h', label: 'Last 12 hours' },
  // Jaeger UI writes a day as `24h`; links from it must select this option.
  { value: '24h', label: 'Last 24 hours' },
  { value: '2d', label: 'Last 2 days' },
];

/**
 * The presets up to `search.maxLookback` of the UI config (Jaeger UI's file), which is offered
 * too when it is not one of them.
 */
export const LOOKBACK_OPTIONS: readonly { value: string; label: string }[] = (() => {
  const { value, label } = uiConfig().search.maxLookback;
  const maxUs = parseLookbackUs(value) ?? Infinity;
  const options = ALL_LOOKBACK_OPTIONS.filter((o) => (parseLookbackUs(o.value) ?? 0) <= maxUs);
  return options.some((o) => o.value === value) ? options : [...options, { value, label: `Last ${label}` }];
})();
