// Development directory: the demo users plus the people of the sample CSV (docs/samples/participants.csv).
import type { Directory, DirectoryPerson } from './directory';
import { normaliseEmail } from './directory';

const person = (
  id: string,
  name: string,
  department: string,
  jobTitle: string,
  managerId?: string,
): DirectoryPerson => ({
  id,
  name,
  email: `${id}@contoso.example`,
  department,
  jobTitle,
  ...(managerId ? { managerId } : {}),
});

export const SEEDED_PEOPLE: readonly DirectoryPerson[] = [
  person('avery', 'Avery Admin', 'People', 'Learning & development lead'),
  person('priya', 'Priya Patel', 'Data & AI', 'Data analyst', 'omar'),
  person('sam', 'Sam Okafor', 'Design', 'Product designer', 'marcus'),
  person('lena', 'Lena Fischer', 'Engineering', 'Software engineer'),
  person('noah', 'Noah Kim', 'Marketing', 'Content creator', 'ruth'),
  person('dana', 'Dana Whitfield', 'Finance', 'Chief financial officer'),
  person('marcus', 'Marcus Chen', 'Operations', 'Chief operating officer'),
  person('helen', 'Helen Ortiz', 'People', 'Chief people officer'),
  person('ruth', 'Ruth Adeyemi', 'Marketing', 'Chief marketing officer'),
  person('omar', 'Omar Haddad', 'Data & AI', 'Head of data', 'henrik'),
  // The sample CSV's people.
  person('jade', 'Jade Morel', 'Engineering', 'Cloud engineer', 'henrik'),
  person('kofi', 'Kofi Mensah', 'Sales', 'Account executive', 'grace'),
  person('mia', 'Mia Novak', 'Data & AI', 'Machine learning engineer', 'omar'),
  person('leo', 'Leo Santos', 'Design', 'UX researcher'),
  person('ines', 'Inês Duarte', 'Marketing', 'Social media manager', 'ruth'),
  person('tariq', 'Tariq Aziz', 'Security', 'Security analyst', 'amara'),
  person('grace', 'Grace Liu', 'Sales', 'Chief revenue officer'),
  person('henrik', 'Henrik Berg', 'Engineering', 'Chief technology officer'),
  person('olivia', 'Olivia Grant', 'Legal', 'General counsel'),
  person('victor', 'Victor Petrov', 'Operations', 'VP supply chain'),
  person('amara', 'Amara Obi', 'Security', 'Chief information security officer'),
  person('paul', 'Paul Meyer', 'Finance', 'VP finance'),
];

/** Searches and resolves within a fixed list, the same for every tenant (development only). */
export function seededDirectory(people: readonly DirectoryPerson[] = SEEDED_PEOPLE): Directory {
  const byEmail = new Map(people.filter((p) => p.email).map((p) => [normaliseEmail(p.email!), p]));
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    kind: 'seeded',
    async search(_caller, query, limit = 10) {
      const q = query.trim().toLowerCase();
      if (!q) return [];
      const words = (p: DirectoryPerson) => [
        ...p.name.toLowerCase().split(/\s+/),
        p.name.toLowerCase(),
        p.email?.toLowerCase() ?? '',
      ];
      return people.filter((p) => words(p).some((w) => w.startsWith(q))).slice(0, limit);
    },
    async findByEmails(_caller, emails) {
      const found = new Map<string, DirectoryPerson>();
      for (const email of emails) {
        const p = byEmail.get(normaliseEmail(email));
        if (p) found.set(normaliseEmail(email), p);
      }
      return found;
    },
    async managerChain(_caller, id) {
      const chain: string[] = [];
      for (let m = byId.get(id)?.managerId; m && !chain.includes(m) && m !== id; m = byId.get(m)?.managerId)
        chain.push(m);
      return chain;
    },
  };
}
