import { createContext, useContext } from 'react';
import type { SessionUser } from '../api/trpc';

/** The signed-in user; provided by {@link SignedInGate} once `auth.me` answers with a user. */
export const CurrentUserContext = createContext<SessionUser | null>(null);

export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used inside a signed-in page');
  return user;
}
