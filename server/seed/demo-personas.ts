import type { Persona } from '@shared/contracts/auth';

/** The people the demo login page offers, in the order shown. Created by demo.ts. */
export const DEMO_PERSONAS: { username: string; persona: Persona }[] = [
  { username: 'kari.nordmann', persona: 'guardian' },
  { username: 'sara.ahmed', persona: 'guardian_protected' },
  { username: 'per.nordmann', persona: 'guardian_no_responsibility' },
  { username: 'ingrid.berg', persona: 'contact_teacher' },
  { username: 'ole.dahl', persona: 'aks_leader' },
  { username: 'marit.solheim', persona: 'principal' },
  { username: 'anders.lie', persona: 'owner_admin' },
];

/** Every demo account has this password, so the local login can be tried too. */
export const DEMO_PASSWORD = 'tillit-demo';
