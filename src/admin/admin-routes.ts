import { type Context, Hono } from "hono";
import { InvalidRequestError, NotFoundError, PayloadTooLargeError, UnauthorizedError, UnsupportedMediaTypeError } from "../errors.ts";
import { readBodyBytes } from "../http/read-body-bytes.ts";
import { readJsonBody } from "../routes/read-json-body.ts";
import { type ParsedSubmission, parseDocId, submissionFromJson, submissionFromUpload } from "./admin-document-input.ts";
import { isAuthorizedBearer } from "./bearer-token.ts";
import type { AdminJob, DocumentAdmin } from "./document-admin.ts";

/**
 * `POST /admin/documents`, `DELETE /admin/documents/{docId}`, `GET /admin/jobs/{id}`, all behind
 * `Authorization: Bearer $ADMIN_TOKEN`. Changes answer 202 with the job to poll; it reads `live`
 * once the new index serves.
 */
export function adminRoutes(options: { admin: DocumentAdmin; token: string; maxDocumentBytes: number }): Hono {
  const { admin, token, maxDocumentBytes } = options;
  const routes = new Hono();
  routes.use("/admin/*", async (context, next) => {
    if (!(await isAuthorizedBearer(context.req.header("authorization"), token))) throw new UnauthorizedError();
    return next();
  });
  routes.post("/admin/documents", async (context) => {
    const contentType = (context.req.header("content-type") ?? "").trim().toLowerCase();
    let submission: ParsedSubmission;
    if (contentType.startsWith("multipart/form-data")) submission = await readUpload(context.req.raw, maxDocumentBytes);
    else if (/^application\/([\w.+-]+\+)?json\b/.test(contentType))
      submission = submissionFromJson(await readJsonBody(context, maxDocumentBytes));
    else throw new UnsupportedMediaTypeError("application/json or multipart/form-data");
    const job = await admin.submit({ kind: "upsert", docId: submission.docId, entry: submission.entry });
    return accepted(context, job, {
      document: { id: submission.document.id, title: submission.document.title, characters: submission.document.text.length },
    });
  });
  routes.delete("/admin/documents/:docId", async (context) => {
    const job = await admin.submit({ kind: "delete", docId: parseDocId(context.req.param("docId")) });
    return accepted(context, job, {});
  });
  routes.get("/admin/jobs/:id", (context) => {
    const job = admin.job(context.req.param("id"));
    if (!job) throw new NotFoundError("No job with that id (the last 1,000 finished jobs are kept)");
    return context.json({ job });
  });
  return routes;
}

function accepted(context: Context, job: AdminJob, extra: Record<string, unknown>): Response {
  const location = `/admin/jobs/${job.id}`;
  context.header("Location", location);
  return context.json({ job, poll: location, ...extra }, 202);
}

async function readUpload(request: Request, maxDocumentBytes: number): Promise<ParsedSubmission> {
  // Multipart framing around the file costs a little; allow for it without loosening the file limit.
  const bytes = await readBodyBytes(request, maxDocumentBytes + 16 * 1024);
  let form: FormData;
  try {
    form = await new Request("http://upload.invalid/", {
      method: "POST",
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      body: bytes,
    }).formData();
  } catch {
    throw new InvalidRequestError("Request body is not valid multipart/form-data", "body");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new InvalidRequestError("Upload a file in the `file` part", "file");
  if (file.size > maxDocumentBytes) throw new PayloadTooLargeError(maxDocumentBytes);
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new InvalidRequestError("`file` is not valid UTF-8 text", "file");
  }
  const fields: Record<string, unknown> = {};
  for (const name of ["id", "url", "publishedAt", "source"]) {
    const value = form.get(name);
    if (value !== null) fields[name] = typeof value === "string" ? value : 0;
  }
  return submissionFromUpload({ fileName: file.name, content, fields });
}
