// A jsonSchemaValidator that compiles each distinct schema once: in-process clients list the same tools every turn.
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from '@modelcontextprotocol/sdk/validation/types.js';

/**
 * The SDK client compiles every tool's output schema with Ajv on each tools/list (~8 ms a schema, ~150 ms for
 * Warden's tools). Keyed by the schema's JSON text, so a policy change that alters a schema simply adds an entry.
 */
export function cachedValidator(limit = 500): jsonSchemaValidator {
  const inner = new AjvJsonSchemaValidator();
  const compiled = new Map<string, JsonSchemaValidator<unknown>>();
  return {
    getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
      const key = JSON.stringify(schema);
      let v = compiled.get(key);
      if (!v) {
        if (compiled.size >= limit) compiled.clear();
        v = inner.getValidator<unknown>(schema);
        compiled.set(key, v);
      }
      return v as JsonSchemaValidator<T>;
    },
  };
}
