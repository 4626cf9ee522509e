import { describe, expect, it } from "vitest";
import { workerBundleNextSteps } from "../../src/ingest/worker-bundle-next-steps.ts";

const FILE = "dist/worker/vectorize.ndjson";

describe("the next step npm run index:worker prints", () => {
  it("with Vectorize vectors and a [[vectorize]] binding: load the vectors, then deploy", () => {
    expect(workerBundleNextSteps({ vectorizeFile: FILE, vectorSearch: "vectorize", vectorizeIndex: "xi-peru-qa" })).toEqual([
      "Next:",
      `  npx wrangler vectorize insert xi-peru-qa --file=${FILE}   (upsert instead of insert when the index already holds an earlier bundle)`,
      "  npx wrangler deploy",
    ]);
  });

  it("without Vectorize vectors (dense search off) but with the binding: remove the [[vectorize]] block first", () => {
    const steps = workerBundleNextSteps({ vectorizeFile: undefined, vectorSearch: "vectorize", vectorizeIndex: "xi-peru-qa" }).join("\n");
    expect(steps).toMatch(/^Next: remove the \[\[vectorize\]\] block from wrangler\.toml/);
    expect(steps).not.toContain("vectorize insert");
    expect(steps).toMatch(/then\n {2}npx wrangler deploy$/);
  });

  it("with VECTOR_SEARCH flat the Worker searches the bundle: no Vectorize, so no insert and no binding", () => {
    const steps = workerBundleNextSteps({ vectorizeFile: FILE, vectorSearch: "flat", vectorizeIndex: "xi-peru-qa" }).join("\n");
    expect(steps).toMatch(/^Next: remove the \[\[vectorize\]\] block/);
    expect(steps).not.toContain("vectorize insert");
  });

  it("once the binding is gone, deploy is the only step", () => {
    expect(workerBundleNextSteps({ vectorizeFile: undefined, vectorSearch: "vectorize", vectorizeIndex: undefined })).toEqual([
      "Next: npx wrangler deploy",
    ]);
    expect(workerBundleNextSteps({ vectorizeFile: FILE, vectorSearch: "flat", vectorizeIndex: undefined })).toEqual([
      "Next: npx wrangler deploy",
    ]);
  });

  it("with Vectorize vectors, VECTOR_SEARCH vectorize and no binding: says the binding is missing", () => {
    const steps = workerBundleNextSteps({ vectorizeFile: FILE, vectorSearch: "vectorize", vectorizeIndex: undefined }).join("\n");
    expect(steps).toContain("wrangler.toml has no [[vectorize]] binding");
    expect(steps).toContain('VECTOR_SEARCH = "flat"');
  });
});
