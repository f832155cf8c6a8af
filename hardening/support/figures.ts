// The figures each part reports, printed as one table at the end of the run.
export const figures: { part: string; figure: string; value: string | number }[] = [];

export function report(part: string, values: Record<string, string | number>): void {
  for (const [figure, value] of Object.entries(values)) figures.push({ part, figure, value });
  console.log(`[hardening] ${part}: ${Object.entries(values).map(([k, v]) => `${k}=${v}`).join(", ")}`);
}

export function summaryTable(): string {
  const rows = figures.map((f) => [f.part, f.figure, String(f.value)]);
  const widths = [0, 1, 2].map((i) => Math.max(...[["part", "figure", "value"], ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  return [line(["part", "figure", "value"]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
