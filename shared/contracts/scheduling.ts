// The conference scheduling engine's input and output (utviklingssamtaler, domain 2.2–2.9 and 10.1–10.4;
// docs/SCHEDULING.md). Days are Oslo calendar dates 'YYYY-MM-DD', times Oslo wall-clock 'HH:MM'; the engine
// works on a grid of slots of `slotMinutes` counted from midnight, so every time must lie on that grid.
// The checks that need the whole instance (references, overlapping windows, the grid) are in `instanceChecks`,
// so a booking screen gets the same field-named errors as the engine.
import { z } from 'zod';
import { minutesOfDay } from '../oslo-time';
import { IsoDate, WallTime } from './dates';

const Id = z.string().min(1).max(100);

/** A stretch of one round day, from `from` up to (not including) `to`. */
export const TimeWindow = z.strictObject({ day: Id, from: WallTime, to: WallTime });
export type TimeWindow = z.infer<typeof TimeWindow>;

/** One date of the round: the hours the school is open for conversations that day (a day and its evening). */
export const RoundDay = z.strictObject({ id: Id, date: IsoDate, from: WallTime, to: WallTime });

export const Round = z.strictObject({
  name: z.string().min(1),
  /** The grid: a conversation lasts a whole number of slots and starts on a slot. Must divide a day (1440). */
  slotMinutes: z.number().int().min(1).max(120).refine((m) => 1440 % m === 0, 'must divide 1440 (a whole day)'),
  days: z.array(RoundDay).min(1),
  /** What "not during working hours" means for a household's preference. */
  workingHours: z.strictObject({ from: WallTime, to: WallTime }).default({ from: '08:00', to: '16:00' }),
});

export const Teacher = z.strictObject({
  id: Id,
  name: z.string().optional(),
  /** Where the teacher holds conversations; an interpreter moving between rooms needs travel time. */
  room: Id,
  windows: z.array(TimeWindow),
  /** Taken out of the windows: the teacher holds no conversation then. */
  breaks: z.array(TimeWindow).default([]),
  /** Conversations a day at most, as main or second teacher. */
  maxPerDay: z.number().int().positive().optional(),
});

export const Preferences = z.strictObject({
  /** Days the household would rather come. */
  days: z.array(Id).optional(),
  /** A time of day the household would rather come within. */
  from: WallTime.optional(),
  to: WallTime.optional(),
  asEarlyAsPossible: z.boolean().optional(),
  notDuringWorkingHours: z.boolean().optional(),
});
export type Preferences = z.infer<typeof Preferences>;

/** A guardian household: the adults of one home. Parents living apart are two households. */
export const Household = z.strictObject({
  id: Id,
  name: z.string().optional(),
  /** When the household can come; without windows, whenever the round is open. */
  windows: z.array(TimeWindow).optional(),
  /** Language an interpreter must speak for this household (tolkeloven, domain 10.1). */
  interpreterLanguage: z.string().min(1).optional(),
  preferences: Preferences.default({}),
});

export const Interpreter = z.strictObject({
  id: Id,
  name: z.string().optional(),
  languages: z.array(z.string().min(1)).min(1),
  windows: z.array(TimeWindow),
  /** Minutes needed between two conversations in different rooms. */
  travelMinutes: z.number().int().min(0).max(240).default(0),
});

/**
 * One conversation about one student with one teacher. A split household wanting one joint conversation is one
 * request with both households; wanting two separate ones, two requests. It needs an interpreter for each
 * language its households need.
 */
export const ConversationRequest = z.strictObject({
  id: Id,
  studentId: Id,
  teacherId: Id,
  /** A second teacher who must be present (e.g. a special-education teacher). */
  secondTeacherId: Id.optional(),
  householdIds: z.array(Id).min(1),
  durationSlots: z.number().int().positive('a conversation lasts at least one slot'),
});

/** A booking families already have. It stays where it is, unless `movable`. */
export const FixedBooking = z.strictObject({
  requestId: Id,
  day: Id,
  start: WallTime,
  interpreterIds: z.array(Id).default([]),
  movable: z.boolean().default(false),
});

