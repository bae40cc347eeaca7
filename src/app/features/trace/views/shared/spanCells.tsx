/** Cell contents shared by the analysis views' grids. */
import { SpanKind, spanKindNames, StatusCode } from '../../../../../core/model/trace';
import { ErrorIcon } from '../../../../components/icons';
import { ServiceSwatch } from '../../../../components/ServiceChip';

export function ServiceCell({ name, color }: { name: string; color: string }) {
  return (
    <>
      <ServiceSwatch color={color} />
      <span className="vgrid__text" title={name}>
        {name}
      </span>
    </>
  );
}

export function TextCell({ text, muted = false }: { text: string; muted?: boolean }) {
  return (
    <span className={muted ? 'vgrid__text vgrid__muted' : 'vgrid__text'} title={text}>
      {text}
    </span>
  );
}

/** A value a row does not have: a dash for the eye, words for a screen reader. */
export function NoValue({ label = 'none' }: { label?: string }) {
  return (
    <span className="vgrid__muted">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

const BADGED = new Set<number>([SpanKind.Client, SpanKind.Server, SpanKind.Producer, SpanKind.Consumer]);

export function KindCell({ kind }: { kind: number }) {
  const name = spanKindNames[kind as SpanKind] ?? '';
  if (!name) return <NoValue label="unspecified" />;
  if (BADGED.has(kind)) return <span className={`kind-badge kind-badge--${name}`}>{name}</span>;
  return <span className="vgrid__muted">{name}</span>;
}

export function StatusCell({ code }: { code: number }) {
  if (code === StatusCode.Error) {
    return (
      <span className="vgrid__error">
        <ErrorIcon className="vgrid__error-icon" /> error
      </span>
    );
  }
  if (code === StatusCode.Ok) return <span>ok</span>;
  return <span className="vgrid__muted">unset</span>;
}
