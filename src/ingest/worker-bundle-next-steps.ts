/**
 * What `npm run index:worker` tells the operator to do next, for the bundle it wrote and the
 * wrangler.toml it read: load the vectors into Vectorize only when the Worker will search there, and
 * remove a `[[vectorize]]` binding it will not use (a deploy fails on a Vectorize index that does not exist).
 */
export function workerBundleNextSteps(options: {
  /** Written only when the bundle's vectors come from the Worker's model (dense search on). */
  vectorizeFile: string | undefined;
  vectorSearch: "vectorize" | "flat";
  /** The `index_name` of the VECTORIZE binding in wrangler.toml; undefined when there is none. */
  vectorizeIndex: string | undefined;
}): string[] {
  const { vectorizeFile, vectorSearch, vectorizeIndex } = options;
  const deploy = "  npx wrangler deploy";
  if (vectorizeFile && vectorSearch === "vectorize") {
    if (vectorizeIndex === undefined) {
      return [
        'Next: wrangler.toml has no [[vectorize]] binding but VECTOR_SEARCH is "vectorize": add the binding back (README, Deploy to Cloudflare) or set VECTOR_SEARCH = "flat"; then',
        deploy,
      ];
    }
    return [
      "Next:",
      `  npx wrangler vectorize insert ${vectorizeIndex} --file=${vectorizeFile}   (upsert instead of insert when the index already holds an earlier bundle)`,
      deploy,
    ];
  }
  if (vectorizeIndex === undefined) return ["Next: npx wrangler deploy"];
  const why = vectorizeFile
    ? 'VECTOR_SEARCH is "flat": the Worker searches the bundled vectors'
    : "dense search is off, so the Worker does not use Vectorize";
  return [
    `Next: remove the [[vectorize]] block from wrangler.toml (${why}; a deploy fails on a Vectorize index that does not exist), then`,
    deploy,
  ];
}
