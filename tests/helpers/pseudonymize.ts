import { pseudonymize } from '@/lib/privacy/pseudonymize'

/** The recogniser tests' "now": whether a full date is a date of birth or a recent event depends on it. */
export const TEST_NOW = new Date('2026-12-07T12:00:00Z')

/** The text as it would leave. */
export const pseudonymized = (text: string) => pseudonymize(text, { now: TEST_NOW }).text

/** The values the pseudonymiser replaced as `type` (PERSON, LOCATION, ORGANIZATION, …), in order of finding. */
export const foundOfType = (text: string, type: string) =>
  pseudonymize(text, { now: TEST_NOW })
    .mapping.entries.filter((e) => e.type === type)
    .map((e) => e.value)
