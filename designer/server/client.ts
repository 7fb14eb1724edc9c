import { createTRPCClient, httpLink } from "@trpc/client";

export { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "./app-router.js";
import { API_PREFIX } from "./http-server.js";

/**
 * A typed API client that keeps its session cookie, as a browser would (for the CLI and tests).
 * `baseUrl` is the server's root, e.g. http://127.0.0.1:3000; `cookies` is the jar (name → value) it reads and fills.
 */
export function createApiClient(baseUrl: string, cookies: Map<string, string> = new Map()) {
  const fetchWithCookies: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookies.size > 0) headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(input, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const [name, ...value] = pair!.trim().split("=");
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value.join("=") === "";
      if (expired) cookies.delete(name!);
      else cookies.set(name!, value.join("="));
    }
    return response;
  };
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseUrl.replace(/\/$/, "")}${API_PREFIX}`, fetch: fetchWithCookies })],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
