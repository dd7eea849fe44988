// The server's field errors on a document with lines (problem+json "errors"), keyed by what the
// form shows: "lines[2].price" of the body becomes "lines[5].price" when body line 2 came from
// grid row 5 (blank rows are not sent), and a line field the grid shows under another name
// (item_id, uom_id) lands on that cell. Shared by the invoice drawer and the purchasing and
// stock grids.
import type { Problem } from '../api/problem';

export type FieldErrors = Record<string, string[]>;

export interface LineProblem {
  /** Messages by form path: a header field ("supplier_id"), "lines", "lines[5]" or "lines[5].price". */
  fields: FieldErrors;
  /** What no shown field takes, as "field: message" (or the message alone). */
  rest: string[];
}

/**
 * `rows[i]` is the grid row of body line i; `shown` the header fields the form has;
 * `aliases` renames line fields to the cell that shows them ({ item_id: 'item' }).
 */
export function linesProblem(
  problem: Problem,
  rows: number[],
  shown: Iterable<string>,
  aliases: Record<string, string> = {},
): LineProblem {
  const header = new Set([...shown, 'lines']);
  const fields: FieldErrors = {};
  const rest: string[] = [];
  const add = (key: string, message: string) => {
    const list = (fields[key] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  for (const f of problem.errors ?? []) {
    const message = f.message || f.code;
    const line = /^lines\[(\d+)\](?:\.(\w+))?/.exec(f.field ?? '');
    if (line) {
      const row = rows[Number(line[1])] ?? Number(line[1]);
      const field = line[2] ? aliases[line[2]] ?? line[2] : '';
      add(`lines[${row}]${field ? '.' + field : ''}`, message);
    } else if (f.field && header.has(f.field)) {
      add(f.field, message);
    } else {
      rest.push(f.field ? `${f.field}: ${message}` : message);
    }
  }
  return { fields, rest };
}

/** Drops the messages of one path (a cell the user changed); the same object when it had none. */
export function withoutField(errors: FieldErrors, path: string): FieldErrors {
  if (!errors[path]) return errors;
  const next = { ...errors };
  delete next[path];
  return next;
}
