/**
 * Normalised SVG for committed snapshots (as @observablehq/plot's own tests do): ids renumbered in order of
 * appearance, numbers inside attributes rounded to one decimal, one element per line, so a snapshot diff shows
 * what a reader would see change and nothing else.
 */
export function normaliseSvg(svg: string): string {
  const ids = new Map<string, string>();
  const idOf = (id: string) => {
    if (!ids.has(id)) ids.set(id, `id-${ids.size}`);
    return ids.get(id)!;
  };
  return (
    svg
      .replace(/ id="([^"]+)"/g, (_, id: string) => ` id="${idOf(id)}"`)
      .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${idOf(id)})`)
      .replace(
        /="([^"]*)"/g,
        (_, v: string) => `="${v.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10))}"`,
      )
      .replace(/></g, '>\n<') + '\n'
  );
}
