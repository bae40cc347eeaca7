/** The Jaeger query API's v1 "UI JSON" (Jaeger's internal/uimodel/model.go), field by field. */

export type JaegerValueType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

export interface JaegerKeyValue {
  key: string;
  type?: JaegerValueType;
  value: string | number | boolean | null;
}

export interface JaegerReference {
  refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  traceID: string;
  spanID: string;
}

export interface JaegerLog {
  timestamp: number;
  fields: JaegerKeyValue[];
}

export interface JaegerProcess {
  serviceName: string;
  tags: JaegerKeyValue[];
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  parentSpanID?: string;
  flags?: number;
  operationName: string;
  references: JaegerReference[];
  /** Microseconds since the Unix epoch. */
  startTime: number;
  /** Microseconds. */
  duration: number;
  tags: JaegerKeyValue[];
  logs: JaegerLog[];
  processID?: string;
  process?: JaegerProcess;
  warnings: string[] | null;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings: string[] | null;
}

export interface JaegerError {
  code?: number;
  msg: string;
  traceID?: string;
}

/** Every v1 JSON response: all five keys are always present. */
export interface JaegerEnvelope<T> {
  data: T;
  total: number;
  limit: number;
  offset: number;
  errors: JaegerError[] | null;
}

export interface JaegerOperation {
  name: string;
  spanKind: string;
}

export function envelope<T>(data: T, total = 0, errors: JaegerError[] | null = null): JaegerEnvelope<T> {
  return { data, total, limit: 0, offset: 0, errors };
}
