// Dashboard sign-in: email and password (argon2id), JWT sessions. The session carries only the
// user id; who the user is (role, agency, disabled) is read from the database on every request
// (server/auth/session.ts), so a change of role or a disabled account takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDatabase } from "../db/handle";
import { verifyAgainstDecoy, verifyPassword } from "./passwords";
import { CLIENT_ADDRESS_HEADER, LOCKED_ERROR_PREFIX, signInThrottle } from "./sign-in-throttle";
import { getLogger } from "../logger";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const Credentials = z.object({ email: z.string().trim().toLowerCase().min(3).max(320), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = Credentials.safeParse(raw);
        if (!parsed.success) return null;
        // Throttled per account and per client address (server/auth/sign-in-throttle.ts): the
        // same answers whether or not the account exists.
        const header = req?.headers?.[CLIENT_ADDRESS_HEADER];
        const address = (Array.isArray(header) ? header[0] : header) || "unknown";
        const account = parsed.data.email;
        const throttle = signInThrottle();
        const locked = await throttle.lockedFor(account, address).catch((error: unknown) => {
          getLogger().warn({ err: error }, "sign-in throttle unreachable; not enforced");
          return 0;
        });
        if (locked > 0) throw new Error(`${LOCKED_ERROR_PREFIX}${locked}`);
        const { prisma } = await getDatabase();
        const user = await prisma.user.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, name: true, email: true, passwordHash: true, disabledAt: true },
        });
        const ok = user ? await verifyPassword(user.passwordHash, parsed.data.password) : await verifyAgainstDecoy(parsed.data.password).then(() => false);
        if (!user || !ok || user.disabledAt) {
          const wait = await throttle.fail(account, address).catch((error: unknown) => {
            getLogger().warn({ err: error }, "sign-in throttle unreachable; failure not counted");
            return 0;
          });
          if (wait > 0) {
            getLogger().warn({ address }, "sign-in locked after repeated failures");
            throw new Error(`${LOCKED_ERROR_PREFIX}${wait}`);
          }
          return null;
        }
        await throttle.succeed(account).catch(() => {});
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};
