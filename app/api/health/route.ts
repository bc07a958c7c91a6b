import { healthReport } from "@/lib/health";
import { handleErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handleErrors("GET /api/health", async () => {
  const report = await healthReport();
  return Response.json(report, { status: report.status === "ok" ? 200 : 503 });
});
