// RFC 9457 problem+json from the API (docs/errors.md) mapped to what a form shows.

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  request_id?: string;
  errors?: FieldProblem[];
  duplicates?: DuplicateMatch[];
}

export interface DuplicateMatch {
  id: number;
  title?: string;
  code?: string;
  matched_on?: string | string[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.title || problem.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
  get isDuplicateWarning(): boolean {
    return this.status === 409 && (this.problem.type ?? '').endsWith(':possible-duplicates');
  }
}

export interface FormProblems {
  /** Messages per form field (a path such as "lines[0].quantity" becomes ["lines", 0, "quantity"]). */
  fields: { name: (string | number)[]; errors: string[] }[];
  /** What belongs to no shown field: the title and errors for unknown fields. */
  general: string[];
}

/** "lines[0].quantity" → ["lines", 0, "quantity"]; "custom.x_level" → ["custom", "x_level"]. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const piece of field.split('.')) {
    const re = /([^[\]]+)|\[(\d+)\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(piece)) !== null) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  }
  return out;
}

/**
 * Splits a problem into messages for the form's fields and general messages. `known` are the
 * top-level names the form shows; errors on other fields (and errors without a field) are general.
 */
export function problemToForm(problem: Problem, known: Iterable<string>): FormProblems {
  const shown = new Set(known);
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const general: string[] = [];
  for (const e of problem.errors ?? []) {
    const message = e.message || e.code;
    const path = e.field ? fieldPath(e.field) : [];
    if (path.length > 0 && shown.has(String(path[0]))) {
      const key = path.join('.');
      const entry = byField.get(key) ?? { name: path, errors: [] };
      if (!entry.errors.includes(message)) entry.errors.push(message);
      byField.set(key, entry);
    } else {
      general.push(e.field ? `${e.field}: ${message}` : message);
    }
  }
  if (byField.size === 0 || general.length > 0 || !problem.errors?.length) {
    const head = problem.title || problem.detail;
    if (head && !general.includes(head)) general.unshift(head);
  }
  return { fields: [...byField.values()], general };
}
