// The state every document-with-lines form keeps about saving: the field errors by path (a
// header field, "lines[3].price"), the messages no field takes, whether a request is running,
// and the row a scan last went to (to flash it). `submit` runs a save or post; a refusal's field
// errors land at their rows through `toFields` (lib/lineErrors.ts), the rest above the form
// (with a 409's detail, which names the line of a refused over-receipt or a short stock).
// `useLines` keeps the lines themselves.
import { useCallback, useRef, useState } from 'react';
import { ApiError, type Problem } from '../api/problem';
import { withoutField, type FieldErrors, type LineProblem } from '../lib/lineErrors';
import { problemText } from '../pages/finance/common';

export interface Flash {
  row: number;
  tick: number;
  ok: boolean;
}

export function useLinesForm(toFields: (problem: Problem, rows: number[]) => LineProblem) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [flash, setFlash] = useState<Flash | null>(null);

  const submit = async (rows: number[], action: () => Promise<void>) => {
    setErrors({});
    setGeneral([]);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors?.length) {
        const { fields, rest } = toFields(e.problem, rows);
        setErrors(fields);
        setGeneral(e.status === 409 && e.problem.detail ? [e.problem.detail, ...rest] : rest);
      } else {
        setGeneral([problemText(e)]);
      }
    } finally {
      setBusy(false);
    }
  };
  /** Forgets the messages of the paths given (the cells the user just changed). */
  const clear = useCallback((...paths: string[]) => setErrors((old) => paths.reduce(withoutField, old)), []);
  /** Clears a row's messages for the fields of `patch` and the row's own. */
  const clearRow = useCallback((row: number, fields: string[]) => clear(`lines[${row}]`, ...fields.map((f) => `lines[${row}].${f}`)), [clear]);
  const flashRow = useCallback((row: number, ok = true) => setFlash((old) => ({ row, tick: (old?.tick ?? 0) + 1, ok })), []);
  return { errors, setErrors, general, busy, submit, clear, clearRow, flash, flashRow };
}

/**
 * A form's lines: `setLine` changes one and forgets its cells' messages (`clearRow` of the
 * form); `replace` takes effect at once for the next scan too (`current`), as a scanner sends
 * codes faster than the page renders.
 */
export function useLines<L>(initial: () => L[], clearRow: (row: number, fields: string[]) => void) {
  const [lines, setLines] = useState<L[]>(initial);
  const current = useRef(lines);
  current.current = lines;
  const replace = useCallback((next: L[]) => {
    current.current = next;
    setLines(next);
  }, []);
  const update = useCallback((change: (old: L[]) => L[]) => replace(change(current.current)), [replace]);
  const setLine = useCallback((row: number, patch: Partial<L>, cleared: string[] = Object.keys(patch)) => {
    update((old) => old.map((l, i) => (i === row ? { ...l, ...patch } : l)));
    clearRow(row, cleared);
  }, [update, clearRow]);
  return { lines, current, replace, update, setLine };
}
