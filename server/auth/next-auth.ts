// Dashboard sign-in: email and password (argon2id), JWT sessions. The session carries only the
// user id; who the user is (role, agency, disabled) is read from the database on every request
// (server/auth/session.ts), so a change of role or a disabled account takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDatabase } from "../db/handle";
import { verifyAgainstDecoy, verifyPassword } from "./passwords";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const Credentials = z.object({ email: z.string().trim().toLowerCase().min(3).max(320), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = Credentials.safeParse(raw);
        if (!parsed.success) return null;
        const { prisma } = await getDatabase();
        const user = await prisma.user.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, name: true, email: true, passwordHash: true, disabledAt: true },
        });
        if (!user) return verifyAgainstDecoy(parsed.data.password).then(() => null);
        const ok = await verifyPassword(user.passwordHash, parsed.data.password);
        if (!ok || user.disabledAt) return null;
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
