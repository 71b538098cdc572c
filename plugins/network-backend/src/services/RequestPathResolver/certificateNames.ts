/** The wildcard names that would cover a hostname: `a.b.c` -> `*.b.c`, `*.c`. */
export function coveringWildcards(hostname: string): string[] {
  const labels = hostname.toLowerCase().split('.');
  const wildcards: string[] = [];
  for (let index = 1; index < labels.length - 1; index += 1) {
    wildcards.push(`*.${labels.slice(index).join('.')}`);
  }
  return wildcards;
}