const InstanceShape = z.strictObject({
  name: z.string().min(1),
  round: Round,
  teachers: z.array(Teacher).min(1),
  households: z.array(Household),
  interpreters: z.array(Interpreter).default([]),
  requests: z.array(ConversationRequest),
  fixed: z.array(FixedBooking).default([]),
});

type Shape = z.output<typeof InstanceShape>;
type Path = (string | number)[];
type Issue = (path: Path, message: string) => void;

function checkUniqueIds(items: { id: string }[], at: Path, issue: Issue): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) issue([...at, i, 'id'], `the id "${item.id}" is used twice`);
    seen.add(item.id);
  });
  return seen;
}

function checkWindows(windows: TimeWindow[], at: Path, days: Map<string, { from: number; to: number }>, slot: number, issue: Issue): void {
  windows.forEach((w, j) => {
    const day = days.get(w.day);
    if (!day) return issue([...at, j, 'day'], `unknown day "${w.day}"`);
    const from = minutesOfDay(w.from);
    const to = minutesOfDay(w.to);
    if (from % slot) issue([...at, j, 'from'], `not on the ${slot}-minute slot grid`);
    if (to % slot) issue([...at, j, 'to'], `not on the ${slot}-minute slot grid`);
    if (to <= from) return issue([...at, j, 'to'], 'the window ends before it starts');
    if (from < day.from || to > day.to) issue([...at, j], `outside the round's hours on day "${w.day}"`);
    windows.slice(0, j).forEach((o, k) => {
      if (o.day === w.day && minutesOfDay(o.from) < to && from < minutesOfDay(o.to)) issue([...at, j], `overlaps window ${k} on day "${w.day}"`);
    });
  });
}

/** The checks that need the whole instance, each naming the field at fault. */
export function instanceChecks(v: Shape, ctx: z.RefinementCtx): void {
  const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  const slot = v.round.slotMinutes;
  // Without a valid grid every time would be reported off it; the slotMinutes issue says enough.
  if (1440 % slot !== 0) return;
  const days = new Map<string, { from: number; to: number }>();
  const dates = new Set<string>();
  v.round.days.forEach((d, i) => {
    const at = ['round', 'days', i];
    if (days.has(d.id)) issue([...at, 'id'], `the id "${d.id}" is used twice`);
    if (dates.has(d.date)) issue([...at, 'date'], 'one entry per date: give the whole day, evening included');
    dates.add(d.date);
    const from = minutesOfDay(d.from);
    const to = minutesOfDay(d.to);
    if (from % slot) issue([...at, 'from'], `not on the ${slot}-minute slot grid`);
    if (to % slot) issue([...at, 'to'], `not on the ${slot}-minute slot grid`);
    if (to <= from) issue([...at, 'to'], 'the day ends before it starts');
    days.set(d.id, { from, to });
  });
  const teachers = checkUniqueIds(v.teachers, ['teachers'], issue);
  const households = checkUniqueIds(v.households, ['households'], issue);
  const interpreters = checkUniqueIds(v.interpreters, ['interpreters'], issue);
  const requests = checkUniqueIds(v.requests, ['requests'], issue);

  v.teachers.forEach((t, i) => {
    checkWindows(t.windows, ['teachers', i, 'windows'], days, slot, issue);
    checkWindows(t.breaks, ['teachers', i, 'breaks'], days, slot, issue);
  });
  v.households.forEach((h, i) => {
    if (h.windows) checkWindows(h.windows, ['households', i, 'windows'], days, slot, issue);
    h.preferences.days?.forEach((d, j) => {
      if (!days.has(d)) issue(['households', i, 'preferences', 'days', j], `unknown day "${d}"`);
    });
    const { from, to } = h.preferences;
    if (from && to && to <= from) issue(['households', i, 'preferences', 'to'], 'the preferred time ends before it starts');
  });
  v.interpreters.forEach((p, i) => checkWindows(p.windows, ['interpreters', i, 'windows'], days, slot, issue));

  v.requests.forEach((r, i) => {
    if (!teachers.has(r.teacherId)) issue(['requests', i, 'teacherId'], `unknown teacher "${r.teacherId}"`);
    if (r.secondTeacherId !== undefined && !teachers.has(r.secondTeacherId)) issue(['requests', i, 'secondTeacherId'], `unknown teacher "${r.secondTeacherId}"`);
    if (r.secondTeacherId === r.teacherId) issue(['requests', i, 'secondTeacherId'], 'the second teacher is the teacher');
    r.householdIds.forEach((h, j) => {
      if (!households.has(h)) issue(['requests', i, 'householdIds', j], `unknown household "${h}"`);
      if (r.householdIds.indexOf(h) !== j) issue(['requests', i, 'householdIds', j], `household "${h}" is listed twice`);
    });
  });

  const booked = new Set<string>();
  v.fixed.forEach((f, i) => {
    if (!requests.has(f.requestId)) issue(['fixed', i, 'requestId'], `unknown request "${f.requestId}"`);
    if (booked.has(f.requestId)) issue(['fixed', i, 'requestId'], `request "${f.requestId}" is booked twice`);
    booked.add(f.requestId);
    if (!days.has(f.day)) issue(['fixed', i, 'day'], `unknown day "${f.day}"`);
    if (minutesOfDay(f.start) % slot) issue(['fixed', i, 'start'], `not on the ${slot}-minute slot grid`);
    f.interpreterIds.forEach((p, j) => {
      if (!interpreters.has(p)) issue(['fixed', i, 'interpreterIds', j], `unknown interpreter "${p}"`);
    });
  });
}

