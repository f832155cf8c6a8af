// Keeps signed-out visitors out of the dashboard: without a valid session they are sent to
// /signin?callbackUrl=<where they were going>. Public: /signin, /property/* (the canonical
// property pages), /d/* (client delivery galleries: the token is the credential), /api/* (the REST API authenticates with keys; /api/trpc and /api/auth check
// the session themselves), /healthz and static assets. The dashboard layout re-checks the user
// against the database (a valid cookie of a disabled user gets no further than that).
import { withAuth } from "next-auth/middleware";

export default withAuth({
  pages: { signIn: "/signin" },
});

export const config = {
  matcher: [
    "/((?!api/|api$|signin|property/|d/|healthz|_next/static|_next/image|favicon\\.ico|robots\\.txt|sitemap\\.xml|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|avif|txt|xml|woff2?)$).*)",
  ],
};
