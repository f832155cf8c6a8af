// Your profile: every signed-in user changes their own name and password here (the account menu's
// "Your profile").
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { ProfileForms } from "./_components/profile-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your profile" };

export default function ProfilePage() {
  return (
    <>
      <PageHeader title="Your profile" description="Your name as others see it, and the password you sign in with." />
      <ProfileForms />
    </>
  );
}
