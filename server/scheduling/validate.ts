// Reading an instance: the zod contract (shape, references, windows), then what needs the slot model: a fixed
// booking must fit where it is, since the engine will not move it. Every problem comes back as a field issue
// with the path of the field at fault (`fixed.2.start`), never as a thrown message.
import { SchedulingInstance } from '@shared/contracts/scheduling';
import type { FieldIssue } from '@shared/errors';
import { minutesOfDay } from '@shared/oslo-time';
import type { z } from 'zod';
import { candidateAt } from './construct';
import { compileModel, type Model } from './model';
import { createState, interpreterCanServe, peopleFree, place } from './state';

export type Parsed = { ok: true; instance: SchedulingInstance; model: Model } | { ok: false; issues: FieldIssue[] };

const fieldIssue = (path: PropertyKey[], code: string, message: string): FieldIssue => ({ path: path.map(String).join('.'), code, message });

export const zodIssues = (error: z.ZodError): FieldIssue[] => error.issues.map((i) => fieldIssue(i.path, i.code, i.message));

function whoIsAway(model: Model, r: number, g: number): string {
  const req = model.requests[r]!;
  const e = g + req.duration;
  const away = (free: Uint8Array) => free.subarray(g, e).includes(0);
  const { instance } = model;
  if (away(model.teachers[req.teacher]!.free)) return `teacher "${model.teachers[req.teacher]!.id}" is not available then (windows and breaks)`;
  if (req.second >= 0 && away(model.teachers[req.second]!.free)) return `second teacher "${model.teachers[req.second]!.id}" is not available then`;
  const h = req.households.find((x) => away(model.households[x]!.free));
  if (h !== undefined) return `household "${instance.households[h]!.id}" is not available then`;
  return 'no interpreter of the language is available then';
}

function checkFixed(model: Model): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { instance } = model;
  const s = createState(model);
  const index = new Map(model.requests.map((r) => [r.id, r.index]));
  const interpreterIndex = new Map(model.interpreters.map((p, i) => [p.id, i]));
  const bookedBy = new Map<number, number>();
  instance.fixed.forEach((f, i) => {
    const r = index.get(f.requestId)!;
    const req = model.requests[r]!;
    const day = model.days.find((d) => d.id === f.day)!;
    const minute = minutesOfDay(f.start);
    if (minute < day.opens || minute + req.duration * model.slotMinutes > day.opens + day.slots * model.slotMinutes) {
      issues.push(fieldIssue(['fixed', i, 'start'], 'out_of_hours', `the conversation does not fit in the round's hours on day "${f.day}"`));
      return;
    }
    if (f.movable) return;
    const g = day.offset + (minute - day.opens) / model.slotMinutes;
    const ci = candidateAt(model, r, f.day, f.start);
    if (ci < 0) {
      issues.push(fieldIssue(['fixed', i, 'start'], 'unavailable', whoIsAway(model, r, g)));
      return;
    }
    const interpreters = f.interpreterIds.map((id) => interpreterIndex.get(id)!);
    const languages = new Set(req.languages);
    interpreters.forEach((p, j) => {
      const spoken = [...languages].find((l) => model.interpreters[p]!.languages.includes(l));
      if (spoken === undefined) issues.push(fieldIssue(['fixed', i, 'interpreterIds', j], 'wrong_language', `interpreter "${model.interpreters[p]!.id}" speaks none of the languages still needed`));
      else languages.delete(spoken);
    });
    if (languages.size > 0) {
      issues.push(fieldIssue(['fixed', i, 'interpreterIds'], 'interpreter_missing', `an interpreter is needed for ${[...languages].map((l) => model.languages[l]).join(', ')}`));
      return;
    }
    const clash = () => {
      const e = g + req.duration;
      const others = [req.teacher, req.second].filter((t) => t >= 0).flatMap((t) => [...s.teachers.occ.subarray(t * model.slotCount + g, t * model.slotCount + e)]);
      req.households.forEach((h) => others.push(...s.households.occ.subarray(h * model.slotCount + g, h * model.slotCount + e)));
      const other = others.find((x) => x >= 0);
      return other === undefined ? 'the teacher already has the most conversations that day' : `overlaps fixed.${bookedBy.get(other)} (the same person in two places)`;
    };
    const busy = interpreters.findIndex((p) => !interpreterCanServe(s, p, r, g, g + req.duration));
    if (!peopleFree(s, r, ci)) issues.push(fieldIssue(['fixed', i, 'start'], 'conflict', clash()));
    else if (busy >= 0) issues.push(fieldIssue(['fixed', i, 'interpreterIds', busy], 'conflict', 'the interpreter is not available then, is booked, or cannot reach the room in time'));
    else {
      place(s, r, ci, interpreters);
      bookedBy.set(r, i);
    }
  });
  return issues;
}

/** Parses and checks an instance (JSON already read). */
export function parseInstance(input: unknown): Parsed {
  const result = SchedulingInstance.safeParse(input);
  if (!result.success) return { ok: false, issues: zodIssues(result.error) };
  const model = compileModel(result.data);
  const issues = checkFixed(model);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, instance: result.data, model };
}
