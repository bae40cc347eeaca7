/** A load's progress bar: filled to `fraction`, or moving while the size is unknown. */
export function LoadBar({
  label,
  fraction,
  className,
}: {
  label: string;
  fraction: number | null;
  className?: string;
}) {
  return (
    <div
      className={className ? `trace-loading__bar ${className}` : 'trace-loading__bar'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={fraction === null ? undefined : 0}
      aria-valuemax={fraction === null ? undefined : 100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
    >
      <div
        className={
          fraction === null ? 'trace-loading__fill trace-loading__fill--busy' : 'trace-loading__fill'
        }
        style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
      />
    </div>
  );
}
