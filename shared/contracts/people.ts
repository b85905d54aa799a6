import { z } from 'zod';

export const StaffRole = z.enum(['rektor', 'avdelingsleder', 'kontaktlaerer', 'faglaerer', 'sosiallaerer', 'miljoarbeider', 'helsesykepleier', 'aks_baseleder', 'kontor']);
export const AddressProtection = z.enum(['none', 'fortrolig', 'strengt_fortrolig']);

export const PersonName = z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() });

const GroupRef = z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['class', 'aks']), level: z.string().nullable() });

/** GET /api/me: who I am and which home sections apply to me. */
export const MeResponse = z.object({
  userId: z.uuid(),
  person: PersonName,
  locale: z.string().nullable(),
  /** The language the school has registered for the person: the app's default when they have not chosen. */
  preferredLanguage: z.string(),
  isGuardian: z.boolean(),
  staff: z.array(z.object({
    school: z.object({ id: z.uuid(), name: z.string() }),
    role: StaffRole,
    group: GroupRef.nullable(),
  })),
  ownerAdminOf: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type MeResponse = z.infer<typeof MeResponse>;

const Contact = z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() });

/** GET /api/me/children: one card per child, with "who do I contact?" (seed 001). */
export const ChildCard = z.object({
  student: PersonName,
  school: z.object({ id: z.uuid(), name: z.string(), officePhone: z.string().nullable(), officeEmail: z.string().nullable() }),
  access: z.enum(['full', 'no_parental_responsibility', 'residence_not_confirmed', 'student_adult']),
  /** Present only with full access. */
  class: GroupRef.nullable(),
  contactTeachers: z.array(Contact),
  aks: z.object({ group: GroupRef, baseLeaders: z.array(Contact) }).nullable(),
});
export const ChildrenResponse = z.object({ children: z.array(ChildCard) });
export type ChildCard = z.infer<typeof ChildCard>;

/** A guardian as a member of staff sees them in a class roster. Fields are null when hidden. */
export const RosterGuardian = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  parentalResponsibility: z.boolean(),
  livesWith: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  /** True when contact details are withheld because of address protection (domain 9.7–9.9). */
  detailsProtected: z.boolean(),
  preferredLanguage: z.string(),
  interpreterNeeded: z.boolean(),
  /**
   * Domain 1.4: the owner admits only the registered-residence parent until the school confirms the family
   * situation, this guardian does not live with the student, and the school has not confirmed it yet.
   */
  situationUnconfirmed: z.boolean(),
});

export const RosterStudent = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string().nullable(),
  address: z.string().nullable(),
  addressProtected: z.boolean(),
  guardians: z.array(RosterGuardian),
});

export const ClassRosterResponse = z.object({
  group: GroupRef.extend({ schoolId: z.uuid(), schoolName: z.string() }),
  contactTeachers: z.array(Contact),
  students: z.array(RosterStudent),
  /** The reader may confirm a guardian's family situation (a leader of the group's school). */
  canConfirmSituation: z.boolean(),
});
export type ClassRosterResponse = z.infer<typeof ClassRosterResponse>;

export const GroupParams = z.object({ groupId: z.uuid() });
export const SchoolParams = z.object({ schoolId: z.uuid() });
export const OwnerParams = z.object({ ownerId: z.uuid() });

export const SchoolOverviewResponse = z.object({
  school: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['grunnskole', 'videregaende', 'combined']), orgNumber: z.string().nullable() }),
  groups: z.array(GroupRef.extend({ studentCount: z.number().int(), contactTeachers: z.array(Contact) })),
  staff: z.array(Contact.extend({ roles: z.array(z.object({ role: StaffRole, groupName: z.string().nullable() })) })),
});
export type SchoolOverviewResponse = z.infer<typeof SchoolOverviewResponse>;

export const OwnerOverviewResponse = z.object({
  owner: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['kommune', 'fylkeskommune', 'private']) }),
  schools: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['grunnskole', 'videregaende', 'combined']), studentCount: z.number().int(), groupCount: z.number().int() })),
});
export type OwnerOverviewResponse = z.infer<typeof OwnerOverviewResponse>;

/** GET/PUT /api/owners/:ownerId/settings: the owner's own settings (domain 1.4). */
export const OwnerSettings = z.object({ residenceParentOnlyUntilConfirmed: z.boolean() });
export type OwnerSettings = z.infer<typeof OwnerSettings>;

export const StudentGuardianParams = z.object({ studentId: z.uuid(), guardianId: z.uuid() });

/** POST /api/students/:studentId/guardians/:guardianId/confirm-situation. */
export const ConfirmSituationResponse = z.object({ studentId: z.uuid(), guardianId: z.uuid(), situationConfirmed: z.literal(true) });
export type ConfirmSituationResponse = z.infer<typeof ConfirmSituationResponse>;
