import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CredentialsForm } from "@/components/account/credentials-form";
import { findOpenInvite } from "@/lib/auth/accounts/invites";
import { authMode } from "@/lib/auth/mode";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

export const metadata: Metadata = { title: "Join · DBRX Docs Chat" };
export const dynamic = "force-dynamic";

/** An invite link: choose a password to join (or, for a reset, a new password). */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  if (authMode() !== "accounts") notFound();
  const { token } = await params;
  const db = await getDb();
  const invite = await findOpenInvite(db, token);
  const [existing] = invite
    ? await db.select({ id: users.id }).from(users).where(eq(users.email, invite.email))
    : [];
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4">
      {invite ? (
        <>
          <h1 className="font-semibold text-2xl tracking-tight">
            {existing ? "Set a new password" : "Join DBRX Docs Chat"}
          </h1>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            For{" "}
            <span data-testid="invite-email" className="font-medium">
              {invite.email}
            </span>
            {existing
              ? ". Your other sessions end when you set it."
              : `, as ${invite.role === "admin" ? "an admin" : "a member"}.`}
          </p>
          <CredentialsForm
            endpoint={`/api/invites/${encodeURIComponent(token)}`}
            next="/"
            askEmail={false}
            askName={!existing}
            newPassword
            submitLabel={existing ? "Set the password" : "Join"}
          />
        </>
      ) : (
        <>
          <h1 className="font-semibold text-2xl tracking-tight">This link does not work</h1>
          <p role="alert" className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            The invite was used already or has expired. Ask an admin for a new one.
          </p>
        </>
      )}
    </main>
  );
}
