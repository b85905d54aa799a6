// Kysely types of the tables this module's migrations create. Joined into DB in server/db/schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobTables {}
