/**
 * Java .properties text, the format of broker.conf / namesrv.properties files and of the GET_BROKER_CONFIG and
 * UPDATE_BROKER_CONFIG bodies. Supports `key=value`, `key:value`, `key value`, `#`/`!` comments, backslash line
 * continuations and the usual escapes. Like java.util.Properties, leading whitespace of a value is dropped and
 * trailing whitespace is kept (a common source of silently ignored keys upstream; callers may warn about it).
 */
export function parseJavaProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (endsWithOddBackslashes(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].replace(/^[ \t\f]+/, '');
    }
    const { key, value } = splitKeyValue(line);
    result.set(unescape(key), unescape(value));
  }
  return result;
}

export function stringifyJavaProperties(entries: Iterable<[string, string]>): string {
  let out = '';
  for (const [key, value] of entries) out += `${escapeKey(key)}=${escapeValue(value)}\n`;
  return out;
}

function endsWithOddBackslashes(line: string): boolean {
  let count = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

function splitKeyValue(line: string): { key: string; value: string } {
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '=' || ch === ':' || ch === ' ' || ch === '\t' || ch === '\f') break;
    i++;
  }
  const key = line.slice(0, i);
  let rest = line.slice(i).replace(/^[ \t\f]+/, '');
  if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]+/, '');
  return { key, value: rest };
}

function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[++i];
    if (next === 't') out += '\t';
    else if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else if (next === 'f') out += '\f';
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else out += next;
  }
  return out;
}

function escapeKey(key: string): string {
  return escapeValue(key).replace(/([=: ])/g, '\\$1');
}

function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}
