import { ResponseCode } from '../response-code';
import { ResponseCodeError } from '../../remoting/remoting-error';

/**
 * Typed custom headers ("CommandCustomHeader", spec/remoting.md §8). A header is declared once as a field map; the
 * property names equal the wire's extFields keys. `decode` reads extFields (string values) into typed values and
 * refuses a request that lacks a required (@CFNotNull) field or carries an unparsable number, with a clear remark
 * instead of upstream's later NullPointerException. `encode` writes the non-null fields as strings.
 *
 *   const PullHeader = defineHeader({ consumerGroup: 'string!', queueId: 'int!', subscription: 'string' });
 *   type PullHeader = HeaderOf<typeof PullHeader>;
 */
type FieldKind = 'string' | 'int' | 'long' | 'boolean' | 'double';
type FieldSpec = FieldKind | `${FieldKind}!`;

type KindType<K extends FieldKind> = K extends 'string' ? string : K extends 'boolean' ? boolean : number;

type Required<S extends Record<string, FieldSpec>> = {
  [K in keyof S as S[K] extends `${string}!` ? K : never]: S[K] extends `${infer Kind extends FieldKind}!` ? KindType<Kind> : never;
};
type Optional<S extends Record<string, FieldSpec>> = {
  [K in keyof S as S[K] extends `${string}!` ? never : K]?: S[K] extends FieldKind ? KindType<S[K]> : never;
};

export type HeaderValues<S extends Record<string, FieldSpec>> = Required<S> & Optional<S>;

export interface HeaderCodec<S extends Record<string, FieldSpec>> {
  readonly fields: S;
  decode(extFields: Record<string, string> | undefined): HeaderValues<S>;
  encode(values: HeaderValues<S>): Record<string, string>;
}

export type HeaderOf<C> = C extends HeaderCodec<infer S> ? HeaderValues<S> : never;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export function defineHeader<const S extends Record<string, FieldSpec>>(fields: S): HeaderCodec<S> {
  // Parsed once here, not per request: every send and pull decodes a header.
  const parsed = Object.entries(fields).map(([name, spec]) => {
    const required = spec.endsWith('!');
    return { name, required, kind: (required ? spec.slice(0, -1) : spec) as FieldKind };
  });
  return {
    fields,
    decode(extFields) {
      const values: Record<string, unknown> = {};
      for (const { name, required, kind } of parsed) {
        const raw = extFields?.[name];
        if (raw === undefined) {
          if (required) throw invalid(`the header field '${name}' is required`);
          continue;
        }
        values[name] = parseField(name, kind, raw);
      }
      return values as HeaderValues<S>;
    },
    encode(values) {
      const result: Record<string, string> = {};
      for (const { name } of parsed) {
        const value = (values as Record<string, unknown>)[name];
        if (value !== undefined && value !== null) result[name] = String(value);
      }
      return result;
    },
  };
}

function parseField(name: string, kind: FieldKind, raw: string): string | number | boolean {
  switch (kind) {
    case 'string':
      return raw;
    case 'boolean':
      return raw.toLowerCase() === 'true';
    case 'int': {
      const value = Number(raw.trim());
      if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) throw invalid(`the header field '${name}' is not an int: '${raw}'`);
      return value;
    }
    case 'long': {
      const value = Number(raw.trim());
      if (!Number.isInteger(value) || raw.trim() === '') throw invalid(`the header field '${name}' is not a long: '${raw}'`);
      return value;
    }
    case 'double': {
      const value = Number(raw.trim());
      if (Number.isNaN(value) || raw.trim() === '') throw invalid(`the header field '${name}' is not a number: '${raw}'`);
      return value;
    }
  }
}

function invalid(message: string): ResponseCodeError {
  return new ResponseCodeError(ResponseCode.SYSTEM_ERROR, message);
}
