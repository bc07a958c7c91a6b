import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type Person, personFrom } from "./person";

/** The person a page is rendered for; sends anyone without a valid session to sign in. */
export async function pagePerson(next: string): Promise<Person> {
  const person = await personFrom(await headers());
  if (!person) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  return person;
}
