/**
 * Enough of OpenAPI 3.0 schema checking to catch an answer drifting from the served document:
 * `$ref`, `allOf`, `type` (with `nullable`), `enum`, `required`, `properties` (a field not listed
 * counts as a problem unless `additionalProperties` allows it), `items` and the `date-time` format.
 * Not a full validator.
 */
export interface OpenApiSchema {
  $ref?: string;
  allOf?: OpenApiSchema[];
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  required?: string[];
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: boolean | OpenApiSchema;
  items?: OpenApiSchema;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

export interface OpenApiOperation {
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: OpenApiSchema }> }>;
}

/** The JSON schema the document gives for `status` of `method path`. */
export function responseSchema(
  document: OpenApiDocument,
  method: string,
  path: string,
  status: number,
): OpenApiSchema {
  const schema =
    document.paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.content?.[
      'application/json'
    ]?.schema;
  if (!schema) throw new Error(`no JSON schema for ${status} of ${method} ${path}`);
  return schema;
}

/** Where `value` departs from `schema`, as `$.items[0].status.state: …` lines; empty when it fits. */
export function schemaProblems(
  document: OpenApiDocument,
  schema: OpenApiSchema,
  value: unknown,
  at = '$',
): string[] {
  if (schema.$ref) {
    const target = document.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    if (!target) return [`${at}: unresolved ${schema.$ref}`];
    return schemaProblems(document, target, value, at);
  }
  if (value === null) return schema.nullable ? [] : [`${at}: null where not nullable`];
  const problems = (schema.allOf ?? []).flatMap((part) =>
    schemaProblems(document, part, value, at),
  );
  if (schema.type && !hasType(value, schema.type)) {
    return [...problems, `${at}: ${JSON.stringify(value)} is not of type ${schema.type}`];
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (schema.format === 'date-time' && Number.isNaN(Date.parse(String(value)))) {
    problems.push(`${at}: ${JSON.stringify(value)} is not a date-time`);
  }
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item, i) =>
      problems.push(...schemaProblems(document, items, item, `${at}[${i}]`)),
    );
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in record)) problems.push(`${at}.${name}: required but missing`);
    }
    const others = schema.additionalProperties;
    for (const [name, field] of Object.entries(record)) {
      const property =
        schema.properties?.[name] ?? (typeof others === 'object' ? others : undefined);
      if (property) problems.push(...schemaProblems(document, property, field, `${at}.${name}`));
      // An answer says nothing its document does not: an undocumented field is drift too.
      else if (schema.properties && others !== true) {
        problems.push(`${at}.${name}: not in the document`);
      }
    }
  }
  return problems;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}
