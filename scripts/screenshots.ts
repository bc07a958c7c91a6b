// `npm run screenshots`: remakes the README's pictures (public/readme/*.png) from a fresh instance in
// offline mode, as a first-time user sees it: the flex manual uploaded, one question asked and its
// first citation opened.
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { startAppInstance } from "./app-instance";

const root = path.resolve(import.meta.dirname, "..");
const out = (name: string) => path.join(root, "public/readme", name);

const app = await startAppInstance({});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  const form = new FormData();
  const pdf = new Uint8Array(readFileSync(path.join(root, "e2e/fixtures/flex-manual.pdf")));
  form.append("file", new File([pdf], "flex-manual.pdf", { type: "application/pdf" }));
  const uploaded = await fetch(`${app.url}/api/documents`, { method: "POST", body: form });
  if (!uploaded.ok) throw new Error(`upload failed: ${uploaded.status} ${await uploaded.text()}`);
  // Indexing runs in the background: the question waits for the manual to be searchable.
  const { documents } = (await uploaded.json()) as { documents: { id: string }[] };
  for (let ready = false; !ready; ) {
    const response = await fetch(`${app.url}/api/documents/${documents[0].id}`);
    const { document } = (await response.json()) as { document: { status: string; error: string | null } };
    if (document.status === "failed") throw new Error(`indexing failed: ${document.error}`);
    ready = document.status === "ready";
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${app.url}/chat`);
  await page.getByTestId("chat-input").fill("How much memory does the input buffer take?");
  await page.getByTestId("chat-input").press("Enter");
  await page.getByTestId("copy-button").first().waitFor({ timeout: 60_000 });
  // The sidebar lists the chat once it is saved.
  await page.getByTestId("chat-list-item").first().waitFor();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: out("chat.png") });

  // The first citation opened beside the answer, its passage highlighted on the PDF page.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId("citation").first().click();
  await page.getByTestId("viewer-highlight").first().waitFor({ timeout: 30_000 });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: out("viewer.png") });
  await page.setViewportSize({ width: 1200, height: 900 });

  await page.goto(app.url);
  await page.getByTestId("document-row").first().waitFor();
  await page.screenshot({ path: out("documents.png") });
  console.log(`wrote ${out("chat.png")}, ${out("viewer.png")} and ${out("documents.png")}`);
} finally {
  await browser.close();
  await app.stop();
}
