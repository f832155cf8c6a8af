import { AppNotFound } from "@/components/app/app-not-found";

export const metadata = { title: "Page not found" };

export default function NotFound() {
  return <AppNotFound />;
}
