// Why a request is unplaced, told from the final schedule: nobody gets silently dropped. The model already knows
// the requests that could never fit (no common window, no interpreter then); for the rest, look at what blocks
// each possible time now.
import type { UnplacedReason } from '@shared/contracts/scheduling';
import { findInterpreters, startOf, type State } from './state';

export interface Unplaced { requestId: string; reason: UnplacedReason; message: string }

function rangeFree(occ: Int32Array, base: number, g: number, e: number): boolean {
  for (let k = base + g; k < base + e; k++) if (occ[k] !== -1) return false;
  return true;
}

export function explainUnplaced(s: State, r: number): Unplaced {
  const { model } = s;
  const req = model.requests[r]!;
  const request = model.instance.requests[r]!;
  const id = request.id;
  if (req.reason === 'no_common_window') {
    return { requestId: id, reason: 'no_common_window', message: `teacher "${request.teacherId}"${request.secondTeacherId ? `, second teacher "${request.secondTeacherId}"` : ''} and household ${request.householdIds.map((h) => `"${h}"`).join(' and ')} share no ${req.duration * model.slotMinutes} minutes` };
  }
  const languages = req.languages.map((l) => model.languages[l]).join(', ');
  if (req.reason === 'no_interpreter') {
    return { requestId: id, reason: 'no_interpreter', message: `no ${languages} interpreter is available when the teacher and the household can meet` };
  }
  let dayLimit = false;
  let interpreterBusy = false;
  const G = model.slotCount;
  for (const g of req.candidates) {
    const e = g + req.duration;
    const free = req.teachers.every((t) => rangeFree(s.teachers.occ, t * G, g, e)) && req.households.every((h) => rangeFree(s.households.occ, h * G, g, e));
    if (!free) continue;
    const d = model.dayOf[g]!;
    if (req.teachers.some((t) => s.teachers.count[t * model.days.length + d]! >= model.teachers[t]!.maxPerDay)) dayLimit = true;
    else if (findInterpreters(s, r, g) === null) interpreterBusy = true;
  }
  if (interpreterBusy) return { requestId: id, reason: 'no_interpreter', message: `every ${languages} interpreter is booked whenever the teacher and the household are free` };
  if (dayLimit) return { requestId: id, reason: 'teacher_day_limit', message: `the teacher has the most conversations allowed on every day the household can come` };
  return { requestId: id, reason: 'no_free_time', message: 'every time the teacher and the household share is taken by other conversations' };
}

/** Every unplaced request with its reason, in instance order. */
export function unplacedWithReasons(s: State): Unplaced[] {
  return s.model.requests.filter((r) => startOf(s, r.index) < 0).map((r) => explainUnplaced(s, r.index));
}
