/** The seeded local accounts; the local sign-in page lists them with their credentials. */
export const DEMO_PASSWORD = 'demo-passwort'

export const demoAccounts = [
  { email: 'coach@mialma.test', name: 'Andrea Brunner', role: 'coach' },
  { email: 'klientin@mialma.test', name: 'Lea Meier', role: 'client' },
  { email: 'klient@mialma.test', name: 'Marco Keller', role: 'client' },
] as const
