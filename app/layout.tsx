import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Valara", template: "%s · Valara" },
  description: "Listings, shoots, orders and media for real-estate media agencies.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-ink antialiased">{children}</body>
    </html>
  );
}
