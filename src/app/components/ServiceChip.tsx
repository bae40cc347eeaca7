import { serviceColorOf } from '../theme/servicePalette';
import './serviceChip.css';

/** A small square in the service's colour; decorative, the name is always written next to it. */
export function ServiceSwatch({ color }: { color: string }) {
  return <span className="service-swatch" style={{ background: color }} aria-hidden="true" />;
}

interface ServiceChipProps {
  name: string;
  spanCount: number;
  errorCount?: number;
}

export function ServiceChip({ name, spanCount, errorCount = 0 }: ServiceChipProps) {
  const spans = `${spanCount} ${spanCount === 1 ? 'span' : 'spans'}`;
  const errors = errorCount > 0 ? `, ${errorCount} ${errorCount === 1 ? 'error' : 'errors'}` : '';
  return (
    <span className="service-chip" title={`${name}: ${spans}${errors}`}>
      <ServiceSwatch color={serviceColorOf(name)} />
      <span className="service-chip__name">{name}</span>
      <span className="service-chip__count num">
        {spanCount}
        <span className="visually-hidden">
          {spanCount === 1 ? ' span' : ' spans'}
          {errors}
        </span>
      </span>
    </span>
  );
}
