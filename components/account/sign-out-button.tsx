"use client";

/** Ends this session on the server, then goes to sign-in. */
export function SignOutButton({ className }: { className: string }) {
  const signOut = async () => {
    await fetch("/api/session", { method: "DELETE" }).catch(() => {});
    window.location.assign("/sign-in");
  };
  return (
    <button type="button" onClick={signOut} data-testid="sign-out-button" className={className}>
      Sign out
    </button>
  );
}
