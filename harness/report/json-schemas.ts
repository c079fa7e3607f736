/**
 * The JSON Schemas lockstep publishes (schemas/ at the package root, draft 2020-12) and a
 * validator over them (ajv), for tests and for anyone checking an output they read back.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';

/** The published schemas: file `schemas/<name>.schema.json`, `$id` `urn:lockstep:schemas:<name>`. */
export const SCHEMA_NAMES = ['corpus-entry', 'repro', 'report', 'run-output'] as const;

/** A published schema's name. */
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** Validates values against the published schemas. */
export interface SchemaValidator {
  /** Problems of `value` against schema `name`, one line each (`/cells/0/memory: must be equal to one of the allowed values`); empty when valid. */
  problems(name: SchemaName, value: unknown): string[];
}

/** The schemas/ folder of this package (found upward from this file: sources and dist/ alike). */
export function schemaDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(candidate, 'report.schema.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`lockstep: the schemas/ folder is missing from the package (looked upward from ${__dirname})`);
  }
}

/** Load every published schema into one ajv instance (they reference each other by `$id`). */
export function createSchemaValidator(dir: string = schemaDir()): SchemaValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  for (const name of SCHEMA_NAMES) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, `${name}.schema.json`), 'utf8')) as object);
  const compiled = new Map<SchemaName, ValidateFunction>();
  return {
    problems(name, value) {
      let v = compiled.get(name);
      if (!v) {
        v = ajv.getSchema(`urn:lockstep:schemas:${name}`);
        if (!v) throw new Error(`no schema ${name}`);
        compiled.set(name, v);
      }
      return v(value) ? [] : (v.errors ?? []).map(formatError);
    },
  };
}

function formatError(e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'` : e.keyword === 'enum' ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : '';
  return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
}
