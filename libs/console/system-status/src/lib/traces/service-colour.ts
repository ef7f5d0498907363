import { TRACE_SERVICES } from '@gt-vision/shared-types';

/** One colour per service, the same on every trace and every visit (our services first, then by name). */
const PALETTE = [
  '#58a6ff',
  '#3fb950',
  '#d29922',
  '#bc8cff',
  '#ff7b72',
  '#39c5cf',
  '#f778ba',
  '#a5d6ff',
];

export function serviceColour(service: string): string {
  const known = (TRACE_SERVICES as readonly string[]).indexOf(service);
  if (known >= 0) return PALETTE[known];
  let hash = 0;
  for (const char of service) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[TRACE_SERVICES.length + (hash % (PALETTE.length - TRACE_SERVICES.length))];
}
