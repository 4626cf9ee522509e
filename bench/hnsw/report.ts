// Markdown tables of the HNSW benchmark: one sweep table per data set and size, then a summary of the
// smallest efSearch reaching the target recall, and the efSearch that ef-search.ts would choose.
import { cpus, loadavg } from "node:os";
import { efSearchFor, hnswDegreeFor } from "../../src/store/ef-search.ts";
import type { SizeReport } from "./sweep.ts";

export interface DataSetReport {
  /** "real" or "random", with a one-line description for the header. */
  readonly name: string;
  readonly description: string;
  readonly sizes: readonly SizeReport[];
}

const mebibytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
const milliseconds = (value: number | undefined): string => (value === undefined ? "" : value.toFixed(3));

export function formatReport(options: {
  dataSets: readonly DataSetReport[];
  targetRecall: number;
  k: number;
  queryCount: number;
  startLoadAverage: number;
}): string {
  const { dataSets, targetRecall, k, queryCount, startLoadAverage } = options;
  const lines: string[] = [
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}; ` +
      `1-minute load average ${startLoadAverage.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end; ${queryCount} held-out queries.`,
    "",
  ];
  for (const dataSet of dataSets) {
    lines.push(`Data "${dataSet.name}": ${dataSet.description}`, "");
    for (const report of dataSet.sizes) {
      lines.push(
        `#### ${dataSet.name}, ${report.size.toLocaleString("en-US")} vectors (M=${report.m}, efConstruction=${report.efConstruction})`,
        "",
      );
      lines.push(`| efSearch | recall@${k} | p50 ms | p99 ms | CPU p50 ms |`, "|---:|---:|---:|---:|---:|");
      for (const row of report.sweep) {
        lines.push(
          `| ${row.efSearch} | ${row.recall.toFixed(4)} | ${milliseconds(row.p50Milliseconds)} | ${milliseconds(row.p99Milliseconds)} | ${milliseconds(row.cpuP50Milliseconds)} |`,
        );
      }
      lines.push("");
    }
  }
  lines.push(
    `#### Summary: smallest efSearch with recall@${k} >= ${targetRecall}, and the efSearch an index of that size gets (ef-search.ts)`,
    "",
  );
  lines.push(
    `| data | vectors | M | efConstruction | build s | build CPU s | RSS increase MiB | index file MiB | efSearch | recall@${k} | p50 ms | p99 ms | exact scan p50 ms | chosen efSearch | its recall@${k} | its p50 ms | its p99 ms |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const dataSet of dataSets) {
    for (const report of dataSet.sizes) {
      const smallest = report.sweep.find((row) => row.recall >= targetRecall);
      // An index of this size is built with hnswDegreeFor's M: the chosen efSearch says nothing about a graph of another M.
      const sameDegree = report.m === hnswDegreeFor(report.size);
      const chosen = sameDegree ? report.sweep.find((row) => row.efSearch === efSearchFor(report.size)) : undefined;
      const smallestColumns = smallest
        ? `${smallest.efSearch} | ${smallest.recall.toFixed(4)} | ${milliseconds(smallest.p50Milliseconds)} | ${milliseconds(smallest.p99Milliseconds)}`
        : "not reached | | |";
      const chosenColumns = chosen
        ? `${chosen.efSearch} | ${chosen.recall.toFixed(4)} | ${milliseconds(chosen.p50Milliseconds)} | ${milliseconds(chosen.p99Milliseconds)}`
        : sameDegree
          ? `${efSearchFor(report.size)} (not in the sweep) | | |`
          : `M ${hnswDegreeFor(report.size)} at this size | | |`;
      lines.push(
        `| ${dataSet.name} | ${report.size} | ${report.m} | ${report.efConstruction} | ${report.buildSeconds.toFixed(1)} | ${report.buildCpuSeconds.toFixed(1)} | ` +
          `${mebibytes(report.rssIncreaseBytes)} | ${mebibytes(report.indexFileBytes)} | ${smallestColumns} | ${report.exactScanMilliseconds.toFixed(1)} | ${chosenColumns} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
