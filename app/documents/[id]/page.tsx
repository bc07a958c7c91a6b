import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { documentIdSchema } from "@/app/api/documents/schema";
import { SiteHeader } from "@/components/site-header";
import { DocumentViewer } from "@/components/viewer/document-viewer";
import { MAX_LINK_PASSAGE_CHARS } from "@/components/viewer/viewer-url";
import { canRead } from "@/lib/auth/access";
import { pagePerson } from "@/lib/auth/page-person";
import { getDb } from "@/lib/db/client";
import { findDocument } from "@/lib/db/documents";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Document · DBRX Docs Chat" };

const pageNumber = z.coerce.number().int().min(1).optional().catch(undefined);
const querySchema = z.object({
  page: pageNumber,
  to: pageNumber,
  passage: z.string().max(MAX_LINK_PASSAGE_CHARS).optional().catch(undefined),
});

/** A document opened at a page (?page=3), a passage highlighted on it (&passage=…): what a viewer link opens. */
export default async function DocumentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = documentIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const person = await pagePerson(`/documents/${id.data}`);
  const db = await getDb();
  const document = await findDocument(db, id.data);
  if (!document || document.status === "deleting") notFound();
  // Another person's private document is as unknown as a missing one.
  if (!(await canRead(db, person, document))) notFound();
  const query = querySchema.parse(await searchParams);
  const page = query.page ?? (document.pages !== null || document.kind === "pptx" ? 1 : null);
  const target = {
    documentId: document.id,
    page,
    pageEnd: page !== null && query.to !== undefined && query.to > page ? query.to : null,
    passage: query.passage ?? null,
  };
  return (
    <div className="flex h-dvh flex-col">
      <SiteHeader />
      <main className="flex min-h-0 flex-1 flex-col">
        <h1 className="sr-only">{document.name}</h1>
        <DocumentViewer target={target} layout="page" />
      </main>
    </div>
  );
}
