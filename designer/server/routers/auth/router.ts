import { clearedSessionCookie } from "../../session-cookie.js";
import { publicProcedure, router } from "../../trpc.js";
import { ZLoginInput } from "./inputs.js";
import { login } from "./login.handler.js";

export const authRouter = router({
  login: publicProcedure.input(ZLoginInput).mutation(({ ctx, input }) => login(ctx, input)),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionTokenHash) await ctx.prisma.session.deleteMany({ where: { tokenHash: ctx.sessionTokenHash } });
    ctx.setCookie(clearedSessionCookie({ secure: ctx.secureCookies }));
    return { signedOut: true };
  }),

  /** The signed-in user, or null. */
  me: publicProcedure.query(({ ctx }) => ctx.user),
});
