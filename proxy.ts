// Runs before every page Next renders:
// 1. A Content-Security-Policy with a fresh nonce per response (server/http/security-headers.ts):
//    Next reads the nonce from the request's header and puts it on its own scripts, so a script
//    injected into a page (stored XSS) has no nonce and does not run.
// 2. Keeps signed-out visitors out of the dashboard: without a valid session they are sent to
//    /signin?callbackUrl=<where they were going>. Public: /signin, /property/* (the canonical
//    property pages), /d/* (client delivery galleries: the token is the credential). Not matched
//    at all: /api/* (the REST API authenticates with keys; /api/trpc and /api/auth check the
//    session themselves), /healthz and static assets. The dashboard layout re-checks the user
//    against the database (a valid cookie of a disabled user gets no further than that).
import { withAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "./server/http/security-headers";

/** Pages open without a session. */
export const isPublicPage = (pathname: string) => /^\/(signin|property|d)(\/|$)/.test(pathname);

function withNonce(req: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(req.nextUrl.pathname, { nonce, dev: process.env.NODE_ENV !== "production" });
  const headers = new Headers(req.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

const signedIn = withAuth(withNonce, {
  pages: { signIn: "/signin" },
  callbacks: { authorized: ({ req, token }) => Boolean(token) || isPublicPage(req.nextUrl.pathname) },
});

export default function proxy(req: NextRequest, event: NextFetchEvent) {
  // next-auth's middleware skips its own sign-in page entirely (no callback): give it the nonce here.
  if (req.nextUrl.pathname === "/signin") return withNonce(req);
  return signedIn(req as Parameters<typeof signedIn>[0], event);
}

export const config = {
  matcher: ["/((?!api/|api$|healthz|_next/static|_next/image|favicon\\.ico|robots\\.txt|sitemap\\.xml|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|avif|txt|xml|woff2?|webmanifest)$).*)"],
};
