import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminSection } from "@/components/account/admin-section";
import { ApiKeysSection } from "@/components/account/api-keys-section";
import { DeleteAccountSection } from "@/components/account/delete-account-section";
import { SessionsSection } from "@/components/account/sessions-section";
import { SiteHeader } from "@/components/site-header";
import { authMode } from "@/lib/auth/mode";
import { pagePerson } from "@/lib/auth/page-person";

export const metadata: Metadata = { title: "Account · DBRX Docs Chat" };
export const dynamic = "force-dynamic";

/** One's sessions and API keys; for an admin, invites, accounts and shared collections too. */
export default async function AccountPage() {
  if (authMode() !== "accounts") notFound();
  const person = await pagePerson("/account");
  return (
    <>
      <SiteHeader current="account" />
      <main className="mx-auto max-w-4xl space-y-10 px-4 py-8 sm:px-6 sm:py-10">
        <div>
          <h1 className="font-semibold text-2xl tracking-tight sm:text-3xl">Account</h1>
          <p data-testid="signed-in-as" className="mt-2 text-zinc-600 dark:text-zinc-400">
            Signed in as {person.email} ({person.isAdmin ? "admin" : "member"}).
          </p>
        </div>
        <SessionsSection />
        <ApiKeysSection />
        {person.isAdmin && <AdminSection selfId={person.userId} />}
        <DeleteAccountSection userId={person.userId} email={person.email ?? ""} />
      </main>
    </>
  );
}
