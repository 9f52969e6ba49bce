// Development sign-in (only when the server offers it): the token lives in this tab's session storage.
export interface DemoUser {
  userId: string;
  name: string;
  roles: string[];
}

const KEY = 'reverse-mentoring.dev-sign-in';

export interface DevSession {
  token: string;
  user: DemoUser;
}

/** The demo users, or undefined when the server has no development sign-in (production). */
export async function fetchDemoUsers(): Promise<DemoUser[] | undefined> {
  const res = await fetch('/api/dev/users');
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${res.status}`);
  return ((await res.json()) as { users: DemoUser[] }).users;
}

export async function signInAs(user: DemoUser): Promise<DevSession> {
  const res = await fetch('/api/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId: user.userId, name: user.name, roles: user.roles }),
  });
  if (!res.ok) throw new Error(`Sign-in failed (${res.status})`);
  const session = { token: ((await res.json()) as { token: string }).token, user };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function storedSession(): DevSession | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as DevSession) : undefined;
  } catch {
    return undefined;
  }
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}
