import type { Attribute } from '../model/attributes';
import type { Resource } from '../model/trace';

/** Service names Jaeger's storage sanitizer gives resources that lack a usable one. */
export const MISSING_SERVICE_NAME = 'missing-service-name';
export const EMPTY_SERVICE_NAME = 'empty-service-name';
export const WRONG_TYPE_SERVICE_NAME = 'service-name-wrong-type';

/**
 * A resource with its service name resolved the way Jaeger's sanitizer does, so that every
 * span has a service to be searched and drawn under.
 */
export function makeResource(attributes: Attribute[]): Resource {
  const attr = attributes.find((a) => a.key === 'service.name');
  if (!attr) {
    return {
      serviceName: MISSING_SERVICE_NAME,
      attributes: [...attributes, { key: 'service.name', type: 'string', value: MISSING_SERVICE_NAME }],
    };
  }
  if (attr.type !== 'string') {
    const rest = attributes.filter((a) => a !== attr);
    return {
      serviceName: WRONG_TYPE_SERVICE_NAME,
      attributes: [...rest, { key: 'service.name', type: 'string', value: WRONG_TYPE_SERVICE_NAME }],
    };
  }
  if (attr.value === '') {
    const rest = attributes.filter((a) => a !== attr);
    return {
      serviceName: EMPTY_SERVICE_NAME,
      attributes: [...rest, { key: 'service.name', type: 'string', value: EMPTY_SERVICE_NAME }],
    };
  }
  return { serviceName: attr.value, attributes };
}
