import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

// The static files named here live in public/ (scripts/make-icons.mjs renders the PNGs and the
// ICO from public/icon.svg).
export const metadata: Metadata = {
  title: { default: "Valara", template: "%s · Valara" },
  description: "Listings, shoots, orders and media for real-estate media agencies.",
  applicationName: "Valara",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }],
  },
  manifest: "/site.webmanifest",
};

export const viewport: Viewport = {
  themeColor: "#1f57d1",
};

// Every page is rendered per request: its scripts carry that response's CSP nonce (proxy.ts), which a
// page prerendered at build time could not.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-ink antialiased">{children}</body>
    </html>
  );
}
