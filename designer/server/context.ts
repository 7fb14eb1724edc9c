import type { IncomingMessage } from "node:http";
import { hashSessionToken, readCookie, SESSION_COOKIE } from "./session-cookie.js";
import type { ApiServices, Context, SessionUser } from "./trpc.js";

/** Builds a request's context: who is signed in (from the session cookie) and how to set cookies. */
export async function createRequestContext(
  services: ApiServices,
  req: IncomingMessage,
  setCookie: (cookie: string) => void,
): Promise<Context> {
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  const sessionTokenHash = token ? hashSessionToken(token) : null;
  let user: SessionUser | null = null;
  if (sessionTokenHash) {
    const session = await services.prisma.session.findUnique({ where: { tokenHash: sessionTokenHash }, include: { user: true } });
    if (session && session.expiresAt > services.now()) {
      const { id, email, displayName, role } = session.user;
      user = { id, email, displayName, role };
    }
  }
  return { ...services, user, sessionTokenHash, clientAddress: req.socket.remoteAddress ?? "unknown", setCookie };
}