/** A whole scheduling problem: one round of conversations at one school. */
export const SchedulingInstance = InstanceShape.superRefine(instanceChecks);
export type SchedulingInstance = z.output<typeof SchedulingInstance>;
export type SchedulingInstanceInput = z.input<typeof SchedulingInstance>;

export const UnplacedReason = z.enum([
  /** Teacher(s) and household(s) share no stretch long enough. */
  'no_common_window',
  /** They do, but no interpreter of the language is available then (or none exists). */
  'no_interpreter',
  /** Every common time is on a day the teacher already has the most conversations on. */
  'teacher_day_limit',
  /** Every common time is taken by other conversations. */
  'no_free_time',
]);
export type UnplacedReason = z.infer<typeof UnplacedReason>;

export const Placement = z.object({
  requestId: Id,
  studentId: Id,
  teacherId: Id,
  secondTeacherId: Id.optional(),
  householdIds: z.array(Id),
  interpreterIds: z.array(Id),
  room: Id,
  day: Id,
  date: IsoDate,
  start: WallTime,
  end: WallTime,
  /** Instants with Oslo's offset that day (+02:00 in summer time, +01:00 in winter). */
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  fixed: z.boolean(),
});
export type Placement = z.infer<typeof Placement>;

/** The objective, compared level by level in this order (docs/SCHEDULING.md). */
export const Objective = z.object({
  /** Requests left without a time. */
  unplaced: z.number().int(),
  /** Households with at least one request and no conversation placed: families the round does not reach. */
  householdsWithoutConversation: z.number().int(),
  /** For each household with a conversation, the days it must come beyond the first. */
  extraHouseholdDays: z.number().int(),
  householdIdleMinutes: z.number().int(),
  preferencePenalty: z.number().int(),
  teacherIdleMinutes: z.number().int(),
});
export type Objective = z.infer<typeof Objective>;

export const ScheduleReport = z.object({
  objective: Objective,
  unplaced: z.array(z.object({ requestId: Id, reason: UnplacedReason, message: z.string() })),
  households: z.array(z.object({ householdId: Id, requests: z.number().int(), conversations: z.number().int(), days: z.number().int(), dates: z.array(IsoDate), idleMinutes: z.number().int() })),
  teachers: z.array(z.object({ teacherId: Id, conversations: z.number().int(), days: z.number().int(), idleMinutes: z.number().int() })),
  interpreters: z.array(z.object({ interpreterId: Id, conversations: z.number().int(), bookedMinutes: z.number().int(), availableMinutes: z.number().int(), utilisation: z.number() })),
  search: z.object({ solver: z.string(), seed: z.number().int(), iterations: z.number().int(), elapsedMs: z.number() }),
});
export type ScheduleReport = z.infer<typeof ScheduleReport>;

export const ScheduleResult = z.object({ instance: z.string(), placements: z.array(Placement), report: ScheduleReport });
export type ScheduleResult = z.infer<typeof ScheduleResult>;
